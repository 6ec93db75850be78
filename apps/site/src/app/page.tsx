import {
  type CellDates,
  KnowledgeMapError,
  type Matrix,
  type MatrixAxis,
  type MatrixMode,
  mapQuery,
  type Programme,
  rowStatus,
} from '@repo/types'
import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { AutoSubmitForm } from '@/components/AutoSubmit'
import { CoverageBadge } from '@/components/Chips'
import { JsonLd } from '@/components/JsonLd'
import { BubbleMap } from '@/components/BubbleMap'
import { MatrixTable, type MatrixTableRow } from '@/components/MatrixTable'
import { FollowLink } from '@/components/FollowLink'
import { DatedNotice, ViewCitation } from '@/components/ViewCitation'
import { cellDatesOrNone, cms } from '@/lib/cms'
import { asOfLabel, parseMapView, readNow } from '@/lib/dated'
import { dayNumber } from '@/lib/levels'
import {
  drillDownHref,
  dotStyleSheet,
  gapRows,
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

/** The map's parameters (the parser the CMS and the export service use) and a dated view's asOf. */
function readView(sp: Record<string, string | string[] | undefined>) {
  const r = parseMapView(sp)
  const {
    axis,
    programme,
    mode = 'confirmed',
  }: { axis: MatrixAxis; programme?: string; mode?: MatrixMode } = r.ok
    ? r.params
    : { axis: 'learning-needs' }
  const qs = r.ok ? r.query : ''
  return {
    axis,
    programme,
    mode,
    shown: r.ok ? r.view : ('table' as const),
    asOf: r.ok ? r.asOf : undefined,
    path: qs ? `/?${qs}` : '/',
  }
}

/** "3 Nov 2026": short, for the many dates in the table. */
const shortDate = (iso: string | null | undefined) =>
  iso
    ? new Date(iso).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      })
    : ''

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
  let dates: CellDates
  let datesAvailable: boolean
  try {
    let read: Awaited<ReturnType<typeof cellDatesOrNone>>
    ;[matrix, { docs: programmes }, read] = await Promise.all([
      client.map.matrix({ axis: view.axis, programme: view.programme, mode: view.mode }),
      client.programmes.list({ limit: 100 }),
      cellDatesOrNone(client, view.axis),
    ])
    dates = read.dates
    datesAvailable = read.available
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
  const read = readNow()
  const viewQuery = mapQuery({ axis: view.axis, programme: view.programme, mode: view.mode })
  const asOf = view.asOf
  const changedSince = (iso: string | null | undefined) =>
    asOf !== undefined && iso !== null && iso !== undefined && Date.parse(iso) > asOf.at.getTime()
  const changedCells = asOf
    ? matrix.rows.reduce(
        (n, row) =>
          n + matrix.themes.filter((t) => changedSince(dates.rows[row.key]?.cells[t.slug])).length,
        0,
      )
    : 0
  const suggestedMode = matrix.mode === 'suggested'
  const suggestedOnly = matrix.rows.filter((r) => rowStatus(r) === 'suggested').length
  const needsAxis = matrix.axis === 'learning-needs'
  const tableRows: MatrixTableRow[] = matrix.rows.map((row) => {
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
  const dotStyles = dotStyleSheet(matrix.themes)
  const cite = {
    title: `${SITE_NAME}: knowledge products per theme and ${rowNoun}`,
    filters: matrix.programme ? `programme: ${matrix.programme.name}` : undefined,
    records: { count: matrix.totals.products, noun: 'knowledge product' },
    publisher: PUBLISHER,
    url: absoluteUrl(
      `/?${[viewQuery, `asOf=${encodeURIComponent(asOf?.value ?? read.value)}`].filter(Boolean).join('&')}`,
    ),
    accessed: read.at,
  }

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
      {asOf ? (
        <DatedNotice label={asOfLabel(asOf)} currentHref={viewQuery ? `/?${viewQuery}` : '/'}>
          <p>
            <strong>The counts and coverage below are today’s:</strong> the map cannot be rebuilt
            for a past date.{' '}
            {changedCells > 0
              ? `${changedCells} ${changedCells === 1 ? 'cell' : 'cells'} changed since then (marked *); the others are as they were.`
              : 'No cell changed since then, so the counts are as they were.'}{' '}
            <Link href={`/changes?from=${asOf.at.toISOString().slice(0, 10)}`}>
              What changed since
            </Link>
          </p>
        </DatedNotice>
      ) : null}
      <p className="lede">
        What the 25 Dialogue and Dissent partnerships (2016–2020) produced, mapped under four themes
        against the learning needs of the Strengthening Civil Society partnerships (2021–2025). Each
        cell counts the published knowledge products; hatched cells are gaps. Select a cell to see
        its products.
      </p>

      <AutoSubmitForm
        action="/"
        defaults={{ axis: 'learning-needs', programme: '', mode: 'confirmed', view: 'table' }}
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
        {matrix.axis === 'learning-needs' ? (
          <fieldset>
            <legend>Coverage</legend>
            <label style={{ fontWeight: 400 }}>
              <input
                type="radio"
                name="mode"
                value="confirmed"
                defaultChecked={view.mode === 'confirmed'}
              />{' '}
              Confirmed only
            </label>
            <label style={{ fontWeight: 400 }}>
              <input
                type="radio"
                name="mode"
                value="suggested"
                defaultChecked={view.mode === 'suggested'}
              />{' '}
              Include suggestions
            </label>
          </fieldset>
        ) : null}
        <fieldset>
          <legend>Show as</legend>
          <label style={{ fontWeight: 400 }}>
            <input type="radio" name="view" value="table" defaultChecked={view.shown === 'table'} />{' '}
            Table
          </label>
          <label style={{ fontWeight: 400 }}>
            <input
              type="radio"
              name="view"
              value="bubbles"
              defaultChecked={view.shown === 'bubbles'}
            />{' '}
            Bubbles
          </label>
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
          {suggestedMode ? `, ${suggestedOnly} of them with suggestions` : ''}
        </li>
      </ul>
      {suggestedMode ? (
        <p className="notice" id="suggestions-note">
          <strong>Suggestions are not links.</strong> A suggested cell counts the products the map
          finds most like the need (at least{' '}
          {Math.round((matrix.suggestions?.threshold ?? 0) * 100)}% of the need’s distinctive terms,
          and two terms or more) that no editor has confirmed or dismissed yet.{' '}
          {matrix.suggestions?.computedAt
            ? `Computed ${shortDate(matrix.suggestions.computedAt)}${matrix.suggestions.pending ? '; an update is under way' : ''}.`
            : 'They have not been computed yet.'}{' '}
          <Link
            href={
              mapQuery({ axis: view.axis, programme: view.programme })
                ? `/?${mapQuery({ axis: view.axis, programme: view.programme })}`
                : '/'
            }
          >
            Show confirmed coverage only
          </Link>
        </p>
      ) : null}

      {view.shown === 'bubbles' ? (
        <BubbleMap
          matrix={matrix}
          embed="frame"
          tableHref={`/?${[viewQuery, asOf ? `asOf=${encodeURIComponent(asOf.value)}` : ''].filter(Boolean).join('&')}`.replace(
            /\?$/,
            '',
          )}
        />
      ) : (
        <>
          <style>{dotStyles}</style>
          <div
            className="table-scroll"
            role="region"
            aria-labelledby="map-table-caption"
            tabIndex={0}
          >
            <MatrixTable
              id="map-table"
              caption={`Published knowledge products per theme and ${rowNoun}${scope}${suggestedMode ? ', with suggestions' : ''}`}
              corner={AXIS_LABEL[matrix.axis]}
              themes={matrix.themes.map((t) => ({
                id: String(t.id),
                slug: t.slug,
                title: t.title,
                label: t.shortTitle || t.title,
              }))}
              totals={matrix.themes.map((t) => matrix.totals.byTheme[t.slug] ?? 0)}
              themeHrefs={matrix.themes.map((t) => drillDownHref(matrix, null, t))}
              rows={tableRows}
              max={max}
            />
          </div>
        </>
      )}

      <h2 id="legend-heading">How to read the map</h2>
      <ul className="legend" aria-labelledby="legend-heading">
        <li>
          <span className="swatch-gap" aria-hidden="true" /> Hatched, 0: a gap, no published product
          {suggestedMode ? ' and no suggestion' : ''}
        </li>
        {matrix.axis === 'learning-needs' ? (
          <li>
            <span className="swatch-suggested" aria-hidden="true" /> Dashed ring:{' '}
            {suggestedMode
              ? 'suggested, not confirmed: the map suggests products for a cell no editor has linked one to'
              : 'suggested coverage, shown when you include suggestions'}
          </li>
        ) : null}
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
          Solid dot: confirmed, products an editor linked. Its area grows with the count; its colour
          is the theme’s, stronger for more products.
        </li>
      </ul>
      <p className="muted" id="dates-legend">
        {datesAvailable ? null : (
          <>
            <strong>The dates could not be read just now</strong>; the counts are current.{' '}
          </>
        )}
        <strong>Dates.</strong> Point at a cell to see when it <em>changed</em>: the last time a
        product in it was published, edited, linked to or unlinked from a need, or taken off the
        map.
        {matrix.axis === 'learning-needs' ? (
          <>
            {' '}
            Under each need, <em>changed</em> is when the need itself was last edited or its
            coverage changed, and <em>reviewed</em> is when an editor last checked it and recorded
            “Reviewed, no change”; a need is due for review when the review period (six months by
            default) has passed.
          </>
        ) : (
          <> Product types are not reviewed: editors review learning needs.</>
        )}{' '}
        <Link href="/changes">Every change, by date and theme</Link>.
      </p>
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
      <ViewCitation view={cite} />
    </>
  )
}
