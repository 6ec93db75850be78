import { KnowledgeMapError } from '@repo/types'

import { resolveCellLink } from '@/lib/bubbleFile'
import { cms } from '@/lib/cms'
import { drillDownHref } from '@/lib/matrix'
import { pathSegments } from '@/lib/pathSegments'

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

const NOT_FOUND = 'No such cell on the map: see the map at /.\n'

/**
 * `GET /n/<need id>[/<theme id>]`: the short link of a need's cell (or row total) on the map's
 * table and bubble view, redirected to the products it counts (`drillDownHref`), so the home
 * page carries ids instead of two slugs per cell (it stays small at a hundred needs).
 */
export async function GET(request: Request): Promise<Response> {
  const segments = pathSegments(request, 2)
  if (segments.length > 2) return text(404, NOT_FOUND)
  const [need, theme] = segments
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
