import { KnowledgeMapError } from '@repo/types'

import { resolveCellLink } from '@/lib/bubbleFile'
import { cms } from '@/lib/cms'
import { drillDownHref } from '@/lib/matrix'

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

const NOT_FOUND = 'No such cell on the map: see the map at /.\n'

/** A path segment decoded, or null when its escapes are not UTF-8 (`%FF`). */
function decodeSegment(segment: string | undefined): string | null {
  if (segment === undefined) return null
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

/**
 * `GET /map/cell/<need id>/<theme id>`: the bubble view's short cell link, redirected to the
 * cell's products (`drillDownHref`), so the figure carries ids instead of two slugs per cell.
 * The ids are read from the path itself: Next's decoded params throw on a malformed escape.
 */
export async function GET(request: Request): Promise<Response> {
  const [need, theme] = new URL(request.url).pathname.split('/').slice(3).map(decodeSegment)
  if (!need || !theme) return text(404, NOT_FOUND)
  try {
    const matrix = await (await cms()).map.matrix({ axis: 'learning-needs' })
    const found = resolveCellLink(matrix, need, theme)
    if (!found) return text(404, NOT_FOUND)
    return new Response(null, {
      status: 307,
      headers: { Location: drillDownHref(matrix, found.row, found.theme) },
    })
  } catch (err) {
    if (!(err instanceof KnowledgeMapError)) throw err
    return text(503, 'The map cannot be read from the CMS right now.\n')
  }
}
