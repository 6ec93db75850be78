import { COLLECTIONS } from '@repo/types'
import type { CollectionConfig, Where } from 'payload'

import { isStaff } from '../access/isStaff'
import { isStaffField } from '../access/isStaffField'
import { nobody } from '../access/nobody'
import { NEED_REVIEWS } from '../demand/reviews'
import { queueRevalidation } from '../hooks/revalidateSite'

/** Anyone may see when a published need was last reviewed; who reviewed it is for editors. */
const reviewsOfPublishedNeeds = ({ req }: { req: { user?: unknown } }): boolean | Where =>
  isStaff({ req } as never) ? true : { 'need._status': { equals: 'published' } }

/**
 * Editors' explicit "Reviewed, no change" on a learning need: append-only, written by
 * `POST /api/learning-needs/:id/reviewed`.
 */
export const NeedReviews: CollectionConfig = {
  slug: NEED_REVIEWS,
  labels: { singular: 'Need review', plural: 'Need reviews' },
  admin: {
    group: 'Demand',
    defaultColumns: ['need', 'at', 'by', 'note'],
    description: 'Each time an editor reviewed a learning need and found nothing to change.',
  },
  defaultSort: '-at',
  access: { read: reviewsOfPublishedNeeds, create: nobody, update: nobody, delete: nobody },
  hooks: {
    // The map and the need's page show when it was last reviewed: refresh them (after commit).
    afterChange: [
      async ({ doc, req }) => {
        const id = typeof doc.need === 'object' && doc.need ? doc.need.id : doc.need
        const need = await req.payload.findByID({
          collection: COLLECTIONS.learningNeeds,
          id,
          depth: 0,
          overrideAccess: true,
          disableErrors: true,
          select: { slug: true },
          req,
        })
        queueRevalidation(req, {
          collection: COLLECTIONS.learningNeeds,
          slug: need?.slug ?? undefined,
        })
        return doc
      },
    ],
  },
  fields: [
    {
      name: 'need',
      type: 'relationship',
      relationTo: COLLECTIONS.learningNeeds,
      required: true,
      index: true,
    },
    { name: 'at', type: 'date', required: true, index: true },
    {
      name: 'by',
      type: 'relationship',
      relationTo: COLLECTIONS.users,
      access: { read: isStaffField },
    },
    { name: 'note', type: 'text', access: { read: isStaffField } },
  ],
}
