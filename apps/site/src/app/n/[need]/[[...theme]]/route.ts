import { drillDownHref } from '@/lib/matrix'
import { cms } from '@/lib/cms'

type Params = { params: Promise<{ need: string; theme?: string[] }> }

const notFound = (what: string) =>
  new Response(`There is no ${what} on the map. Start again from the map: /`, {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  })

/**
 * `/n/<need id>[/<theme id>]`: the short address the map's cells link to (the home page stays
 * small with a hundred needs), redirected to the products that cell counts,
 * `/products?need=<slug>&theme=<slug>`. Ids, not positions, so a link keeps its cell.
 */
export async function GET(_request: Request, { params }: Params): Promise<Response> {
  const { need, theme = [] } = await params
  if (!/^[\w-]{1,64}$/.test(need) || theme.length > 1 || !/^[\w-]{0,64}$/.test(theme[0] ?? '')) {
    return notFound('such cell')
  }
  const matrix = await (await cms()).map.matrix()
  const row = matrix.rows.find((r) => String(r.id) === need)
  if (!row) return notFound('such learning need')
  const column =
    theme[0] === undefined ? null : matrix.themes.find((t) => String(t.id) === theme[0])
  if (column === undefined) return notFound('such theme')
  return new Response(null, {
    status: 307,
    headers: { location: drillDownHref(matrix, row, column), 'cache-control': 'no-store' },
  })
}
