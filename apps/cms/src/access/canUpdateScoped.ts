import type { Access } from 'payload'

import { isPublishing, isRole, partnershipIdsOf } from './roles'

/**
 * Update access: staff everything; contributors the records of their own partnerships, and never
 * with `_status: 'published'` (the admin asks this to decide whether to show "Publish").
 */
export const canUpdateScoped =
  (scopeField: string): Access =>
  ({ req: { user }, data }) => {
    if (isRole(user, 'admin', 'editor')) return true
    if (isRole(user, 'contributor')) {
      if (isPublishing(data)) return false
      const ids = partnershipIdsOf(user)
      return ids.length > 0 ? { [scopeField]: { in: ids } } : false
    }
    return false
  }
