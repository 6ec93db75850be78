import {
  KnowledgeMapError,
  type Matrix,
  type MatrixAxis,
  parseMapParams,
  type Programme,
} from '@repo/types'
import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { AutoSubmitForm } from '@/components/AutoSubmit'
import { CoverageBadge } from '@/components/Chips'
import { JsonLd } from '@/components/JsonLd'
import { MatrixKeys } from '@/components/MatrixKeys'
import { FollowLink } from '@/components/FollowLink'
import { cms } from '@/lib/cms'
import {
  drillDownHref,
  encodeCell,
  gapRows,
  isGapRow,
  legendBands,
  maxCount,
  tint,
  LEVEL_STRENGTH,
  DOT_MAX_REM,
  DOT_MIN_REM,
} from '@/lib/matrix'
import { rawQuery } from '@/lib/search'
import { absoluteUrl, DATA_LICENCE, pageMetadata, PUBLISHER, SITE_NAME } from '@/lib/seo'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** The map's parameters, by the parser the CMS and the export service use too. */
function readView(sp: Record<string, string | string[] | undefined>) {
  const r = parseMapParams(sp, { allowUnknown: true })
  const { axis, programme }: { axis: MatrixAxis; programme?: string } = r.ok
    ? r.params
    : { axis: 'learning-needs' }
  const qs = r.ok ? r.query : ''
  return { axis, programme, path: qs ? `/?${qs}` : '/' }
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const view = readView(await searchParams)
  return pageMetadata({
    title: 'The Knowledge Map',
    description:
      'A map of what the Dialogue and Dissent partnerships produced, per theme, against the learning needs of the Strengthening Civil Society partnerships: which needs are covered and which are gaps.',
    path: view.path,
    feed: { path: '/feeds/new.atom', title: 'What’s new on the Knowledge Map' },
  })
}

const AXIS_LABEL: Record<MatrixAxis, string> = {
  'learning-needs': 'Learning needs',
  types: 'Product types',
}

export default async function MapPage({ searchParams }: Props) {
  const sp = await searchParams
  const view = readView(sp)
  // One view, one URL (the plain GET form also sends the defaults).
  if (rawQuery(sp) !== view.path.replace(/^\/\??/, '')) redirect(view.path)
  const client = await cms()
  let matrix: Matrix
  let programmes: Programme[]
  try {
    ;[matrix, { docs: programmes }] = await Promise.all([
      client.map.matrix({ axis: view.axis, programme: view.programme }),
      client.programmes.list({ limit: 100 }),
    ])
  } catch (err) {
    if (err instanceof KnowledgeMapError && err.code === 'bad_request') {
      return (
        <div className="error-box" role="alert">
          <h1>There is no such programme</h1>
          <p>
            <Link href="/">Show the map for all programmes</Link>
          </p>
        </div>
      )
    }
    throw err
  }

  const max = maxCount(matrix)
  const gaps = gapRows(matrix)
  const rowNoun = matrix.axis === 'learning-needs' ? 'learning need' : 'product type'
  const scope = matrix.programme ? ` (${matrix.programme.name})` : ''

  return (
    <>
      <JsonLd
        data={{
          '@context': 'https://schema.org',
          '@type': 'Dataset',
          name: `${SITE_NAME}: knowledge products per theme and ${rowNoun}`,
          description:
            'Counts of published knowledge products per theme and learning need (or product type).',
          url: absoluteUrl(view.path),
          publisher: { '@type': 'Organization', name: PUBLISHER },
          license: DATA_LICENCE.url,
          isAccessibleForFree: true,
        }}
      />
      <h1>The Knowledge Map</h1>
      <FollowLink path="/feeds/new.atom" what="what’s new" />
      <p className="lede">
        What the 25 Dialogue and Dissent partnerships (2016–2020) produced, mapped under four themes
        against the learning needs of the Strengthening Civil Society partnerships (2021–2025). Each
        cell counts the published knowledge products; hatched cells are gaps. Select a cell to see
        its products.
      </p>

      <AutoSubmitForm
        action="/"
        defaults={{ axis: 'learning-needs', programme: '' }}
        className="map-controls"
        label="Map view"
      >
        <div className="field">
          <label htmlFor="programme">Programme</label>
          <select id="programme" name="programme" defaultValue={view.programme ?? ''}>
            <option value="">All programmes</option>
            {programmes.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name} ({p.startYear}–{p.endYear ?? 'now'})
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>Rows</legend>
          {(Object.keys(AXIS_LABEL) as MatrixAxis[]).map((axis) => (
            <label key={axis} style={{ fontWeight: 400 }}>
              <input type="radio" name="axis" value={axis} defaultChecked={view.axis === axis} />{' '}
              {AXIS_LABEL[axis]}
            </label>
          ))}
        </fieldset>
        <button type="submit">Show</button>
      </AutoSubmitForm>

      <ul className="stats" aria-label="Summary">
        <li>
          <strong>{matrix.totals.products}</strong> published products on the map
        </li>
        <li>
          <strong>{matrix.rows.length}</strong> {rowNoun}s
        </li>
        <li>
          <strong>{gaps.length}</strong> {gaps.length === 1 ? 'gap' : 'gaps'} ({rowNoun}s with no
          product)
        </li>
      </ul>

      <div className="table-scroll" role="region" aria-labelledby="map-caption" tabIndex={0}>
        <table className="matrix" id="map-table">
          <caption id="map-caption">
            Published knowledge products per theme and {rowNoun}
            {scope}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="corner">
                {AXIS_LABEL[matrix.axis]}
              </th>
              {matrix.themes.map((t) => (
                <th
                  key={t.slug}
                  scope="col"
                  style={{ '--theme': t.colour } as React.CSSProperties}
                  data-theme={t.slug}
                >
                  <Link href={drillDownHref(matrix, null, t)} title={t.title}>
                    {t.shortTitle || t.title}
                  </Link>
                  <br />
                  <span className="muted">{matrix.totals.byTheme[t.slug] ?? 0} in total</span>
                </th>
              ))}
              <th scope="col">All themes</th>
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((row, r) => {
              const gapRow = isGapRow(row)
              return (
                <tr key={row.key} className={gapRow ? 'gap-row' : undefined} data-row-key={row.key}>
                  <th scope="row">
                    {matrix.axis === 'learning-needs' ? (
                      <Link href={`/learning-needs/${row.key}`}>{row.label}</Link>
                    ) : (
                      row.label
                    )}
                    {matrix.axis === 'learning-needs' || gapRow ? (
                      <span className="row-meta">
                        {matrix.axis === 'learning-needs' ? (
                          <CoverageBadge coverage={row.coverage} />
                        ) : null}
                        {gapRow ? <span className="badge badge-open">Gap: no products</span> : null}
                      </span>
                    ) : null}
                  </th>
                  {matrix.themes.map((t, c) => {
                    const count = row.cells[t.slug] ?? 0
                    const cell = encodeCell(count, max, t.colour)
                    return (
                      <td key={t.slug} className={cell.className} data-theme={t.slug}>
                        <a
                          className="cell-link"
                          href={drillDownHref(matrix, row, t)}
                          data-row={r}
                          data-col={c}
                          aria-label={`${row.label}, ${t.title}: ${count} ${count === 1 ? 'product' : 'products'}${cell.gap ? ' (gap)' : ''}`}
                        >
                          {cell.gap ? null : (
                            <span
                              className="dot"
                              aria-hidden="true"
                              style={{
                                width: `${cell.dotRem}rem`,
                                height: `${cell.dotRem}rem`,
                                background: cell.fill,
                              }}
                            />
                          )}
                          <span className="count" aria-hidden="true">
                            {count}
                          </span>
                        </a>
                      </td>
                    )
                  })}
                  <td className="total">
                    <Link
                      href={drillDownHref(matrix, row, null)}
                      aria-label={`${row.label}, all themes: ${row.total} ${row.total === 1 ? 'product' : 'products'}`}
                    >
                      {row.total}
                    </Link>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <MatrixKeys tableId="map-table" />

      <h2 id="legend-heading">How to read the map</h2>
      <ul className="legend" aria-labelledby="legend-heading">
        <li>
          <span className="swatch-gap" aria-hidden="true" /> Hatched, 0: a gap, no published product
        </li>
        {legendBands(max).map((band) => {
          const size = DOT_MIN_REM + (DOT_MAX_REM - DOT_MIN_REM) * Math.sqrt(band.to / max)
          return (
            <li key={band.level}>
              <span
                className="dot"
                aria-hidden="true"
                style={{
                  width: `${size}rem`,
                  height: `${size}rem`,
                  background: tint('#4a5561', LEVEL_STRENGTH[band.level]),
                }}
              />
              {band.from === band.to ? band.from : `${band.from}–${band.to}`}{' '}
              {band.to === 1 ? 'product' : 'products'}
            </li>
          )
        })}
        <li>
          Dot area grows with the count; its colour is the theme’s, stronger for more products.
        </li>
      </ul>
      {matrix.axis === 'learning-needs' ? (
        <p className="muted">
          A learning need is <CoverageBadge coverage="covered" /> when two or more published
          products address it, <CoverageBadge coverage="partial" /> with one, and{' '}
          <CoverageBadge coverage="open" /> with none, unless an editor set it with a reason. Use
          the arrow keys to move between cells and Enter to open one.
        </p>
      ) : (
        <p className="muted">Use the arrow keys to move between cells and Enter to open one.</p>
      )}
    </>
  )
}
