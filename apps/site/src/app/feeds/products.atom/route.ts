import { feedProblem, feedResponse } from '@/lib/feeds'
import { productsFeed } from '@/lib/feedViews'
import { parseView } from '@/lib/search'

/** `/feeds/products.atom?…`: the feed of the `/products` view with the same query. */
export async function GET(request: Request): Promise<Response> {
  const view = parseView(new URL(request.url).searchParams)
  if (!view.ok) {
    return feedProblem(
      400,
      `This feed cannot be made: ${view.issues.map((i) => `${i.param}: ${i.message}`).join('; ')}`,
    )
  }
  return feedResponse(request, await productsFeed(view.filter))
}
