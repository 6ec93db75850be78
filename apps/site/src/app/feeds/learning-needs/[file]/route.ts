import { feedProblem, feedResponse, slugOfFeedFile } from '@/lib/feeds'
import { needFeed } from '@/lib/feedViews'
import { isNotFound } from '@/lib/cms'

/** `/feeds/learning-needs/<slug>.atom`. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ file: string }> },
): Promise<Response> {
  const slug = slugOfFeedFile((await params).file)
  if (!slug) return feedProblem(404, 'No such feed: feed names end in .atom.')
  try {
    return feedResponse(request, await needFeed(slug))
  } catch (err) {
    if (isNotFound(err))
      return feedProblem(404, `No such feed: nothing on the map is called "${slug}".`)
    throw err
  }
}
