import type { Access } from 'payload'

import { isRole, partnershipIdsOf } from './roles'

/** Version history: staff everything; contributors the versions of their own partnerships' records. */
export const canReadVersionsScoped =
  (scopeField: string): Access =>
  ({ req: { user } }) => {
    if (isRole(user, 'admin', 'editor')) return true
    if (isRole(user, 'contributor')) {
      const ids = partnershipIdsOf(user)
      return ids.length > 0 ? { [`version.${scopeField}`]: { in: ids } } : false
    }
    return false
  }
