import { COLLECTIONS } from '@repo/types'
import type { CollectionConfig, Payload } from 'payload'

import { isStaff } from '../access/isStaff'
import { nobody } from '../access/nobody'

export const SUGGESTION_DECISIONS = 'suggestion-decisions' as const

export type Decision = 'accepted' | 'dismissed'

/**
 * Editors' decisions on suggested product ↔ need pairs: one record per pair, written only by
 * the suggestion endpoints (accept links the pair; dismiss keeps it out of every later
 * suggestion). Staff only, never public.
 */
export const SuggestionDecisions: CollectionConfig = {
  slug: SUGGESTION_DECISIONS,
  labels: { singular: 'Suggestion decision', plural: 'Suggestion decisions' },
  admin: {
    group: 'Demand',
    defaultColumns: ['need', 'product', 'decision', 'by', 'at'],
    description:
      'What editors decided on suggested links between products and learning needs. Accept and dismiss them on a need or a product.',
  },
  defaultSort: '-at',
  indexes: [{ fields: ['need', 'product'], unique: true }],
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  fields: [
    {
      name: 'need',
      type: 'relationship',
      relationTo: COLLECTIONS.learningNeeds,
      required: true,
      index: true,
    },
    {
      name: 'product',
      type: 'relationship',
      relationTo: COLLECTIONS.knowledgeProducts,
      required: true,
      index: true,
    },
    {
      name: 'decision',
      type: 'select',
      required: true,
      options: [
        { label: 'Accepted', value: 'accepted' },
        { label: 'Dismissed', value: 'dismissed' },
      ],
    },
    { name: 'by', type: 'relationship', relationTo: COLLECTIONS.users },
    { name: 'at', type: 'date', required: true },
    { name: 'why', type: 'text', admin: { description: 'The suggestion’s why when decided.' } },
  ],
}

type Id = string | number
const idOf = (v: unknown): string =>
  String(v && typeof v === 'object' && 'id' in v ? (v as { id: Id }).id : v)

/** The other side of every decided pair of a need (products) or of a product (needs). */
export async function decidedPartners(
  payload: Payload,
  side: 'need' | 'product',
  id: Id,
): Promise<Set<string>> {
  const { docs } = await payload.find({
    collection: SUGGESTION_DECISIONS,
    where: { [side]: { equals: id } },
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
    select: { need: true, product: true },
  })
  return new Set(docs.map((d) => idOf(side === 'need' ? d.product : d.need)))
}
