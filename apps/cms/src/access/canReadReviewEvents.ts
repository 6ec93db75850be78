import type { Access } from 'payload'

import { isRole, partnershipIdsOf } from './roles'

/**
 * Review history: staff read all of it; a contributor the steps on their own partnerships'
 * records (so they see an editor's comment, and nothing of other partnerships); anonymous none.
 */
export const canReadReviewEvents: Access = ({ req: { user } }) => {
  if (isRole(user, 'admin', 'editor')) return true
  if (isRole(user, 'contributor')) {
    const ids = partnershipIdsOf(user)
    return ids.length > 0 ? { partnerships: { in: ids } } : false
  }
  return false
}
