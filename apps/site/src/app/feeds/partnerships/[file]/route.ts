import { slugFeedRoute } from '@/lib/feeds'
import { partnershipFeed } from '@/lib/feedViews'

/** `/feeds/partnerships/<slug>.atom`. */
export const GET = slugFeedRoute(partnershipFeed)
