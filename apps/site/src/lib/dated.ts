/**
 * Dated views outside `/products` (whose filter language has `asOf` itself): the map and a
 * need's page take `asOf` next to their own parameters, with the same meaning and checks.
 */
import { AsOfSchema, asOfInstant, type FilterIssue, parseMapParams } from '@repo/types'

export type AsOf = { value: string; at: Date }

type Input = URLSearchParams | Record<string, string | string[] | undefined>

const entries = (input: Input): [string, string][] =>
  input instanceof URLSearchParams
    ? [...input]
    : Object.entries(input).flatMap(([k, v]) =>
        v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x]),
      )

/** The `asOf` of a query (absent: none), or the issue with it. */
export function readAsOf(
  input: Input,
): { ok: true; asOf?: AsOf } | { ok: false; issues: FilterIssue[] } {
  const values = entries(input)
    .filter(([k, v]) => k === 'asOf' && v.trim() !== '')
    .map(([, v]) => v.trim())
  if (values.length === 0) return { ok: true }
  if (values.length > 1) {
    return { ok: false, issues: [{ param: 'asOf', message: 'Give this parameter only once.' }] }
  }
  const r = AsOfSchema.safeParse(values[0])
  if (!r.success)
    return { ok: false, issues: [{ param: 'asOf', message: r.error.issues[0]!.message }] }
  return { ok: true, asOf: { value: r.data, at: asOfInstant(r.data)! } }
}

const withAsOf = (query: string, asOf?: AsOf) =>
  asOf ? [query, `asOf=${encodeURIComponent(asOf.value)}`].filter(Boolean).join('&') : query

/** How the home page draws the map: the table (the default) or the bubble view. */
export const MAP_VIEWS = ['table', 'bubbles'] as const
export type MapView = (typeof MAP_VIEWS)[number]

/**
 * The map's view: its own parameters plus `view` and `asOf`; the canonical query without `?`.
 */
export function parseMapView(input: Input) {
  const params = input instanceof URLSearchParams ? input : new URLSearchParams(entries(input))
  // Suggestions connect products to needs, so the product-type rows have none: the form's
  // "include suggestions" is dropped there (a redirect to the one URL), not refused.
  const types = params.get('axis') === 'types'
  const rest = new URLSearchParams(
    [...params].filter(([k]) => k !== 'asOf' && k !== 'view' && !(types && k === 'mode')),
  )
  const map = parseMapParams(rest, { allowUnknown: true })
  const asOf = readAsOf(params)
  const views = params.getAll('view').filter((v) => v.trim() !== '')
  const view = (views[0]?.trim() || 'table') as MapView
  const viewIssues: FilterIssue[] =
    views.length > 1
      ? [{ param: 'view', message: 'Give this parameter only once.' }]
      : MAP_VIEWS.includes(view)
        ? []
        : [{ param: 'view', message: `Use ${MAP_VIEWS.join(' or ')}.` }]
  const issues = [...(map.ok ? [] : map.issues), ...(asOf.ok ? [] : asOf.issues), ...viewIssues]
  if (!map.ok || !asOf.ok || viewIssues.length > 0) return { ok: false as const, issues }
  const query = [map.query, view === 'table' ? '' : `view=${view}`].filter(Boolean).join('&')
  return {
    ok: true as const,
    params: map.params,
    view,
    asOf: asOf.asOf,
    query: withAsOf(query, asOf.asOf),
  }
}

/** A record's page that takes only `asOf` (a need's). */
export function parseAsOfOnly(input: Input) {
  const asOf = readAsOf(input)
  if (!asOf.ok) return asOf
  return { ok: true as const, asOf: asOf.asOf, query: withAsOf('', asOf.asOf) }
}

/** The moment a view is read, as the `asOf` of its dated permalink (to the millisecond). */
export const readNow = (): AsOf => {
  const at = new Date()
  return { value: at.toISOString(), at }
}

/** "1 December 2026, 10:15 UTC" (a day-only asOf shows the day). */
export function asOfLabel(asOf: AsOf): string {
  const day = asOf.at.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf.value)) return `${day} (end of the day, UTC)`
  return `${day}, ${asOf.at.toISOString().slice(11, 19)} UTC`
}
