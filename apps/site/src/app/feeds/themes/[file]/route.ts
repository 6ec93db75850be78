import { slugFeedRoute } from '@/lib/feeds'
import { themeFeed } from '@/lib/feedViews'

/** `/feeds/themes/<slug>.atom`. */
export const GET = slugFeedRoute(themeFeed)
