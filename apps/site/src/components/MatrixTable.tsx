'use client'

import type { CSSProperties, KeyboardEvent } from 'react'

import { dotRem, levelFor, shortDay } from '@/lib/levels'

/**
 * The map's table, server-rendered (it works without JavaScript). A client component for one
 * reason, the page's weight: a server component's markup travels twice, as HTML and again in
 * the React payload; this one travels as HTML plus compact props (`MatrixTableRow`, numbers
 * and short strings, no markup), which keeps the home page small at a hundred needs. For the
 * same reason a need's cells link to the short `/n/<need>/<theme>` address, which redirects to
 * the products they count. With JavaScript, the arrow keys move between cells.
 */

export type MatrixTableTheme = { id: string; slug: string; title: string; label: string }

/**
 * One row. `id` is the need's id (learning-needs axis) or empty (types: `hrefs` then give each
 * cell's link). Dates are day numbers (`dayNumber`), 0 for none.
 */
export type MatrixTableRow = [
  key: string,
  label: string,
  id: string,
  /** o(pen), p(artial), c(overed), or '' (types axis). */
  coverage: '' | 'o' | 'p' | 'c',
  total: number,
  /** Confirmed products per theme, in column order. */
  counts: number[],
  /** Suggested products per theme (suggested mode), or 0. */
  suggested: number[] | 0,
  /** The need last changed / was last reviewed (days; learning-needs axis), else -1. */
  changed: number,
  reviewed: number,
  /** Each cell's last change (days). */
  cellChanged: number[],
  /** Bit c set: cell c changed after the dated view's date. */
  since: number,
  /** Types axis: each cell's link, then the row total's. */
  hrefs?: string[],
]

const COVERAGE = {
  o: ['open', 'Open (a gap)'],
  p: ['partial', 'Partially covered'],
  c: ['covered', 'Covered'],
} as const

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
  if (!move || !cell || cell.classList.contains('total')) return
  const row = cell.parentElement as HTMLTableRowElement
  const body = row.parentElement as HTMLTableSectionElement
  const cells = (r: HTMLTableRowElement) => [...r.querySelectorAll('td:not(.total)')]
  const col = cells(row).indexOf(cell)
  let target: Element | undefined
  if (move === 'home') target = cells(row)[0]
  else if (move === 'end') target = cells(row).at(-1)
  else {
    const next = body.rows[[...body.rows].indexOf(row) + move[0]]
    target = next ? cells(next)[col + move[1]] : undefined
  }
  if (!(target instanceof HTMLElement)) return
  event.preventDefault()
  const link = target.querySelector('a')
  if (link) link.focus()
  else {
    target.tabIndex = -1
    target.focus()
  }
}

const dot = (count: number, max: number) => ({ '--d': `${dotRem(count, max)}rem` }) as CSSProperties

export function MatrixTable({
  id,
  caption,
  corner,
  themes,
  totals,
  themeHrefs,
  rows,
  max,
}: {
  id: string
  caption: string
  corner: string
  themes: MatrixTableTheme[]
  /** Products per theme, in column order. */
  totals: number[]
  themeHrefs: string[]
  rows: MatrixTableRow[]
  /** The largest count on the map (levels and dot sizes are relative to it). */
  max: number
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
            <th key={t.slug} scope="col" data-theme={t.slug}>
              <a href={themeHrefs[c]} title={t.title}>
                {t.label}
              </a>
              <br />
              <span className="muted">{totals[c]} in total</span>
            </th>
          ))}
          <th scope="col">All themes</th>
        </tr>
      </thead>
      <tbody onKeyDown={onKeyDown}>
        {rows.map(
          ([
            key,
            label,
            need,
            coverage,
            total,
            counts,
            suggested,
            changed,
            reviewed,
            cellChanged,
            since,
            hrefs,
          ]) => {
            const page = need ? `/learning-needs/${key}` : undefined
            const badge = coverage ? COVERAGE[coverage] : undefined
            const onlySuggested = total === 0 && suggested !== 0 && suggested.some((n) => n > 0)
            return (
              <tr key={key} className={total === 0 ? 'gap-row' : undefined} data-row-key={key}>
                <th scope="row">
                  {page ? <a href={page}>{label}</a> : label}
                  {changed >= 0 ? (
                    <small>
                      {`${changed ? `changed ${shortDay(changed)}` : 'unchanged since recorded'} · ${reviewed ? `reviewed ${shortDay(reviewed)}` : 'not reviewed yet'}`}
                    </small>
                  ) : null}
                  {badge ? <span className={`badge badge-${badge[0]}`}>{badge[1]}</span> : null}
                  {onlySuggested ? (
                    <span className="badge badge-suggested">Suggested only</span>
                  ) : total === 0 && coverage !== 'o' ? (
                    <span className="badge badge-open">Gap: no products</span>
                  ) : null}
                </th>
                {counts.map((count, c) => {
                  const when = cellChanged[c] ? `changed ${shortDay(cellChanged[c]!)}` : undefined
                  const mark = since & (1 << c) ? <sup className="since">*</sup> : null
                  const changedSince = mark ? ' changed-since' : ''
                  const href = hrefs ? hrefs[c] : `/n/${need}/${themes[c]!.id}`
                  if (count > 0) {
                    return (
                      <td key={c} className={`l${levelFor(count, max)}${changedSince}`}>
                        <a href={href} title={when}>
                          <i style={dot(count, max)} />
                          <b>{count}</b>
                          {mark}
                        </a>
                      </td>
                    )
                  }
                  const n = suggested === 0 ? 0 : (suggested[c] ?? 0)
                  if (n > 0 && page) {
                    return (
                      <td key={c} className={`s${changedSince}`}>
                        <a href={`${page}#suggested`} title={when}>
                          <i style={dot(n, max)} />
                          <b>{n}</b>
                          <span className="v"> suggested, not confirmed</span>
                          {mark}
                        </a>
                      </td>
                    )
                  }
                  return (
                    // " (gap)" for screen readers comes from the style sheet (td.l0 b::after).
                    <td key={c} className={`l0${changedSince}`} title={when}>
                      <b>0</b>
                      {mark}
                    </td>
                  )
                })}
                <td className="total">
                  <a href={hrefs ? hrefs[counts.length] : `/n/${need}`}>{total}</a>
                </td>
              </tr>
            )
          },
        )}
      </tbody>
    </table>
  )
}
