import { parseChangeFilter } from '@repo/types'

import { feedProblem, feedResponse } from '@/lib/feeds'
import { changesFeed } from '@/lib/feedViews'

/** `/feeds/changes.atom?from=&to=&theme=`: the changelog's feed, with the page's filters. */
export async function GET(request: Request): Promise<Response> {
  const parsed = parseChangeFilter(new URL(request.url).searchParams)
  if (!parsed.ok) {
    return feedProblem(
      400,
      `This feed cannot be made: ${parsed.issues.map((i) => `${i.param}: ${i.message}`).join('; ')}`,
    )
  }
  return feedResponse(request, await changesFeed(parsed.filter))
}
