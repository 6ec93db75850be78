import { checkThemeColour, COLLECTIONS } from '@repo/types'
import type { CollectionConfig } from 'payload'

import { anyone } from '../access/anyone'
import { isStaff } from '../access/isStaff'
import { revalidateSiteAfterChange, revalidateSiteAfterDelete } from '../hooks/revalidateSite'
import { slugField } from '../fields/slug'
import { sourcesField } from '../fields/sources'

export const Themes: CollectionConfig = {
  slug: COLLECTIONS.themes,
  labels: { singular: 'Theme', plural: 'Themes' },
  admin: {
    group: 'Reference',
    useAsTitle: 'title',
    defaultColumns: ['title', 'order', 'colour', 'updatedAt'],
    listSearchableFields: ['title', 'slug'],
  },
  defaultSort: 'order',
  access: { read: anyone, create: isStaff, update: isStaff, delete: isStaff },
  hooks: {
    afterChange: [revalidateSiteAfterChange],
    afterDelete: [revalidateSiteAfterDelete],
  },
  fields: [
    { name: 'title', type: 'text', required: true },
    slugField('title'),
    {
      name: 'shortTitle',
      type: 'text',
      admin: { description: 'Used where space is tight, such as the map’s column headers.' },
    },
    { name: 'description', type: 'textarea' },
    {
      type: 'row',
      fields: [
        { name: 'order', type: 'number', defaultValue: 0, index: true },
        {
          name: 'colour',
          type: 'text',
          required: true,
          defaultValue: '#1f5f8b',
          validate: (value: string | null | undefined) =>
            value ? checkThemeColour(value) : 'A colour is required.',
          admin: {
            description:
              'Hex colour for the map. It must reach WCAG AA (4.5:1) against white; darker colours pass.',
          },
        },
      ],
    },
    sourcesField(),
  ],
}
