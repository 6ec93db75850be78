/**
 * The query of the product endpoints (search, stream, facets): the product filter language of
 * @repo/types plus the extra parameters an endpoint names. Anything wrong is a 400 with
 * `{ errors: [{ message, param }] }`.
 */
import { FilterError, type ProductFilter, productFilters } from '@repo/types'

/** The longest query: far above any filter the site builds (≤ 100 values of ≤ 200). */
export const MAX_QUERY_STRING = 8 * 1024

export type Issue = { message: string; param?: string }

export const badRequest = (errors: Issue[]) => Response.json({ errors }, { status: 400 })

/** The URL of a request, or the problem when its query is too long. */
export function readUrl(url: string | undefined): URL | Issue[] {
  const parsed = new URL(url ?? 'http://localhost')
  if (parsed.search.length > MAX_QUERY_STRING) {
    return [{ message: `The query may hold at most ${MAX_QUERY_STRING} characters.` }]
  }
  return parsed
}

/** The request's product filter and the values of the `extra` parameters, or a 400 answer. */
export function readProductQuery(
  url: string | undefined,
  extra: readonly string[] = [],
): { filter: ProductFilter; extra: Map<string, string[]>; url: URL } | Response {
  const parsed = readUrl(url)
  if (Array.isArray(parsed)) return badRequest(parsed)
  const rest = new URLSearchParams()
  const taken = new Map<string, string[]>()
  for (const [k, v] of parsed.searchParams) {
    if (extra.includes(k)) taken.set(k, [...(taken.get(k) ?? []), v])
    else rest.append(k, v)
  }
  try {
    return { filter: productFilters.parse(rest), extra: taken, url: parsed }
  } catch (err) {
    if (err instanceof FilterError) {
      return badRequest(err.issues.map((i) => ({ message: i.message, param: i.param })))
    }
    throw err
  }
}
