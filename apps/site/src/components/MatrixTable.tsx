'use client'

import { type KeyboardEvent } from 'react'

import { CoverageBadge } from './Chips'

/**
 * The map's table. A client component for one reason: the page's size. A server component's
 * markup travels twice (as HTML and again in the React payload); this one travels as HTML plus
 * its compact props (`MatrixTableRow`), which keeps the home page small at a hundred needs.
 * Server-rendered, so it works without JavaScript; with it, the arrow keys move between cells
 * (Home and End: the row's first and last).
 */

export type MatrixTableTheme = {
  slug: string
  title: string
  label: string
  total: number
  href: string
}

/** One row, compact: every string the row shows, already formatted on the server. */
export type MatrixTableRow = {
  key: string
  label: string
  /** The need's page (learning-needs axis). */
  page?: string
  coverage?: 'open' | 'partial' | 'covered'
  total: number
  totalHref: string
  /** Per theme, in column order: the confirmed count, its level (0–4), dot size (rem), link. */
  cells: [count: number, level: number, dot: number, href: string][]
  /** Per theme, in column order (suggested mode, cells without a confirmed product). */
  suggested?: [count: number, dot: number][]
  /** "changed 3 Nov 2026 · reviewed 5 Nov 2026" under the need. */
  dates?: string
  /** Per theme: "changed 3 Nov 2026, reviewed 5 Nov 2026" ('' when none). */
  when: string[]
  /** Per theme: changed after the dated view's date. */
  since?: boolean[]
}

const MOVES: Record<string, [number, number] | 'home' | 'end'> = {
  ArrowRight: [0, 1],
  ArrowLeft: [0, -1],
  ArrowDown: [1, 0],
  ArrowUp: [-1, 0],
  Home: 'home',
  End: 'end',
}

/** Moves the focus to a neighbouring cell: its link, or the cell itself when it has none. */
function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
  const move = MOVES[event.key]
  const cell = (event.target as HTMLElement).closest('td')
  if (!move || !cell || !cell.dataset.c) return
  const row = cell.parentElement as HTMLTableRowElement
  const body = row.parentElement as HTMLTableSectionElement
  const cells = (r: HTMLTableRowElement) => [...r.querySelectorAll<HTMLElement>('td[data-c]')]
  const col = Number(cell.dataset.c)
  const r = [...body.rows].indexOf(row)
  let target: HTMLElement | undefined
  if (move === 'home') target = cells(row)[0]
  else if (move === 'end') target = cells(row).at(-1)
  else {
    const next = body.rows[r + move[0]]
    target = next ? cells(next)[col + move[1]] : undefined
  }
  if (!target) return
  event.preventDefault()
  const link = target.querySelector('a')
  if (link) link.focus()
  else {
    target.tabIndex = -1
    target.focus()
  }
}

export function MatrixTable({
  id,
  caption,
  corner,
  themes,
  rows,
  suggestedHref,
}: {
  id: string
  caption: string
  corner: string
  themes: MatrixTableTheme[]
  rows: MatrixTableRow[]
  /** Where a suggested cell leads: its need's suggestions. */
  suggestedHref?: string
}) {
  return (
    <table className="matrix" id={id}>
      <caption id={`${id}-caption`}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="corner">
            {corner}
          </th>
          {themes.map((t, c) => (
            <th key={t.slug} scope="col" className={`t${c}`} data-theme={t.slug}>
              <a href={t.href} title={t.title}>
                {t.label}
              </a>
              <br />
              <span className="muted">{t.total} in total</span>
            </th>
          ))}
          <th scope="col">All themes</th>
        </tr>
      </thead>
      <tbody onKeyDown={onKeyDown}>
        {rows.map((row) => (
          <tr
            key={row.key}
            className={row.total === 0 ? 'gap-row' : undefined}
            data-row-key={row.key}
          >
            <th scope="row">
              {row.page ? <a href={row.page}>{row.label}</a> : row.label}
              {row.dates ? <span className="row-dates">{row.dates}</span> : null}
              {row.coverage || row.total === 0 ? (
                <span className="row-meta">
                  {row.coverage ? <CoverageBadge coverage={row.coverage} /> : null}
                  {row.total === 0 ? (
                    row.suggested?.some(([n]) => n > 0) ? (
                      <span className="badge badge-suggested">Suggested only</span>
                    ) : (
                      <span className="badge badge-open">Gap: no products</span>
                    )
                  ) : null}
                </span>
              ) : null}
            </th>
            {row.cells.map(([count, level, dot, href], c) => {
              const when = row.when[c] || undefined
              const since = row.since?.[c] ? ' changed-since' : ''
              const mark = since ? <sup className="since">*</sup> : null
              if (count > 0) {
                return (
                  <td key={c} data-c={c} className={`cell-l${level}${since}`}>
                    <a href={href} title={when}>
                      <i style={{ '--d': `${dot}rem` } as React.CSSProperties} />
                      <b>{count}</b>
                      {mark}
                    </a>
                  </td>
                )
              }
              const [suggested, sdot] = row.suggested?.[c] ?? [0, 0]
              if (suggested > 0 && row.page) {
                return (
                  <td key={c} data-c={c} className={`cell-s${since}`}>
                    <a href={`${row.page}${suggestedHref ?? ''}`} title={when}>
                      <i style={{ '--d': `${sdot}rem` } as React.CSSProperties} />
                      <b>{suggested}</b>
                      <span className="v"> suggested, not confirmed</span>
                      {mark}
                    </a>
                  </td>
                )
              }
              return (
                <td key={c} data-c={c} className={`cell-l0${since}`} title={when}>
                  <b>0</b>
                  <span className="v"> (gap)</span>
                  {mark}
                </td>
              )
            })}
            <td className="total">
              <a href={row.totalHref}>{row.total}</a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
