import { COLLECTIONS } from '@repo/types'
import type { CollectionConfig } from 'payload'

import { canReadReviewEvents } from '../access/canReadReviewEvents'
import { isStaffField } from '../access/isStaffField'
import { nobody } from '../access/nobody'
import { REVIEW_EVENTS, REVIEW_STATES, REVIEWED_SLUGS } from '../review/states'

const states = REVIEW_STATES.map((s) => ({ ...s }))

/**
 * The review log: one record per step (created, ready for review, returned, published…), with
 * who, when and the comment. A collection rather than an array on each record because the log
 * must be append-only and outlive versions: an array would be copied into every draft version,
 * could be overwritten by whoever may save the record, and would vanish with a restored older
 * version. As a collection it is written only by the workflow hook, never edited, scoped by
 * partnership for contributors, and queryable across collections (the editors' review queue).
 */
export const ReviewEvents: CollectionConfig = {
  slug: REVIEW_EVENTS,
  labels: { singular: 'Review step', plural: 'Review history' },
  admin: {
    group: 'Review',
    useAsTitle: 'recordTitle',
    defaultColumns: ['at', 'recordTitle', 'from', 'to', 'byName', 'comment'],
    description: 'Every review step on contributed records. Written by the workflow; read-only.',
  },
  defaultSort: '-at',
  access: { read: canReadReviewEvents, create: nobody, update: nobody, delete: nobody },
  fields: [
    {
      name: 'record',
      type: 'relationship',
      relationTo: [...REVIEWED_SLUGS],
      required: true,
      index: true,
    },
    { name: 'recordTitle', type: 'text', label: 'Record' },
    {
      type: 'row',
      fields: [
        { name: 'from', type: 'select', options: states },
        { name: 'to', type: 'select', options: states, required: true, index: true },
      ],
    },
    { name: 'comment', type: 'textarea' },
    {
      name: 'at',
      type: 'date',
      required: true,
      index: true,
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      type: 'row',
      fields: [
        { name: 'byName', type: 'text', label: 'By' },
        { name: 'byRole', type: 'text', label: 'Role' },
      ],
    },
    {
      name: 'by',
      type: 'relationship',
      relationTo: COLLECTIONS.users,
      access: { read: isStaffField },
    },
    {
      name: 'partnerships',
      type: 'relationship',
      relationTo: COLLECTIONS.partnerships,
      hasMany: true,
      index: true,
    },
  ],
}
