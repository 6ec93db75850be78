import { COLLECTIONS } from '@repo/types'
import type { CollectionConfig } from 'payload'

import { canCreateDraft } from '../access/canCreateDraft'
import { canDeleteScoped } from '../access/canDeleteScoped'
import { canReadVersionsScoped } from '../access/canReadVersionsScoped'
import { canUpdateScoped } from '../access/canUpdateScoped'
import { publishedOrScoped } from '../access/publishedOrScoped'
import { partnershipScopeField } from '../fields/partnershipScope'
import { reviewFields } from '../fields/review'
import { slugField } from '../fields/slug'
import { guardContributorWrites } from '../hooks/guardContributorWrites'
import { guardLiveState } from '../hooks/guardLiveState'
import { rememberLiveBefore } from '../hooks/liveBefore'
import { revalidateSiteAfterChange, revalidateSiteAfterDelete } from '../hooks/revalidateSite'
import { reviewAfterChange, reviewBeforeChange } from '../hooks/reviewWorkflow'
import { indexForSearch, searchIndexField } from '../search/fields'

const SCOPE = 'partnership'

export const Insights: CollectionConfig = {
  slug: COLLECTIONS.insights,
  labels: { singular: 'Insight', plural: 'Insights' },
  admin: {
    group: 'Content',
    useAsTitle: 'title',
    defaultColumns: ['title', 'partnership', 'date', 'reviewStatus', '_status', 'updatedAt'],
    listSearchableFields: ['title', 'slug', 'body'],
    description: 'Lessons that flow back from current partnerships into the map.',
  },
  defaultSort: '-date',
  versions: { drafts: { schedulePublish: true }, maxPerDoc: 50 },
  trash: true,
  access: {
    read: publishedOrScoped(SCOPE),
    readVersions: canReadVersionsScoped(SCOPE),
    create: canCreateDraft,
    update: canUpdateScoped(SCOPE),
    delete: canDeleteScoped(SCOPE),
  },
  hooks: {
    beforeOperation: [guardLiveState],
    beforeChange: [
      guardContributorWrites(SCOPE),
      rememberLiveBefore,
      reviewBeforeChange,
      indexForSearch(COLLECTIONS.insights),
    ],
    afterChange: [reviewAfterChange, revalidateSiteAfterChange],
    afterDelete: [revalidateSiteAfterDelete],
  },
  fields: [
    { name: 'title', type: 'text', required: true, index: true },
    slugField('title'),
    { name: 'body', type: 'textarea', required: true },
    partnershipScopeField({
      name: SCOPE,
      hasMany: false,
      required: true,
      admin: { position: 'sidebar' },
    }),
    {
      name: 'date',
      type: 'date',
      index: true,
      admin: { position: 'sidebar', date: { pickerAppearance: 'dayOnly' } },
    },
    {
      name: 'learningNeeds',
      type: 'relationship',
      relationTo: COLLECTIONS.learningNeeds,
      hasMany: true,
      index: true,
      label: 'Related learning needs',
    },
    {
      name: 'products',
      type: 'relationship',
      relationTo: COLLECTIONS.knowledgeProducts,
      hasMany: true,
      label: 'Related products',
    },
    ...reviewFields(),
    searchIndexField(),
  ],
}
