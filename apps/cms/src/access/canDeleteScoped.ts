import type { Access } from 'payload'

import { isRole, partnershipIdsOf } from './roles'

/** Delete access: staff everything; contributors only unpublished drafts of their own partnerships. */
export const canDeleteScoped =
  (scopeField: string): Access =>
  ({ req: { user } }) => {
    if (isRole(user, 'admin', 'editor')) return true
    if (isRole(user, 'contributor')) {
      const ids = partnershipIdsOf(user)
      if (ids.length === 0) return false
      return { and: [{ [scopeField]: { in: ids } }, { _status: { equals: 'draft' } }] }
    }
    return false
  }
