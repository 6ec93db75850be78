import type { Access } from 'payload'

import { isPublishing, isRole, partnershipIdsOf } from './roles'

/**
 * Create access for collections with drafts. Staff may create and publish. Contributors with at
 * least one partnership may create drafts; the scope field's validation keeps the draft inside
 * their own partnerships. Nobody else may create.
 */
export const canCreateDraft: Access = ({ req: { user }, data }) => {
  if (isRole(user, 'admin', 'editor')) return true
  if (isRole(user, 'contributor')) return partnershipIdsOf(user).length > 0 && !isPublishing(data)
  return false
}
