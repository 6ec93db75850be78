import { COLLECTIONS } from '@repo/types'
import type { CollectionConfig } from 'payload'

import { anyone } from '../access/anyone'
import { isStaff } from '../access/isStaff'
import { revalidateSiteAfterChange, revalidateSiteAfterDelete } from '../hooks/revalidateSite'
import { slugField } from '../fields/slug'
import { editorialNoteField } from '../fields/provenance'
import { sourcesField, validateUrl } from '../fields/sources'
import { indexForSearch, searchIndexField } from '../search/fields'

export const Partnerships: CollectionConfig = {
  slug: COLLECTIONS.partnerships,
  labels: { singular: 'Partnership', plural: 'Partnerships' },
  admin: {
    group: 'Content',
    useAsTitle: 'name',
    defaultColumns: ['name', 'programme', 'lead', 'themes', 'updatedAt'],
    listSearchableFields: ['name', 'slug', 'focus', 'iatiIdentifier'],
  },
  defaultSort: 'name',
  access: { read: anyone, create: isStaff, update: isStaff, delete: isStaff },
  hooks: {
    beforeChange: [indexForSearch(COLLECTIONS.partnerships)],
    afterChange: [revalidateSiteAfterChange],
    afterDelete: [revalidateSiteAfterDelete],
  },
  fields: [
    { name: 'name', type: 'text', required: true, index: true },
    slugField('name'),
    {
      name: 'programme',
      type: 'relationship',
      relationTo: COLLECTIONS.programmes,
      required: true,
      index: true,
      admin: { position: 'sidebar' },
    },
    {
      name: 'lead',
      type: 'relationship',
      relationTo: COLLECTIONS.organisations,
      label: 'Lead organisation',
      index: true,
    },
    {
      name: 'members',
      type: 'relationship',
      relationTo: COLLECTIONS.organisations,
      hasMany: true,
      label: 'Member organisations',
    },
    {
      name: 'themes',
      type: 'relationship',
      relationTo: COLLECTIONS.themes,
      hasMany: true,
      index: true,
      admin: { position: 'sidebar' },
    },
    { name: 'focus', type: 'text', admin: { description: 'The partnership’s focus, in a line.' } },
    { name: 'summary', type: 'textarea' },
    {
      name: 'countries',
      type: 'text',
      hasMany: true,
      admin: { description: 'Countries or regions where the partnership works.' },
    },
    {
      type: 'row',
      fields: [
        { name: 'website', type: 'text', validate: validateUrl },
        { name: 'iatiIdentifier', type: 'text', label: 'IATI identifier', index: true },
      ],
    },
    editorialNoteField(),
    sourcesField(),
    {
      name: 'products',
      type: 'join',
      collection: COLLECTIONS.knowledgeProducts,
      on: 'partnerships',
      defaultLimit: 10,
      admin: { defaultColumns: ['title', 'type', 'year', '_status'] },
    },
    {
      name: 'learningNeeds',
      type: 'join',
      collection: COLLECTIONS.learningNeeds,
      on: 'raisedBy',
      label: 'Learning needs raised',
      defaultLimit: 10,
      admin: { defaultColumns: ['title', 'kind', 'coverage', '_status'] },
    },
    searchIndexField(),
  ],
}
