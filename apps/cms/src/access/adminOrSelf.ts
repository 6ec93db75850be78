import type { Access } from 'payload'

import { isRole } from './roles'

/** Admins see and edit every user; anyone else only themself; anonymous users nobody. */
export const adminOrSelf: Access = ({ req: { user } }) => {
  if (!user) return false
  if (isRole(user, 'admin')) return true
  return { id: { equals: user.id } }
}
