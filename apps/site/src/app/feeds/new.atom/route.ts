import { feedResponse } from '@/lib/feeds'
import { newFeed } from '@/lib/feedViews'

/** `/feeds/new.atom`: what's new on the map. */
export async function GET(request: Request): Promise<Response> {
  return feedResponse(request, await newFeed())
}
