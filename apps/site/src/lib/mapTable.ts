import { type CellDates, type Matrix } from '@repo/types'

import type { MatrixTableRow } from '@/components/MatrixTable'

import { dayNumber } from './levels'
import { drillDownHref } from './matrix'

/**
 * The map table's compact rows (`MatrixTableRow`) from the matrix and the cells' dates;
 * `changedSince` marks the cells a dated view's date precedes.
 */
export function tableRowsOf(
  matrix: Matrix,
  dates: CellDates,
  changedSince: (iso: string | null | undefined) => boolean,
): MatrixTableRow[] {
  const needsAxis = matrix.axis === 'learning-needs'
  return matrix.rows.map((row) => {
    const rowDates = dates.rows[row.key]
    const coverage = row.coverage ?? 'open'
    return [
      row.key,
      row.label,
      needsAxis ? String(row.id) : '',
      needsAxis ? (coverage === 'partial' ? 'p' : coverage === 'covered' ? 'c' : 'o') : '',
      row.total,
      matrix.themes.map((t) => row.cells[t.slug] ?? 0),
      row.suggested ? matrix.themes.map((t) => row.suggested!.cells[t.slug] ?? 0) : 0,
      needsAxis ? dayNumber(rowDates?.changed) : -1,
      needsAxis ? dayNumber(rowDates?.reviewed) : -1,
      matrix.themes.map((t) => dayNumber(rowDates?.cells[t.slug])),
      matrix.themes.reduce(
        (bits, t, c) => (changedSince(rowDates?.cells[t.slug]) ? bits | (1 << c) : bits),
        0,
      ),
      ...(needsAxis
        ? []
        : [
            [
              ...matrix.themes.map((t) => drillDownHref(matrix, row, t)),
              drillDownHref(matrix, row, null),
            ],
          ]),
    ] as MatrixTableRow
  })
}
