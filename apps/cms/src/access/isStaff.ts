import type { Access } from 'payload'

import { isRole } from './roles'

/** Editors and admins: everything on content. */
export const isStaff: Access = ({ req: { user } }) => isRole(user, 'admin', 'editor')
