import type { Access, Where } from 'payload'

import { isRole, partnershipIdsOf } from './roles'

const published: Where = { _status: { equals: 'published' } }

/**
 * Read access for collections with drafts. Anonymous visitors get published records only;
 * contributors also see the drafts of their own partnerships; staff see everything.
 * @param scopeField the relationship field that ties a record to partnerships
 */
export const publishedOrScoped =
  (scopeField: string): Access =>
  ({ req: { user } }) => {
    if (isRole(user, 'admin', 'editor')) return true
    if (isRole(user, 'contributor')) {
      const ids = partnershipIdsOf(user)
      if (ids.length === 0) return published
      return { or: [published, { [scopeField]: { in: ids } }] }
    }
    return published
  }
