/**
 * The map's count → level and count → dot size, with no imports, so that the table's client
 * component and the server share them without pulling anything else into the browser.
 */

export type Level = 0 | 1 | 2 | 3 | 4

/** Smallest and largest dot diameter, in rem. */
export const DOT_MIN_REM = 0.5
export const DOT_MAX_REM = 1.75

/** The level of `count` when the largest count on the map is `max`: ⌈4·count/max⌉, 0 for none. */
export function levelFor(count: number, max: number): Level {
  if (!Number.isFinite(count) || count <= 0) return 0
  if (max <= 0 || count >= max) return 4
  return Math.min(4, Math.max(1, Math.ceil((4 * count) / max))) as Level
}

/** The dot's diameter in rem: its AREA is proportional to the count (0 for none). */
export function dotRem(count: number, max: number): number {
  if (!Number.isFinite(count) || count <= 0) return 0
  const share = max <= 0 ? 1 : Math.min(1, count / max)
  return Number((DOT_MIN_REM + (DOT_MAX_REM - DOT_MIN_REM) * Math.sqrt(share)).toFixed(3))
}

/** A day as days since 1970-01-01 (UTC), the table's compact date. */
export const dayNumber = (iso: string | null | undefined): number =>
  iso ? Math.floor(Date.parse(iso) / 86_400_000) : 0

/** "3 Nov 2026" for a day number, the same on the server and in the browser. */
export const shortDay = (day: number): string =>
  new Date(day * 86_400_000).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })
