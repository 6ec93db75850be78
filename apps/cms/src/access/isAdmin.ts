import type { Access, FieldAccess } from 'payload'

import { isRole } from './roles'

export const isAdmin: Access = ({ req: { user } }) => isRole(user, 'admin')

export const isAdminField: FieldAccess = ({ req: { user } }) => isRole(user, 'admin')
