import { COLLECTIONS } from '@repo/types'
import type { CollectionBeforeChangeHook } from 'payload'

/** The very first account (from the admin's "create first user" screen) must be able to administer. */
export const firstUserIsAdmin: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({
    collection: COLLECTIONS.users,
    req,
    overrideAccess: true,
  })
  if (totalDocs === 0) data.role = 'admin'
  return data
}
