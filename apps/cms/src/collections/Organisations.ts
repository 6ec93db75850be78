import { COLLECTIONS, ORGANISATION_KINDS } from '@repo/types'
import type { CollectionConfig } from 'payload'

import { anyone } from '../access/anyone'
import { isStaff } from '../access/isStaff'
import { revalidateSiteAfterChange, revalidateSiteAfterDelete } from '../hooks/revalidateSite'
import { slugField } from '../fields/slug'
import { validateUrl } from '../fields/sources'

export const Organisations: CollectionConfig = {
  slug: COLLECTIONS.organisations,
  labels: { singular: 'Organisation', plural: 'Organisations' },
  admin: {
    group: 'Reference',
    useAsTitle: 'name',
    defaultColumns: ['name', 'kind', 'country', 'website'],
    listSearchableFields: ['name', 'slug', 'country'],
  },
  defaultSort: 'name',
  access: { read: anyone, create: isStaff, update: isStaff, delete: isStaff },
  hooks: {
    afterChange: [revalidateSiteAfterChange],
    afterDelete: [revalidateSiteAfterDelete],
  },
  fields: [
    { name: 'name', type: 'text', required: true, index: true },
    slugField('name'),
    {
      name: 'kind',
      type: 'select',
      options: ORGANISATION_KINDS.map((k) => ({ ...k })),
      index: true,
    },
    { name: 'country', type: 'text', admin: { description: 'Where the organisation is based.' } },
    { name: 'website', type: 'text', validate: validateUrl },
    { name: 'description', type: 'textarea' },
  ],
}
