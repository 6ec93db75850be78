import { COLLECTIONS, YEAR_MAX, YEAR_MIN } from '@repo/types'
import type { CollectionConfig } from 'payload'

import { anyone } from '../access/anyone'
import { isStaff } from '../access/isStaff'
import { revalidateSiteAfterChange, revalidateSiteAfterDelete } from '../hooks/revalidateSite'
import { slugField } from '../fields/slug'
import { sourcesField } from '../fields/sources'

export const Programmes: CollectionConfig = {
  slug: COLLECTIONS.programmes,
  labels: { singular: 'Programme', plural: 'Programmes' },
  admin: {
    group: 'Reference',
    useAsTitle: 'name',
    defaultColumns: ['name', 'startYear', 'endYear', 'updatedAt'],
    listSearchableFields: ['name', 'slug'],
    description: 'Funding programmes or phases. Add a new programme here; nothing is hard-coded.',
  },
  defaultSort: '-startYear',
  access: { read: anyone, create: isStaff, update: isStaff, delete: isStaff },
  hooks: {
    afterChange: [revalidateSiteAfterChange],
    afterDelete: [revalidateSiteAfterDelete],
  },
  fields: [
    { name: 'name', type: 'text', required: true },
    slugField('name'),
    {
      type: 'row',
      fields: [
        {
          name: 'startYear',
          type: 'number',
          required: true,
          min: YEAR_MIN,
          max: YEAR_MAX,
          index: true,
        },
        {
          name: 'endYear',
          type: 'number',
          min: YEAR_MIN,
          max: YEAR_MAX,
          validate: (
            value: number | null | undefined,
            { siblingData }: { siblingData: { startYear?: number } },
          ) =>
            value == null || siblingData.startYear == null || value >= siblingData.startYear
              ? true
              : 'The end year cannot be before the start year.',
        },
      ],
    },
    { name: 'description', type: 'textarea' },
    sourcesField(),
  ],
}
