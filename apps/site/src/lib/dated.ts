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

/** The map's view: its own parameters plus `asOf`; the canonical query without `?`. */
export function parseMapView(input: Input) {
  const params = input instanceof URLSearchParams ? input : new URLSearchParams(entries(input))
  // Suggestions connect products to needs, so the product-type rows have none: the form's
  // "include suggestions" is dropped there (a redirect to the one URL), not refused.
  const types = params.get('axis') === 'types'
  const rest = new URLSearchParams(
    [...params].filter(([k]) => k !== 'asOf' && !(types && k === 'mode')),
  )
  const map = parseMapParams(rest, { allowUnknown: true })
  const asOf = readAsOf(params)
  const issues = [...(map.ok ? [] : map.issues), ...(asOf.ok ? [] : asOf.issues)]
  if (!map.ok || !asOf.ok) return { ok: false as const, issues }
  return {
    ok: true as const,
    params: map.params,
    asOf: asOf.asOf,
    query: withAsOf(map.query, asOf.asOf),
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
