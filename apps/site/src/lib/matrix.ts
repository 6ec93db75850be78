/**
 * The map's visual encoding, kept pure so it can be tested: a cell's count becomes a level
 * (0 = gap, 1–4 = quarters of the largest count), a dot size (area ∝ count) and a fill colour
 * (the theme colour, stronger with the level), and rows with no product are gaps.
 */
import {
  type Matrix,
  type MatrixRow,
  parseHex,
  readableTextOn,
  type ThemeRef,
  toSearchParams,
} from '@repo/types'

import { dotRem, DOT_MAX_REM, DOT_MIN_REM, type Level, levelFor } from './levels'

export { DOT_MAX_REM, DOT_MIN_REM, type Level, levelFor }

/** How strongly each level shows the theme colour (mixed with white). */
export const LEVEL_STRENGTH: Record<Level, number> = { 0: 0, 1: 0.25, 2: 0.5, 3: 0.75, 4: 1 }

export type CellEncoding = {
  count: number
  level: Level
  /** No product at all: shown hatched, with the word "gap" for screen readers. */
  gap: boolean
  /** CSS class of the level: `cell-l0` … `cell-l4`. */
  className: string
  /** Dot diameter in rem (0 for a gap). */
  dotRem: number
  /** Dot fill, and the text colour that reads on it. */
  fill: string
  text: '#111111' | '#ffffff'
}

/** `hex` mixed with white: `strength` 1 is the colour itself, 0 is white. */
export function tint(hex: string, strength: number): string {
  const rgb = parseHex(hex) ?? [85, 85, 85]
  const s = Math.min(1, Math.max(0, strength))
  return `#${rgb
    .map((c) => Math.round(255 - (255 - c) * s))
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')}`
}

/** Encodes one cell. The dot's AREA is proportional to the count. */
export function encodeCell(count: number, max: number, colour: string): CellEncoding {
  const level = levelFor(count, max)
  const gap = level === 0
  const fill = gap ? '#ffffff' : tint(colour, LEVEL_STRENGTH[level])
  return {
    count,
    level,
    gap,
    className: `cell-l${level}`,
    dotRem: dotRem(count, max),
    fill,
    text: readableTextOn(fill),
  }
}

/**
 * The dots' fills, as one style sheet for the whole table (column by column, level by level),
 * rather than a style on each of the hundreds of cells.
 */
export function dotStyleSheet(themes: Pick<ThemeRef, 'colour'>[]): string {
  return themes
    .flatMap((t, c) =>
      ([1, 2, 3, 4] as const).map(
        (level) =>
          `.matrix td:nth-child(${c + 2}).l${level} i{background:${tint(t.colour, LEVEL_STRENGTH[level])}}`,
      ),
    )
    .join('')
}

/** The count bands of each level for a map whose largest count is `max` (empty bands left out). */
export function legendBands(max: number): { level: Level; from: number; to: number }[] {
  if (max <= 0) return []
  const bands: { level: Level; from: number; to: number }[] = []
  for (const level of [1, 2, 3, 4] as const) {
    const from = Math.floor((max * (level - 1)) / 4) + 1
    const to = Math.floor((max * level) / 4)
    if (from <= to) bands.push({ level, from, to })
  }
  return bands
}

/** The largest cell count on the map. */
export const maxCount = (matrix: Pick<Matrix, 'rows'>): number =>
  Math.max(0, ...matrix.rows.flatMap((r) => Object.values(r.cells)))

/** A row is a gap when no published product covers it at all. */
export const isGapRow = (row: Pick<MatrixRow, 'total'>): boolean => row.total === 0

/** The rows that are gaps. */
export const gapRows = (matrix: Pick<Matrix, 'rows'>): MatrixRow[] => matrix.rows.filter(isGapRow)

/** Where a click on a cell (or a row or column header) leads: `/products` with that filter. */
export function drillDownHref(
  matrix: Pick<Matrix, 'axis' | 'programme'>,
  row: Pick<MatrixRow, 'key'> | null,
  theme: Pick<ThemeRef, 'slug'> | null,
): string {
  const themes = theme ? [theme.slug] : []
  const params =
    matrix.axis === 'learning-needs'
      ? // Any programme's products can address a need: the programme switch picks the needs.
        toSearchParams({ learningNeeds: row ? [row.key] : [], themes })
      : toSearchParams({
          types: row ? [row.key as never] : [],
          themes,
          programmes: matrix.programme ? [matrix.programme.slug] : [],
        })
  const qs = params.toString()
  return qs ? `/products?${qs}` : '/products'
}
