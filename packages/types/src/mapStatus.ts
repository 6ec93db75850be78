/**
 * The map's three states, shared by the site, the bubble view and the exports so that they
 * label a row or cell the same way: `confirmed` (published products are linked), `suggested`
 * (none is, but in `suggested` mode strong suggestions are shown) and `gap` (neither).
 */
import type { MatrixRow } from './schemas.js'

export const MAP_STATUSES = ['confirmed', 'suggested', 'gap'] as const
export type MapStatus = (typeof MAP_STATUSES)[number]

/** The words a reader sees for each state (tables, legends, exports). */
export const MAP_STATUS_LABEL: Record<MapStatus, string> = {
  confirmed: 'Confirmed',
  suggested: 'Suggested',
  gap: 'Gap',
}

type Row = Pick<MatrixRow, 'total' | 'cells' | 'suggested'>

/** A row's state: confirmed when any published product is in it, else suggested or a gap. */
export function rowStatus(row: Row): MapStatus {
  if (row.total > 0) return 'confirmed'
  return (row.suggested?.products.length ?? 0) > 0 ? 'suggested' : 'gap'
}

/** A cell's state, with the count it shows (confirmed products, or suggested ones). */
export function cellStatus(row: Row, theme: string): { status: MapStatus; count: number } {
  const confirmed = row.cells[theme] ?? 0
  if (confirmed > 0) return { status: 'confirmed', count: confirmed }
  const suggested = row.suggested?.cells[theme] ?? 0
  return suggested > 0 ? { status: 'suggested', count: suggested } : { status: 'gap', count: 0 }
}
