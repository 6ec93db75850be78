/**
 * The bubble view's words: labels wrapped to their column, a cell's accessible name (as the table words it), the figure's
 * title, and its text alternative (how many cells of each state, and the largest).
 */
import { cellStatus, type MapStatus, type Matrix } from '@repo/types'

import type { BubbleCell } from './bubbles'

const productWord = (n: number) => (n === 1 ? 'product' : 'products')

/**
 * Greedy word wrap into at most `maxLines` lines of `maxChars`; what does not fit ends the last
 * line with "…" (a word longer than a line is cut).
 */
export function wrapLabel(
  text: string,
  maxChars: number,
  maxLines: number,
): { lines: string[]; truncated: boolean } {
  const words = text.trim().split(/\s+/).filter(Boolean)
  const lines: string[] = []
  let current = ''
  let i = 0
  for (; i < words.length; i++) {
    let word = words[i]!
    const candidate = current ? `${current} ${word}` : word
    if (candidate.length <= maxChars) {
      current = candidate
      continue
    }
    if (current) {
      lines.push(current)
      current = ''
      if (lines.length === maxLines) break
    }
    while (word.length > maxChars && lines.length < maxLines) {
      lines.push(word.slice(0, maxChars))
      word = word.slice(maxChars)
    }
    if (lines.length === maxLines) {
      // The cut word's rest is left over.
      words[i] = word
      break
    }
    current = word
  }
  if (current && lines.length < maxLines) lines.push(current)
  const truncated = words.slice(i).some((w) => w.length > 0)
  if (truncated && lines.length > 0) {
    const last = lines[lines.length - 1]!
    lines[lines.length - 1] = `${last.slice(0, maxChars - 1).replace(/\s+$/, '')}…`
  }
  return { lines, truncated }
}

/** A cell's accessible name, as the table words it: "Need, Theme: 3 products (confirmed)". */
export function cellLabel(
  rowLabel: string,
  themeTitle: string,
  cell: Pick<BubbleCell, 'status' | 'count'>,
): string {
  return `${rowLabel}, ${themeTitle}: ${cellCountText(cell)}`
}

/** The part of a cell's name after the row and theme: "3 products (confirmed)", "gap". */
export function cellCountText(cell: Pick<BubbleCell, 'status' | 'count'>): string {
  if (cell.status === 'gap') return 'gap, no product'
  if (cell.status === 'suggested') return `${cell.count} suggested ${productWord(cell.count)}`
  return `${cell.count} ${productWord(cell.count)} (confirmed)`
}

/** The figure's title. */
export function bubbleTitle(matrix: Pick<Matrix, 'axis' | 'programme' | 'mode'>): string {
  const rowNoun = matrix.axis === 'learning-needs' ? 'learning need' : 'product type'
  const programme = matrix.programme ? `, ${matrix.programme.name}` : ''
  const mode = matrix.mode === 'suggested' ? ', with suggestions' : ''
  return `Knowledge products per theme and ${rowNoun}${programme}${mode} (bubble map)`
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * The figure's text alternative: how many rows and cells of each state, and the largest cell.
 */
export function bubbleSummary(matrix: Matrix): string {
  const rowNoun =
    matrix.axis === 'learning-needs'
      ? ['learning need', 'learning needs']
      : ['product type', 'product types']
  const counts: Record<MapStatus, number> = { confirmed: 0, suggested: 0, gap: 0 }
  let largest: { row: string; theme: string; count: number; status: MapStatus } | null = null
  for (const row of matrix.rows) {
    for (const t of matrix.themes) {
      const cell = cellStatus(row, t.slug)
      counts[cell.status]++
      if (cell.count > 0 && (!largest || cell.count > largest.count)) {
        largest = { row: row.label, theme: t.title, count: cell.count, status: cell.status }
      }
    }
  }
  const parts = [
    `${plural(matrix.rows.length, rowNoun[0]!, rowNoun[1]!)} by ${plural(matrix.themes.length, 'theme', 'themes')}`,
    `${plural(counts.confirmed, 'confirmed cell', 'confirmed cells')}`,
    ...(matrix.mode === 'suggested'
      ? [`${plural(counts.suggested, 'suggested cell', 'suggested cells')}`]
      : []),
    `${plural(counts.gap, 'gap', 'gaps')}`,
  ]
  const head = `${parts[0]}: ${parts.slice(1).join(', ')}.`
  if (!largest) return `${head} No cell has a product yet.`
  const what =
    largest.status === 'suggested'
      ? `${plural(largest.count, 'suggested product', 'suggested products')}`
      : plural(largest.count, 'product', 'products')
  return `${head} The largest cell is ${largest.row}, ${largest.theme}, with ${what}.`
}
