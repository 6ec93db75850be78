import { slugFeedRoute } from '@/lib/feeds'
import { needFeed } from '@/lib/feedViews'

/** `/feeds/learning-needs/<slug>.atom`. */
export const GET = slugFeedRoute(needFeed)
