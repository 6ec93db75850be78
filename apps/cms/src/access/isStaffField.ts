import type { FieldAccess } from 'payload'

import { isRole } from './roles'

/** Field-level: only editors and admins may set or read this field. */
export const isStaffField: FieldAccess = ({ req: { user } }) => isRole(user, 'admin', 'editor')
