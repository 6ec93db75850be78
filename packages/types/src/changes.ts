/**
 * The map's changelog (`/changes` on the site, `GET /api/changes` on the CMS): what was added,
 * updated, linked or unlinked, what coverage changed and what was taken off the map, newest
 * first; and, per cell of the map, when it last changed and when its need was last reviewed
 * (`GET /api/changes/cells`). This module holds the query language and the response schemas.
 */
import { z } from 'zod'

import { COLLECTIONS } from './collections.js'
import { DEFAULT_LIMIT, type FilterIssue, MAX_LIMIT, type QueryInput } from './filters.js'
import { CoverageSchema, MATRIX_AXES } from './schemas.js'
import { isSlug } from './slugify.js'

export const CHANGES_PATH = '/changes'
export const CELL_DATES_PATH = '/changes/cells'

/** Highest page of the changelog a query may ask for. */
export const MAX_CHANGES_PAGE = 1_000

/** What a change did. */
export const CHANGE_KINDS = [
  { value: 'added', label: 'Added' },
  { value: 'updated', label: 'Updated' },
  { value: 'linked', label: 'Linked' },
  { value: 'unlinked', label: 'Unlinked' },
  { value: 'coverage', label: 'Coverage changed' },
  { value: 'withdrawn', label: 'Taken off the map' },
] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]['value']

const DAY = /^\d{4}-\d{2}-\d{2}$/
const isDay = (v: string) =>
  DAY.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v

/** A changelog query: a date range (UTC days, both inclusive), theme slugs and paging. */
export type ChangeFilter = {
  from?: string
  to?: string
  themes: string[]
  page: number
  limit: number
}

export type ChangeFilterResult =
  | { ok: true; filter: ChangeFilter; /** Canonical, without `?`. */ query: string }
  | { ok: false; issues: FilterIssue[] }

const PARAMS = ['from', 'to', 'theme', 'page', 'limit'] as const

/** The canonical query string of a changelog filter (defaults left out, themes sorted). */
export function changeQuery(filter: Partial<ChangeFilter>): string {
  const out = new URLSearchParams()
  if (filter.from) out.set('from', filter.from)
  if (filter.to) out.set('to', filter.to)
  for (const t of [...new Set(filter.themes ?? [])].sort()) out.append('theme', t)
  if (filter.page && filter.page !== 1) out.set('page', String(filter.page))
  if (filter.limit && filter.limit !== DEFAULT_LIMIT) out.set('limit', String(filter.limit))
  return out.toString()
}

/** Parses a changelog query; unknown parameters are an issue unless `allowUnknown`. */
export function parseChangeFilter(
  input: QueryInput,
  options: { allowUnknown?: boolean } = {},
): ChangeFilterResult {
  const entries: [string, string][] =
    typeof input === 'string'
      ? [...new URLSearchParams(input.replace(/^\?/, ''))]
      : input instanceof URLSearchParams
        ? [...input]
        : Object.entries(input).flatMap(([k, v]) =>
            v === undefined
              ? []
              : (typeof v === 'string' ? [v] : v).map((x): [string, string] => [k, x]),
          )
  const issues: FilterIssue[] = []
  const single = new Map<string, string>()
  const themes: string[] = []
  for (const [key, raw] of entries) {
    const value = raw.trim()
    if (!(PARAMS as readonly string[]).includes(key)) {
      if (!options.allowUnknown) issues.push({ param: key, message: 'Unknown parameter.' })
      continue
    }
    if (value === '') continue
    if (key === 'theme') {
      if (isSlug(value)) themes.push(value)
      else issues.push({ param: 'theme', message: 'Give a theme slug.' })
    } else if (single.has(key)) {
      issues.push({ param: key, message: 'Give this parameter only once.' })
    } else {
      single.set(key, value)
    }
  }
  for (const key of ['from', 'to'] as const) {
    const v = single.get(key)
    if (v !== undefined && !isDay(v)) {
      issues.push({ param: key, message: 'Give a date as YYYY-MM-DD.' })
      single.delete(key)
    }
  }
  const from = single.get('from')
  const to = single.get('to')
  if (from && to && from > to) {
    issues.push({ param: 'to', message: 'The end date cannot be before the start date.' })
  }
  const int = (key: 'page' | 'limit', def: number, max: number) => {
    const v = single.get(key)
    if (v === undefined) return def
    const n = /^\d{1,9}$/.test(v) ? Number(v) : NaN
    if (!Number.isInteger(n) || n < 1 || n > max) {
      issues.push({ param: key, message: `Give a whole number from 1 to ${max}.` })
      return def
    }
    return n
  }
  const page = int('page', 1, MAX_CHANGES_PAGE)
  const limit = int('limit', DEFAULT_LIMIT, MAX_LIMIT)
  if (issues.length > 0) return { ok: false, issues }
  const filter: ChangeFilter = { from, to, themes: [...new Set(themes)].sort(), page, limit }
  return { ok: true, filter, query: changeQuery(filter) }
}

const RecordRefSchema = z.object({
  collection: z.enum([COLLECTIONS.knowledgeProducts, COLLECTIONS.learningNeeds]),
  slug: z.string(),
  title: z.string(),
})
export type ChangeRecordRef = z.infer<typeof RecordRefSchema>

/** One entry of the changelog. Public data only: no drafts, no people. */
export const ChangeSchema = z.object({
  /** Stable across requests: the same change always has the same id. */
  id: z.string(),
  at: z.string(),
  kind: z.enum(CHANGE_KINDS.map((k) => k.value) as [ChangeKind, ...ChangeKind[]]),
  /** The record changed; absent for a record taken off the map (it is no longer public). */
  record: RecordRefSchema.nullable(),
  /** The other end of a link, or the product behind a coverage change. */
  related: RecordRefSchema.nullable(),
  /** The fields an update changed (public field names). */
  fields: z.array(z.string()),
  coverage: z.object({ from: CoverageSchema.nullable(), to: CoverageSchema }).nullable(),
  /** The reason given for a coverage change, if any. */
  reason: z.string().nullable(),
  themes: z.array(z.object({ slug: z.string(), title: z.string() })),
})
export type Change = z.infer<typeof ChangeSchema>

export const ChangesPageSchema = z.object({
  docs: z.array(ChangeSchema),
  totalDocs: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  totalPages: z.number().int(),
})
export type ChangesPage = z.infer<typeof ChangesPageSchema>

/**
 * When each cell of the map last changed, and when each row's learning need was last reviewed
 * (an editor's "Reviewed, no change"). Rows by key (a need's slug or a product type), cells by
 * theme slug; a missing date means never.
 */
export const CellDatesSchema = z.object({
  axis: z.enum(MATRIX_AXES),
  rows: z.record(
    z.string(),
    z.object({
      /** The row's own record last changed (a need's edit or coverage change). */
      changed: z.string().nullable(),
      reviewed: z.string().nullable(),
      cells: z.record(z.string(), z.string()),
    }),
  ),
})
export type CellDates = z.infer<typeof CellDatesSchema>
