import type { PayloadRequest } from 'payload'

import { roleOf } from './roles'

/** Any user with a role: used for the admin panel itself and for uploads. */
export const isSignedIn = ({ req: { user } }: { req: PayloadRequest }): boolean =>
  roleOf(user) !== undefined
