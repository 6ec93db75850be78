/**
 * The URL ⇄ filter mapping of the `/products` page. The query string is always the canonical one
 * of `toSearchParams` (fixed parameter order, defaults left out, lists sorted), so a copied link
 * reproduces the view and equal views have equal URLs.
 */
import {
  type FilterIssue,
  type ProductFilter,
  type ProductFilterInput,
  productFilters,
} from '@repo/types/filters'

export type SearchParamsRecord = Record<string, string | string[] | undefined>

export type ParsedView =
  { ok: true; filter: ProductFilter; query: string } | { ok: false; issues: FilterIssue[] }

/** The canonical query string (without `?`) of a filter. */
export const canonicalQuery = (filter: ProductFilterInput): string =>
  productFilters.toSearchParams(filter).toString()

/** Reads a page's search params (as Next.js passes them, or a query string) into a filter. */
export function parseView(input: SearchParamsRecord | URLSearchParams | string): ParsedView {
  const result = productFilters.safeParse(input)
  if (!result.ok) return { ok: false, issues: result.error.issues }
  return { ok: true, filter: result.filter, query: canonicalQuery(result.filter) }
}

/** The query string as it arrived, for comparing with the canonical one. */
export function rawQuery(input: SearchParamsRecord): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v)
  }
  return params.toString()
}

/** `/products` with the filter, e.g. a facet toggled or another page. */
export function productsHref(filter: ProductFilterInput): string {
  const qs = canonicalQuery(filter)
  return qs ? `/products?${qs}` : '/products'
}

type ListField = 'themes' | 'partnerships' | 'programmes' | 'types' | 'languages' | 'countries'

/** The filter with `value` added to or removed from a facet, back on page 1. */
export function toggle(filter: ProductFilter, field: ListField, value: string): ProductFilter {
  const list = filter[field] as string[]
  const next = list.includes(value) ? list.filter((v) => v !== value) : [...list, value]
  return productFilters.normalise({ ...filter, [field]: next, page: 1 } as ProductFilterInput)
}

/** The query string an export of this view takes: the filter and order, not the paging. */
export function exportQuery(filter: ProductFilter): string {
  return canonicalQuery({ ...filter, page: 1, limit: undefined })
}

/** The Atom feed of a `/products` view: the same filter, without paging or order. */
export function feedPath(filter: ProductFilterInput): string {
  // A feed follows the view from now on: a date in the past would freeze it.
  const qs = canonicalQuery({
    ...filter,
    sort: undefined,
    page: 1,
    limit: undefined,
    asOf: undefined,
  })
  return qs ? `/feeds/products.atom?${qs}` : '/feeds/products.atom'
}
