import type { Access, Where } from 'payload'

import { isRole, partnershipIdsOf } from './roles'

/** Published and not in the trash: what the public may read. */
const live: Where = {
  and: [{ _status: { equals: 'published' } }, { deletedAt: { exists: false } }],
}

/**
 * Read access for collections with drafts and a trash. Anonymous visitors get published records
 * that are not in the trash (even when they ask for `trash=true`); contributors also see the
 * records of their own partnerships, trashed drafts included so they can restore them; staff see
 * everything.
 * @param scopeField the relationship field that ties a record to partnerships
 */
export const publishedOrScoped =
  (scopeField: string): Access =>
  ({ req: { user } }) => {
    if (isRole(user, 'admin', 'editor')) return true
    if (isRole(user, 'contributor')) {
      const ids = partnershipIdsOf(user)
      if (ids.length === 0) return live
      return { or: [live, { [scopeField]: { in: ids } }] }
    }
    return live
  }
