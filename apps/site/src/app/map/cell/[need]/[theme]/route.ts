import { KnowledgeMapError } from '@repo/types'

import { resolveCellLink } from '@/lib/bubbleFile'
import { cms } from '@/lib/cms'
import { drillDownHref } from '@/lib/matrix'

type Context = { params: Promise<{ need: string; theme: string }> }

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

/**
 * `GET /map/cell/<need id>/<theme id>`: the bubble view's short cell link, redirected to the
 * cell's products (`drillDownHref`), so the figure carries ids instead of two slugs per cell.
 */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const { need, theme } = await params
  let found
  try {
    const matrix = await (await cms()).map.matrix({ axis: 'learning-needs' })
    found = resolveCellLink(matrix, need, theme)
    if (found) {
      return new Response(null, {
        status: 307,
        headers: { Location: drillDownHref(matrix, found.row, found.theme) },
      })
    }
  } catch (err) {
    if (!(err instanceof KnowledgeMapError)) throw err
    return text(503, 'The map cannot be read from the CMS right now.\n')
  }
  return text(404, 'No such cell on the map: see the map at /.\n')
}
