/**
 * Facet counts for a knowledge-product filter: for each facet (theme, programme, partnership,
 * type, year, language, country), how many PUBLISHED products each value would give. The CMS
 * computes them (`GET /api/map/facets?<product filter query>`); this module holds the response
 * schema and helpers; the SDK asks for them with `client.map.facets(filter)`.
 *
 * Counts are "disjunctive": a facet's counts apply every filter except that facet's own, so a
 * visitor who ticked one theme still sees what each other theme would add.
 */
import { z } from 'zod'

import { productFilters, type ProductFilter, type ProductFilterInput } from './filters.js'

/** The path of the facets endpoint under the API root. */
export const FACETS_PATH = '/map/facets'

/** The facets, in the order a search page shows them. */
export const FACET_KEYS = [
  'themes',
  'programmes',
  'partnerships',
  'types',
  'years',
  'languages',
  'countries',
] as const
export type FacetKey = (typeof FACET_KEYS)[number]

/** The filter field each facet narrows (`years` narrows `yearFrom` and `yearTo`). */
export const FACET_FIELDS = {
  themes: ['themes'],
  programmes: ['programmes'],
  partnerships: ['partnerships'],
  types: ['types'],
  years: ['yearFrom', 'yearTo'],
  languages: ['languages'],
  countries: ['countries'],
} as const satisfies Record<FacetKey, readonly (keyof ProductFilter)[]>

/** One value of a facet: its URL value (a slug, a type, a year, a code or a country name). */
export const FacetValueSchema = z.object({
  value: z.string(),
  label: z.string(),
  count: z.number().int().nonnegative(),
  /** Theme colour (themes facet only). */
  colour: z.string().optional(),
})
export type FacetValue = z.infer<typeof FacetValueSchema>

/** The response of `GET /api/map/facets`. */
export const FacetsSchema = z.object({
  /** Published products matching the whole filter. */
  total: z.number().int().nonnegative(),
  facets: z.object({
    themes: z.array(FacetValueSchema),
    programmes: z.array(FacetValueSchema),
    partnerships: z.array(FacetValueSchema),
    types: z.array(FacetValueSchema),
    years: z.array(FacetValueSchema),
    languages: z.array(FacetValueSchema),
    countries: z.array(FacetValueSchema),
  }),
})
export type Facets = z.infer<typeof FacetsSchema>

/** The filter with one facet's own fields cleared: what that facet's counts are computed for. */
export function withoutFacet(filter: ProductFilter, key: FacetKey): ProductFilter {
  const out: Record<string, unknown> = { ...filter }
  for (const field of FACET_FIELDS[key]) {
    out[field] = Array.isArray(out[field]) ? [] : undefined
  }
  return out as ProductFilter
}

/**
 * The query string the facets endpoint is asked with: the canonical filter without sort and
 * paging, which do not change counts (so equal views share one cached answer).
 */
export function facetsQuery(filter: ProductFilterInput): URLSearchParams {
  const f = productFilters.normalise(filter)
  return productFilters.toSearchParams({ ...f, sort: undefined, page: undefined, limit: undefined })
}
