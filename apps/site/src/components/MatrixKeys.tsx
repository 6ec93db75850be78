'use client'

import { useEffect } from 'react'

/**
 * Arrow-key navigation for the map: ←→↑↓ move between cells, Home/End go to the row's first or
 * last cell. Every cell is a link, so Tab and Enter work without this (and without JavaScript).
 */
export function MatrixKeys({ tableId }: { tableId: string }) {
  useEffect(() => {
    const table = document.getElementById(tableId)
    if (!table) return
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement
      const row = Number(target.dataset.row)
      const col = Number(target.dataset.col)
      if (!target.matches('a.cell-link') || Number.isNaN(row) || Number.isNaN(col)) return
      const last = table.querySelectorAll(`a.cell-link[data-row="${row}"]`).length - 1
      const moves: Record<string, [number, number]> = {
        ArrowRight: [row, col + 1],
        ArrowLeft: [row, col - 1],
        ArrowDown: [row + 1, col],
        ArrowUp: [row - 1, col],
        Home: [row, 0],
        End: [row, last],
      }
      const move = moves[event.key]
      if (!move) return
      const next = table.querySelector<HTMLElement>(
        `a.cell-link[data-row="${move[0]}"][data-col="${move[1]}"]`,
      )
      if (next) {
        event.preventDefault()
        next.focus()
      }
    }
    table.addEventListener('keydown', onKey)
    return () => table.removeEventListener('keydown', onKey)
  }, [tableId])
  return null
}
