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
 * `GET /n/<need id>[/<theme id>]`: the short link of a need's cell (or row total) on the map's
 * table and bubble view, redirected to the products it counts (`drillDownHref`), so the home
 * page carries ids instead of two slugs per cell (it stays small at a hundred needs).
 * The ids are read from the path itself: Next's decoded params throw on a malformed escape.
 */
export async function GET(request: Request): Promise<Response> {
  const segments = new URL(request.url).pathname.split('/').slice(2)
  if (segments.length > 2) return text(404, NOT_FOUND)
  const [need, theme] = segments.map(decodeSegment)
  if (!need || theme === null) return text(404, NOT_FOUND)
  try {
    const matrix = await (await cms()).map.matrix({ axis: 'learning-needs' })
    const found = resolveCellLink(matrix, need, theme ?? null)
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
