/**
 * The bubble view's geometry, kept pure so it can be tested: the evidence-gap-map form (rows ×
 * theme columns, one mark per cell), where a bubble's AREA is proportional to its cell's count
 * on one scale for the whole map, and the three states differ in shape and pattern, never in
 * colour alone: confirmed = a filled disc, suggested = a hatched ring with a dashed outline,
 * gap = a small hollow square.
 */
import {
  cellStatus,
  MAP_STATUS_LABEL,
  MAP_STATUSES,
  type MapStatus,
  type Matrix,
  readableTextOn,
} from '@repo/types'

import { wrapLabel } from './bubbleText'
import { drillDownHref } from './matrix'

/** Sizes in SVG user units (px at 100 %). Labels cannot be measured on the server: `charWidth`
 * is a generous average for 12 px sans-serif, so estimated lines err on the short side. */
export const BUBBLE = {
  fontSize: 12,
  lineHeight: 14,
  charWidth: 6.6,
  margin: 8,
  labelWidth: 300,
  labelLines: 2,
  colWidth: 104,
  headerLines: 3,
  rowHeight: 40,
  /** The largest bubble: its cell's half height, less a gap so neighbours never touch. */
  rMax: 17,
  /** The smallest bubble: a count of 1 stays visible whatever the map's largest count. */
  rMin: 3.5,
  /** The gap mark's side. */
  gapSide: 8,
  legendLine: 26,
  legendMinWidth: 420,
} as const

export type Shape = 'disc' | 'ring' | 'square'
export type Mark = { shape: Shape; fill: 'solid' | 'hatch' | 'none'; outline: 'none' | 'dashed' }

/** How each state is drawn. Shape and fill pattern tell them apart without colour. */
export const STATE_MARK: Record<MapStatus, Mark> = {
  confirmed: { shape: 'disc', fill: 'solid', outline: 'none' },
  suggested: { shape: 'ring', fill: 'hatch', outline: 'dashed' },
  gap: { shape: 'square', fill: 'none', outline: 'none' },
}

/** What each state means, for the legend. */
export const STATE_MEANING: Record<MapStatus, string> = {
  confirmed: 'published products are linked',
  suggested: 'no linked product, strong suggestions',
  gap: 'no product',
}

/** The exact radius for `count` on a map whose largest count is `max`: area ∝ count. */
export const exactRadius = (count: number, max: number): number =>
  count <= 0 || max <= 0 ? 0 : BUBBLE.rMax * Math.sqrt(Math.min(1, count / max))

/**
 * The drawn radius (0.1 px steps): the exact one, but never under `rMin` for a count of 1 or
 * more. Rounding and the floor are monotonic, so a larger count never gets a smaller bubble.
 */
export function radiusFor(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0
  return Math.max(BUBBLE.rMin, Math.round(exactRadius(count, max) * 10) / 10)
}

/** The largest count drawn at the minimum size rather than to scale (0: every count is to scale). */
export function flooredUpTo(max: number): number {
  let n = 0
  while (n + 1 <= max && exactRadius(n + 1, max) < BUBBLE.rMin) n++
  return n
}

export type BubbleColumn = {
  slug: string
  title: string
  lines: string[]
  /** The column's centre. */
  x: number
  colour: string
  text: '#111111' | '#ffffff'
  href: string
}

export type BubbleRow = {
  key: string
  label: string
  lines: string[]
  truncated: boolean
  /** The row's centre line. */
  y: number
  /** The need's page (learning-needs axis), else null. */
  href: string | null
}

export type BubbleCell = {
  row: number
  col: number
  cx: number
  cy: number
  /** 0 for a gap, which is drawn as a square of side `BUBBLE.gapSide` instead. */
  r: number
  status: MapStatus
  count: number
  mark: Mark
  /** The drill-down (`drillDownHref`). */
  href: string
  /** The same place through `/n/<need id>/<theme id>`, a few bytes instead of two slugs. */
  shortHref: string
  /** The cell's box: the link's target area. */
  box: { x: number; y: number; width: number; height: number }
}

/** A size sample of the legend: its circle's centre `x` and its words at `labelX` (legend units). */
export type LegendSize = { count: number; label: string; r: number; x: number; labelX: number }

/** The legend's first words on the sizes line. */
export const LEGEND_SIZE_TEXT = 'Size: area ∝ number of products'

/** A line of text's estimated width. */
export const textWidth = (text: string): number => Math.ceil(text.length * BUBBLE.charWidth)

export type BubbleLayout = {
  width: number
  height: number
  /** The grid of cells (below the headers, right of the labels). */
  grid: { x: number; y: number; width: number; height: number }
  columns: BubbleColumn[]
  rows: BubbleRow[]
  /** Row-major: `cells[row * columns.length + col]`. */
  cells: BubbleCell[]
  /** The largest count on the map (confirmed or suggested): the scale's top. */
  max: number
  legend: {
    y: number
    height: number
    /** The sizes line's centre, and each state's line's centre (legend units). */
    sizesY: number
    sizes: LegendSize[]
    statesY: number[]
    stateMarkR: number
    states: { status: MapStatus; label: string; meaning: string; mark: Mark }[]
  }
}

/** The prefix of the short cell links; `src/app/n/[need]/[[...theme]]` redirects them. */
export const CELL_LINK_PREFIX = '/n'

/**
 * A cell's short link: on the learning-needs axis, by the need's and the theme's ids (stable,
 * unlike positions), which the site redirects to `drillDownHref`. Product-type rows have short
 * keys and few rows, so they keep the drill-down itself.
 */
export function compactCellHref(
  matrix: Pick<Matrix, 'axis' | 'programme'>,
  row: Pick<Matrix['rows'][number], 'key' | 'id'>,
  theme: Pick<Matrix['themes'][number], 'slug' | 'id'>,
): string {
  if (matrix.axis !== 'learning-needs' || row.id === undefined)
    return drillDownHref(matrix, row, theme)
  return `${CELL_LINK_PREFIX}/${encodeURIComponent(String(row.id))}/${encodeURIComponent(String(theme.id))}`
}

/** The largest count the map draws, confirmed or suggested. */
export const bubbleMax = (matrix: Pick<Matrix, 'rows' | 'themes'>): number =>
  Math.max(
    0,
    ...matrix.rows.flatMap((row) => matrix.themes.map((t) => cellStatus(row, t.slug).count)),
  )

/** Two or three round sample counts for the size legend: 1, a middle one and the largest. */
export function legendCounts(max: number): number[] {
  if (max <= 0) return []
  const mid = max >= 4 ? niceRound(max / 2) : 0
  return [...new Set([1, mid, max])].filter((n) => n >= 1 && n <= max).sort((a, b) => a - b)
}

const niceRound = (n: number): number => {
  const step = 10 ** Math.max(0, Math.floor(Math.log10(n)))
  const rounded = Math.round(n / step) * step
  return rounded >= 1 ? rounded : Math.round(n)
}

const productWord = (n: number) => (n === 1 ? 'product' : 'products')

/** Lays out the whole figure. */
export function layoutBubbles(matrix: Matrix): BubbleLayout {
  const { margin, labelWidth, colWidth, rowHeight, lineHeight, charWidth } = BUBBLE
  const max = bubbleMax(matrix)
  const headerChars = Math.floor((colWidth - 8) / charWidth)
  const labelChars = Math.floor((labelWidth - 12) / charWidth)
  const headerHeight = BUBBLE.headerLines * lineHeight + 12
  const gridX = margin + labelWidth
  const gridY = margin + headerHeight
  const gridWidth = matrix.themes.length * colWidth
  const gridHeight = matrix.rows.length * rowHeight

  const columns: BubbleColumn[] = matrix.themes.map((t, c) => ({
    slug: t.slug,
    title: t.title,
    lines: wrapLabel(t.shortTitle || t.title, headerChars, BUBBLE.headerLines).lines,
    x: gridX + c * colWidth + colWidth / 2,
    colour: t.colour,
    text: readableTextOn(t.colour),
    href: drillDownHref(matrix, null, t),
  }))

  const rows: BubbleRow[] = matrix.rows.map((row, r) => {
    const { lines, truncated } = wrapLabel(row.label, labelChars, BUBBLE.labelLines)
    return {
      key: row.key,
      label: row.label,
      lines,
      truncated,
      y: gridY + r * rowHeight + rowHeight / 2,
      href: matrix.axis === 'learning-needs' ? `/learning-needs/${row.key}` : null,
    }
  })

  const cells: BubbleCell[] = matrix.rows.flatMap((row, r) =>
    matrix.themes.map((t, c) => {
      const { status, count } = cellStatus(row, t.slug)
      return {
        row: r,
        col: c,
        cx: columns[c]!.x,
        cy: rows[r]!.y,
        r: status === 'gap' ? 0 : radiusFor(count, max),
        status,
        count,
        mark: STATE_MARK[status],
        href: drillDownHref(matrix, row, t),
        shortHref: compactCellHref(matrix, row, t),
        box: {
          x: gridX + c * colWidth,
          y: gridY + r * rowHeight,
          width: colWidth,
          height: rowHeight,
        },
      }
    }),
  )

  const floored = flooredUpTo(max)
  const samples = legendCounts(max).map((count) => ({
    count,
    label:
      count === 1 && floored > 1
        ? `1–${floored} ${productWord(floored)}`
        : `${count} ${productWord(count)}`,
    r: radiusFor(count, max),
  }))
  // Legend coordinates are relative to its origin (margin, legend.y).
  const sampleR = Math.max(BUBBLE.rMin, ...samples.map((x) => x.r))
  let cursor = textWidth(LEGEND_SIZE_TEXT) + 16
  const sizes: LegendSize[] = samples.map((sample) => {
    const x = cursor + sampleR
    const labelX = x + sampleR + 4
    cursor = labelX + textWidth(sample.label) + 16
    return { ...sample, x, labelX }
  })
  const sizesY = BUBBLE.legendLine + sampleR
  const stateMarkR = 8
  const statesY = MAP_STATUSES.map(
    (_, i) => sizesY + sampleR + stateMarkR + 8 + i * BUBBLE.legendLine,
  )
  const statesWidth = Math.max(
    ...MAP_STATUSES.map((st) => 28 + textWidth(`${MAP_STATUS_LABEL[st]}: ${STATE_MEANING[st]}`)),
  )
  const legendWidth = Math.max(cursor, statesWidth)
  const legendHeight = statesY.at(-1)! + stateMarkR + 4

  const legendY = gridY + gridHeight + 16
  return {
    width: Math.max(gridX + gridWidth, margin + legendWidth) + margin,
    height: legendY + legendHeight + margin,
    grid: { x: gridX, y: gridY, width: gridWidth, height: gridHeight },
    columns,
    rows,
    cells,
    max,
    legend: {
      y: legendY,
      height: legendHeight,
      sizesY,
      sizes,
      statesY,
      stateMarkR,
      states: MAP_STATUSES.map((status) => ({
        status,
        label: MAP_STATUS_LABEL[status],
        meaning: STATE_MEANING[status],
        mark: STATE_MARK[status],
      })),
    },
  }
}
