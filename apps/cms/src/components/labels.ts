import { COLLECTIONS } from '@repo/types'

import type { ReviewedCollection } from '../review/states'

export const COLLECTION_LABELS: Record<ReviewedCollection, string> = {
  [COLLECTIONS.knowledgeProducts]: 'Knowledge products',
  [COLLECTIONS.learningNeeds]: 'Learning needs',
  [COLLECTIONS.insights]: 'Insights',
}
