import type { CollectionConfig } from 'payload'

import { isStaff } from '../access/isStaff'
import { nobody } from '../access/nobody'
import { SEARCH_MISSES } from '../demand/unmetSearches'

/**
 * Unmet searches: one row per normalised query and day, with a count. Nothing that identifies a
 * visitor is kept. Written by the site through `POST /api/unmet-searches`; editors read them in
 * "Unmet searches".
 */
export const SearchMisses: CollectionConfig = {
  slug: SEARCH_MISSES,
  labels: { singular: 'Unmet search', plural: 'Unmet searches' },
  admin: {
    group: 'Demand',
    useAsTitle: 'query',
    defaultColumns: ['query', 'day', 'count'],
    description: 'Searches on the site that found nothing, per day. No personal data is kept.',
  },
  defaultSort: '-day',
  indexes: [{ fields: ['query', 'day'], unique: true }],
  access: { read: isStaff, create: nobody, update: nobody, delete: isStaff },
  fields: [
    { name: 'query', type: 'text', required: true, index: true, maxLength: 200 },
    {
      name: 'day',
      type: 'text',
      required: true,
      index: true,
      admin: { description: 'UTC, YYYY-MM-DD' },
    },
    { name: 'count', type: 'number', required: true, min: 1, defaultValue: 1 },
  ],
}
