/**
 * The query strings each endpoint accepts. Products and learning needs take exactly the site's
 * filter query (`/products?theme=…&yearFrom=…`), parsed with the shared filter language of
 * `@repo/types`, so a site URL's query is a valid export query. Exports hold every matching
 * record in the view's `sort` order (the SDK pages by keyset on it); `page` and `limit` are
 * validated like on the site but do not cut the export.
 */
import {
  learningNeedFilters,
  type FilterError,
  type LearningNeedFilter,
  type MapParams,
  parseMapParams,
  productFilters,
  type ProductFilter,
} from '@repo/types'

import { CSV_DELIMITERS, type CsvDelimiter } from './formats.js'
import { badParameter } from './problem.js'

/** Parameters that shape the view but not which records it holds: left out of file names. */
const VIEW_ONLY = ['sort', 'page', 'limit']

/** `?bom=1` adds a UTF-8 byte order mark to a CSV (Excel then reads UTF-8 correctly). */
function takeBom(params: URLSearchParams, allowed: boolean): boolean {
  const values = params.getAll('bom')
  params.delete('bom')
  if (values.length === 0) return false
  if (!allowed) throw badParameter('bom', 'Only CSV exports take a byte order mark.')
  if (values.length > 1) throw badParameter('bom', 'Give this parameter only once.')
  const v = values[0]!.trim().toLowerCase()
  if (v === '1' || v === 'true' || v === '') return true
  if (v === '0' || v === 'false') return false
  throw badParameter('bom', 'Use bom=1 or bom=0.')
}

/** `?delimiter=semicolon` separates CSV fields with `;` (Dutch and French Excel); default comma. */
function takeDelimiter(params: URLSearchParams, allowed: boolean): CsvDelimiter {
  const values = params.getAll('delimiter')
  params.delete('delimiter')
  if (values.length === 0) return 'comma'
  if (!allowed) throw badParameter('delimiter', 'Only CSV exports take a delimiter.')
  if (values.length > 1) throw badParameter('delimiter', 'Give this parameter only once.')
  const v = values[0]!.trim().toLowerCase()
  if (v === '') return 'comma'
  if (Object.hasOwn(CSV_DELIMITERS, v)) return v as CsvDelimiter
  throw badParameter('delimiter', `Use ${Object.keys(CSV_DELIMITERS).join(' or ')}.`)
}

/** The CSV-only parameters. */
function takeCsvOptions(params: URLSearchParams, csv: boolean) {
  return { bom: takeBom(params, csv), delimiter: takeDelimiter(params, csv) }
}

const fromFilterError = (error: FilterError) =>
  badParameter(error.param, error.issues[0]?.message ?? error.message, error.issues)

function canonical(params: URLSearchParams): string {
  for (const key of VIEW_ONLY) params.delete(key)
  return params.toString()
}

export type ParsedQuery<F> = {
  filter: F
  /** The canonical filter query (without the view-only parameters); empty for everything. */
  query: string
  bom: boolean
  delimiter: CsvDelimiter
}

export function parseProductQuery(raw: string, csv: boolean): ParsedQuery<ProductFilter> {
  const params = new URLSearchParams(raw)
  const options = takeCsvOptions(params, csv)
  const result = productFilters.safeParse(params)
  if (!result.ok) throw fromFilterError(result.error)
  return {
    filter: result.filter,
    query: canonical(productFilters.toSearchParams(result.filter)),
    ...options,
  }
}

export function parseLearningNeedQuery(raw: string, csv: boolean): ParsedQuery<LearningNeedFilter> {
  const params = new URLSearchParams(raw)
  const options = takeCsvOptions(params, csv)
  const result = learningNeedFilters.safeParse(params)
  if (!result.ok) throw fromFilterError(result.error)
  return {
    filter: result.filter,
    query: canonical(learningNeedFilters.toSearchParams(result.filter)),
    ...options,
  }
}

/** The map's query: the site's home page (`/?programme=…&axis=types`). */
export type MapQuery = MapParams

/** Parsed by `parseMapParams` of @repo/types, as the site's home page and the CMS do. */
export function parseMapQuery(raw: string, csv: boolean): ParsedQuery<MapQuery> {
  const params = new URLSearchParams(raw)
  const options = takeCsvOptions(params, csv)
  const result = parseMapParams(params)
  if (!result.ok) {
    const first = result.issues[0]!
    throw badParameter(first.param, first.message, result.issues)
  }
  return { filter: result.params, query: result.query, ...options }
}
