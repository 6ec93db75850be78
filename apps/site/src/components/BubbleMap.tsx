import { mapQuery, type Matrix } from '@repo/types'

import {
  BUBBLE,
  type BubbleCell,
  type BubbleLayout,
  layoutBubbles,
  LEGEND_SIZE_TEXT,
  type Mark,
} from '@/lib/bubbles'
import { bubbleSummary, bubbleTitle, cellCountText } from '@/lib/bubbleText'

type SvgProps = {
  matrix: Matrix
  /** Prefixes every id and scopes the styles, so two figures can share a page. */
  idPrefix?: string
  /** A standalone file: adds the SVG namespace. */
  standalone?: boolean
  /**
   * `short` (inline, the default): cells link through `/n/…`, which keeps the figure
   * small; `direct`: to the drill-down itself, absolute on `baseUrl` when given (a file
   * opened away from the site).
   */
  links?: 'short' | 'direct'
  baseUrl?: string
}

const NEUTRAL = '#4a5561'
const GAP = '#a4262c'

/** The figure's styles, scoped to its id; per-cell markup only carries short classes. */
function styles(p: string, layout: BubbleLayout): string {
  const s = `#${p}`
  return [
    `${s} text{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;font-size:${BUBBLE.fontSize}px;fill:#1a1a1a}`,
    `${s} a:focus-visible{outline:2px solid #111;outline-offset:2px}`,
    `${s} a:hover circle{stroke:#111;stroke-width:2}`,
    `${s} .l{fill:none;stroke:#d9dde1}`,
    `${s} .s{stroke-width:1.5;stroke-dasharray:3 2}`,
    `${s} .cn{fill:${NEUTRAL};stroke:${NEUTRAL}}`,
    `${s} .s.cn{fill:url(#${p}-pn)}`,
    `${s} .m{fill:#555}`,
    `${s} .w{fill:#fff}`,
    ...layout.columns.flatMap((c, i) => [
      `${s} .c${i}{fill:${c.colour};stroke:${c.colour}}`,
      `${s} .s.c${i}{fill:url(#${p}-p${i})}`,
    ]),
  ].join('')
}

/** A diagonal hatch in `colour`, for suggested bubbles. */
const Hatch = ({ id, colour }: { id: string; colour: string }) => (
  <pattern id={id} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
    <path d="M0 0V5" stroke={colour} strokeWidth="2" />
  </pattern>
)

/** One mark, centred on (cx, 0) of its row. */
function MarkShape({
  mark,
  cx,
  r,
  colourClass,
  gapId,
}: {
  mark: Mark
  cx: number
  r: number
  colourClass: string
  gapId: string
}) {
  if (mark.shape === 'square') return <use href={`#${gapId}`} x={cx} />
  return (
    <circle cx={cx} r={r} className={mark.shape === 'ring' ? `s ${colourClass}` : colourClass} />
  )
}

/** Multi-line SVG text: one `<tspan>` per line after the first. */
function Lines({
  lines,
  x,
  y,
  anchor,
  className,
}: {
  lines: string[]
  x: number
  y: number
  anchor?: 'middle'
  className?: string
}) {
  return (
    <text x={x} y={y} textAnchor={anchor} className={className}>
      {lines[0]}
      {lines.slice(1).map((line, i) => (
        <tspan key={i} x={x} dy={BUBBLE.lineHeight}>
          {line}
        </tspan>
      ))}
    </text>
  )
}

/**
 * The bubble view as an inline SVG: rows × theme columns, one linked mark per cell. Every
 * cell is a link to its products, named like the table's cell ("Need, Theme: 3 products
 * (confirmed)") by reference to the row's and column's labels, so no label is repeated.
 */
export function BubbleSvg({
  matrix,
  idPrefix = 'bm',
  standalone = false,
  links = 'short',
  baseUrl,
}: SvgProps) {
  const p = idPrefix
  const url = (path: string) => (baseUrl ? new URL(path, `${baseUrl}/`).toString() : path)
  const layout = layoutBubbles(matrix)
  const { rowHeight, colWidth, lineHeight, margin } = BUBBLE
  const gapId = `${p}-g`
  const title = bubbleTitle(matrix)
  const desc = `${bubbleSummary(matrix)} Each bubble’s area is proportional to its number of products. Confirmed cells are filled discs, suggested cells hatched rings with a dashed outline, gaps small hollow squares.`
  const nThemes = layout.columns.length
  const gridLines = [
    ...layout.rows.map(
      (_, r) => `M${margin} ${layout.grid.y + r * rowHeight}H${layout.grid.x + layout.grid.width}`,
    ),
    `M${margin} ${layout.grid.y + layout.grid.height}H${layout.grid.x + layout.grid.width}`,
    ...layout.columns.map(
      (_, c) =>
        `M${layout.grid.x + c * colWidth} ${layout.grid.y}V${layout.grid.y + layout.grid.height}`,
    ),
  ].join('')

  return (
    <svg
      id={p}
      xmlns={standalone ? 'http://www.w3.org/2000/svg' : undefined}
      className="bubble-map"
      role="group"
      aria-labelledby={`${p}-title`}
      aria-describedby={`${p}-desc`}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
    >
      <title id={`${p}-title`}>{title}</title>
      <desc id={`${p}-desc`}>{desc}</desc>
      <style>{styles(p, layout)}</style>
      <defs>
        {/* Attributes, not a class: the page's selectors do not reach a <use>'s copy. */}
        <rect
          id={gapId}
          fill="none"
          stroke={GAP}
          strokeWidth="1.5"
          x={-BUBBLE.gapSide / 2}
          y={-BUBBLE.gapSide / 2}
          width={BUBBLE.gapSide}
          height={BUBBLE.gapSide}
        />
        {/* The middle of each cell's name ("Need, Theme: 3 products"), referenced, not repeated. */}
        {layout.columns.map((c, i) => (
          <text key={c.slug} id={`${p}t${i}`}>{`, ${c.title}:`}</text>
        ))}
        <Hatch id={`${p}-pn`} colour={NEUTRAL} />
        {layout.columns.map((c, i) => (
          <Hatch key={c.slug} id={`${p}-p${i}`} colour={c.colour} />
        ))}
      </defs>

      <text x={margin} y={margin + lineHeight} className="m">
        {matrix.axis === 'learning-needs' ? 'Learning needs' : 'Product types'}
      </text>
      {layout.columns.map((c) => (
        <a key={c.slug} href={url(c.href)}>
          <title>{c.title}</title>
          <rect
            x={c.x - colWidth / 2 + 2}
            y={margin}
            width={colWidth - 4}
            height={layout.grid.y - margin - 4}
            rx="3"
            fill={c.colour}
          />
          <Lines
            lines={c.lines}
            x={c.x}
            y={margin + lineHeight + 2}
            anchor="middle"
            className={c.text === '#ffffff' ? 'w' : undefined}
          />
        </a>
      ))}
      <path className="l" d={gridLines} />

      {layout.rows.map((row, r) => {
        const label = (
          <>
            {row.truncated ? <title id={`${p}r${r}`}>{row.label}</title> : null}
            <text
              x={margin + 4}
              y={row.lines.length > 1 ? -3 : 4}
              id={row.truncated ? undefined : `${p}r${r}`}
            >
              {row.lines.length > 1 ? `${row.lines[0]} ` : row.lines[0]}
              {row.lines.slice(1).map((line, i) => (
                <tspan key={i} x={margin + 4} dy={lineHeight}>
                  {line}
                </tspan>
              ))}
            </text>
          </>
        )
        return (
          <g key={row.key} transform={`translate(0 ${row.y})`}>
            {row.href ? <a href={url(row.href)}>{label}</a> : <g>{label}</g>}
            {layout.cells.slice(r * nThemes, (r + 1) * nThemes).map((cell: BubbleCell) => {
              const id = `${p}${r}-${cell.col}`
              return (
                <a
                  key={cell.col}
                  href={links === 'short' ? cell.shortHref : url(cell.href)}
                  target={links === 'direct' ? '_top' : undefined}
                  id={id}
                  aria-labelledby={`${p}r${r} ${p}t${cell.col} ${id}`}
                  aria-label={cellCountText(cell)}
                >
                  <MarkShape
                    mark={cell.mark}
                    cx={cell.cx}
                    r={cell.r}
                    colourClass={`c${cell.col}`}
                    gapId={gapId}
                  />
                </a>
              )
            })}
          </g>
        )
      })}

      <g transform={`translate(${margin} ${layout.legend.y})`} className="legend">
        <text y={lineHeight} fontWeight="bold">
          How to read the figure
        </text>
        <g transform={`translate(0 ${layout.legend.sizesY})`}>
          <text y="4">{LEGEND_SIZE_TEXT}</text>
          {layout.legend.sizes.map((s) => (
            <g key={s.count}>
              <circle cx={s.x} r={s.r} className="cn" />
              <text x={s.labelX} y="4">
                {s.label}
              </text>
            </g>
          ))}
        </g>
        {layout.legend.states.map((state, i) => (
          <g
            key={state.status}
            transform={`translate(0 ${layout.legend.statesY[i]})`}
            data-legend={state.status}
          >
            <MarkShape
              mark={state.mark}
              cx={layout.legend.stateMarkR + 2}
              r={layout.legend.stateMarkR}
              colourClass="cn"
              gapId={gapId}
            />
            <text x="28" y="4">
              {`${state.label}: ${state.meaning}`}
            </text>
          </g>
        ))}
      </g>
    </svg>
  )
}

type Props = {
  matrix: Matrix
  /** Where the table view of the same map is. */
  tableHref?: string
  /** The standalone figure; by default `/map.svg` with the map's parameters. */
  svgHref?: string
  idPrefix?: string
  /**
   * `inline` (default): the SVG is in the page. `frame`: the page holds an `<iframe>` of the
   * SVG file instead (its links open in the whole window), a few hundred bytes of HTML
   * whatever the map's size, and the browser caches the figure.
   */
  embed?: 'inline' | 'frame'
}

/** The SVG file of this map: `/map.svg` with its parameters. */
export const bubbleSvgHref = (matrix: Pick<Matrix, 'axis' | 'programme' | 'mode'>): string => {
  const qs = mapQuery({ axis: matrix.axis, programme: matrix.programme?.slug, mode: matrix.mode })
  return qs ? `/map.svg?${qs}` : '/map.svg'
}

/** The bubble view with its text alternative, a link to the table, and the downloadable file. */
export function BubbleMap({
  matrix,
  tableHref = '/',
  svgHref,
  idPrefix = 'bm',
  embed = 'inline',
}: Props) {
  const file = svgHref ?? bubbleSvgHref(matrix)
  const size = embed === 'frame' ? layoutBubbles(matrix) : null
  return (
    <figure className="bubble-figure" aria-labelledby={`${idPrefix}-caption`}>
      <div className="bubble-scroll" role="region" aria-label="Bubble map" tabIndex={0}>
        {size ? (
          <iframe
            src={file}
            title={bubbleTitle(matrix)}
            width={size.width}
            height={size.height}
            loading="lazy"
            className="bubble-frame"
          />
        ) : (
          <BubbleSvg matrix={matrix} idPrefix={idPrefix} />
        )}
      </div>
      <figcaption id={`${idPrefix}-caption`}>
        {bubbleSummary(matrix)} <a href={tableHref}>The same map as a table</a>
        {' · '}
        <a href={file} download>
          Download the figure (SVG)
        </a>
      </figcaption>
    </figure>
  )
}
