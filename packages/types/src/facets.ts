/**
 * Facet counts for a knowledge-product filter: for each facet (theme, programme, partnership,
 * type, year, language, country), how many PUBLISHED products each value would give. The CMS
 * computes them (`GET /api/map/facets?<product filter query>`); this module holds the response
 * schema and a small typed helper that takes the same `{ baseUrl, fetch }` options as the SDK.
 *
 * Counts are "disjunctive": a facet's counts apply every filter except that facet's own, so a
 * visitor who ticked one theme still sees what each other theme would add.
 */
import { z } from 'zod'

import { codeForStatus, KnowledgeMapError } from './errors.js'
import {
  FilterError,
  productFilters,
  type ProductFilter,
  type ProductFilterInput,
  type QueryInput,
} from './filters.js'

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

/** Options of `fetchFacets`: the same as the SDK's `createClient`. */
export type FacetsClientOptions = {
  /** The CMS's public origin (no trailing `/api`). */
  baseUrl: string
  /** Where the REST API is mounted. Default `/api`. */
  apiPath?: string
  fetch?: typeof fetch
  headers?: HeadersInit
  signal?: AbortSignal
  /** Default 30000. */
  timeoutMs?: number
}

/**
 * The facet counts for a product filter (an object or a query string).
 * @throws KnowledgeMapError (`invalid_filter`, HTTP and network codes, `invalid_response`)
 */
export async function fetchFacets(
  options: FacetsClientOptions,
  filter: ProductFilterInput | QueryInput = {},
): Promise<Facets> {
  let params: URLSearchParams
  try {
    const f =
      typeof filter === 'string' || filter instanceof URLSearchParams
        ? productFilters.parse(filter)
        : productFilters.normalise(filter as ProductFilterInput)
    params = facetsQuery(f)
  } catch (err) {
    if (err instanceof FilterError) {
      throw new KnowledgeMapError(`Invalid filter: ${err.message}`, {
        code: 'invalid_filter',
        details: err.issues,
        cause: err,
      })
    }
    throw err
  }
  const doFetch = options.fetch ?? globalThis.fetch
  const base = new URL(options.baseUrl)
  const apiPath = `/${(options.apiPath ?? '/api').replace(/^\/+|\/+$/g, '')}`
  const url = new URL(`${base.pathname.replace(/\/+$/, '')}${apiPath}${FACETS_PATH}`, base)
  url.search = params.toString()
  const href = url.toString()
  const timeoutMs = options.timeoutMs ?? 30_000
  const timeout = AbortSignal.timeout(timeoutMs)
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout
  const headers = new Headers(options.headers)
  headers.set('Accept', 'application/json')
  headers.delete('authorization')
  headers.delete('cookie')

  let response: Response
  let text: string
  try {
    response = await doFetch(href, { method: 'GET', headers, signal, credentials: 'omit' })
    text = await response.text()
  } catch (err) {
    const code = timeout.aborted ? 'timeout' : signal.aborted ? 'aborted' : 'network_error'
    throw new KnowledgeMapError(`Could not read the facets (${code}).`, {
      code,
      url: href,
      cause: err,
    })
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (err) {
    if (response.ok) {
      throw new KnowledgeMapError('The CMS answered with something that is not JSON.', {
        status: response.status,
        code: 'invalid_json',
        details: text.slice(0, 2000),
        url: href,
        cause: err,
      })
    }
  }
  if (!response.ok) {
    throw new KnowledgeMapError(`The CMS answered ${response.status} for the facets.`, {
      status: response.status,
      code: codeForStatus(response.status),
      details: body ?? text.slice(0, 2000),
      url: href,
    })
  }
  const parsed = FacetsSchema.safeParse(body)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    }))
    throw new KnowledgeMapError("The CMS's facets do not match the expected shape.", {
      status: response.status,
      code: 'invalid_response',
      details: issues,
      url: href,
    })
  }
  return parsed.data
}
