/**
 * The bubble view as a standalone file (`/map.svg`): the same component the page renders,
 * as static markup with the XML declaration, links absolute on the site's public URL.
 */
import { KnowledgeMapError, type Matrix, parseMapParams } from '@repo/types'
import { createElement } from 'react'

import { BubbleSvg } from '@/components/BubbleMap'

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers },
  })

/** The CMS's own words for a refused request (`{ errors: [{ message }] }`), never its address. */
function cmsMessages(err: KnowledgeMapError): string {
  const errors = (err.details as { errors?: { message?: unknown }[] } | undefined)?.errors
  const messages = Array.isArray(errors)
    ? errors.map((e) => e?.message).filter((m): m is string => typeof m === 'string')
    : []
  return messages.length > 0 ? messages.join(' ') : 'The map cannot be drawn for these parameters.'
}

/** The SVG document of a matrix. */
export async function bubbleSvgDocument(matrix: Matrix, baseUrl?: string): Promise<string> {
  // A dynamic import: Next refuses a static import of react-dom/server in server code.
  const { renderToStaticMarkup } = await import('react-dom/server')
  const svg = renderToStaticMarkup(
    createElement(BubbleSvg, {
      matrix,
      standalone: true,
      links: 'direct',
      baseUrl,
      idPrefix: 'bm',
    }),
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`
}

/** The file name a download gets: `knowledge-map-learning-needs[-programme][-suggested].svg`. */
export const bubbleFileName = (matrix: Pick<Matrix, 'axis' | 'programme' | 'mode'>): string =>
  `knowledge-map-${[
    matrix.axis,
    matrix.programme?.slug,
    matrix.mode === 'suggested' ? 'suggested' : null,
  ]
    .filter(Boolean)
    .join('-')}.svg`

type Reader = (params: {
  axis: Matrix['axis']
  programme?: string
  mode?: Matrix['mode']
}) => Promise<Matrix>

/**
 * Answers `GET /map.svg?axis=…&programme=…&mode=…`: 400 with the reasons for bad parameters
 * (or a programme the CMS does not know), 503 when the CMS cannot answer, else the figure.
 */
export async function bubbleSvgResponse(
  search: URLSearchParams,
  read: Reader,
  baseUrl?: string,
): Promise<Response> {
  const parsed = parseMapParams(search)
  if (!parsed.ok) {
    return text(
      400,
      `The figure's parameters are not valid:\n${parsed.issues.map((i) => `- ${i.param}: ${i.message}`).join('\n')}\n`,
    )
  }
  let matrix: Matrix
  try {
    matrix = await read(parsed.params)
  } catch (err) {
    if (!(err instanceof KnowledgeMapError)) throw err
    if (err.status === 400 || err.status === 404) return text(400, `${cmsMessages(err)}\n`)
    return text(503, 'The map cannot be read from the CMS right now.\n', { 'Retry-After': '60' })
  }
  return new Response(await bubbleSvgDocument(matrix, baseUrl), {
    status: 200,
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Content-Disposition': `inline; filename="${bubbleFileName(matrix)}"`,
      'X-Content-Type-Options': 'nosniff',
      // The file draws and links, nothing else: no script, no fetch, even if a label were hostile.
      'Content-Security-Policy':
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'",
    },
  })
}

/**
 * Where a short cell link (`/n/<need id>/<theme id>`, or `/n/<need id>` for the need's row
 * total) leads, or null for none.
 */
export function resolveCellLink(
  matrix: Matrix,
  needId: string,
  themeId: string | null,
): { row: Matrix['rows'][number]; theme: Matrix['themes'][number] | null } | null {
  const row = matrix.rows.find((r) => r.id !== undefined && String(r.id) === needId)
  if (!row) return null
  if (themeId === null) return { row, theme: null }
  const theme = matrix.themes.find((t) => String(t.id) === themeId)
  return theme ? { row, theme } : null
}
