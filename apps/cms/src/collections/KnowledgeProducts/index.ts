import { AUDIENCES, COLLECTIONS, LANGUAGES, PRODUCT_TYPES, YEAR_MAX, YEAR_MIN } from '@repo/types'
import type { CollectionConfig } from 'payload'

import { canCreateDraft } from '../../access/canCreateDraft'
import { canDeleteScoped } from '../../access/canDeleteScoped'
import { canReadVersionsScoped } from '../../access/canReadVersionsScoped'
import { canUpdateScoped } from '../../access/canUpdateScoped'
import { publishedOrScoped } from '../../access/publishedOrScoped'
import { partnershipScopeField } from '../../fields/partnershipScope'
import { proposalField } from '../../fields/proposal'
import { firstPublishedField } from '../../fields/firstPublished'
import { editorialNoteField, provenanceFields } from '../../fields/provenance'
import { reviewFields } from '../../fields/review'
import { slugField } from '../../fields/slug'
import { sourcesField, validateUrl } from '../../fields/sources'
import { guardContributorWrites } from '../../hooks/guardContributorWrites'
import { guardLiveState } from '../../hooks/guardLiveState'
import { rememberLiveBefore } from '../../hooks/liveBefore'
import { publishedListIndexes } from '../listIndexes'
import { resolveSlugFilters } from '../../hooks/resolveSlugFilters'
import { indexForSearch, searchIndexField } from '../../search/fields'
import { suggestionEndpoints } from '../../suggest/endpoints'
import {
  forgetSuggestionsBeforeDelete,
  queueSuggestionsAfterChange,
  queueSuggestionsAfterDelete,
} from '../../suggest/hooks'
import { revalidateSiteAfterChange, revalidateSiteAfterDelete } from '../../hooks/revalidateSite'
import { reviewAfterChange, reviewBeforeChange } from '../../hooks/reviewWorkflow'
import { recordChangesAfterChange, recordChangesAfterDelete } from '../../hooks/recordChanges'
import { syncCoverageAfterChange, syncCoverageAfterDelete } from './hooks/syncCoverage'

const SCOPE = 'partnerships'

export const KnowledgeProducts: CollectionConfig = {
  slug: COLLECTIONS.knowledgeProducts,
  labels: { singular: 'Knowledge product', plural: 'Knowledge products' },
  admin: {
    group: 'Content',
    useAsTitle: 'title',
    defaultColumns: [
      'title',
      'type',
      'year',
      'partnerships',
      'reviewStatus',
      '_status',
      'updatedAt',
    ],
    listSearchableFields: ['title', 'slug', 'summary'],
    description: 'Publications, tools, methods and instruments produced by the partnerships.',
  },
  // Ends on the id: Payload appends `-createdAt` to a sort without it, which no index serves in
  // order, so a request without `sort` would sort every published product.
  defaultSort: ['-updatedAt', '-id'],
  versions: { drafts: { schedulePublish: true }, maxPerDoc: 50 },
  trash: true,
  // Sorts of the site, the SDK and the export (`PRODUCT_SORTS`), and type + year filters.
  indexes: [
    ...publishedListIndexes(['year', 'title', 'updatedAt']),
    { fields: ['_status', 'deletedAt', 'type', 'year'] },
  ],
  endpoints: suggestionEndpoints('product'),
  access: {
    read: publishedOrScoped(SCOPE),
    readVersions: canReadVersionsScoped(SCOPE),
    create: canCreateDraft,
    update: canUpdateScoped(SCOPE),
    delete: canDeleteScoped(SCOPE),
  },
  hooks: {
    beforeOperation: [guardLiveState, resolveSlugFilters],
    beforeChange: [
      guardContributorWrites(SCOPE),
      rememberLiveBefore,
      reviewBeforeChange,
      indexForSearch(COLLECTIONS.knowledgeProducts),
    ],
    afterChange: [
      syncCoverageAfterChange,
      reviewAfterChange,
      recordChangesAfterChange,
      queueSuggestionsAfterChange,
      revalidateSiteAfterChange,
    ],
    beforeDelete: [forgetSuggestionsBeforeDelete],
    afterDelete: [
      syncCoverageAfterDelete,
      recordChangesAfterDelete,
      revalidateSiteAfterDelete,
      queueSuggestionsAfterDelete,
    ],
  },
  fields: [
    { name: 'title', type: 'text', required: true, index: true },
    slugField('title'),
    { name: 'summary', type: 'textarea' },
    {
      type: 'row',
      fields: [
        {
          name: 'type',
          type: 'select',
          required: true,
          index: true,
          options: PRODUCT_TYPES.map((t) => ({ ...t })),
        },
        { name: 'year', type: 'number', min: YEAR_MIN, max: YEAR_MAX, index: true },
      ],
    },
    partnershipScopeField({ name: SCOPE, admin: { position: 'sidebar' } }),
    {
      name: 'themes',
      type: 'relationship',
      relationTo: COLLECTIONS.themes,
      hasMany: true,
      index: true,
      admin: { position: 'sidebar' },
    },
    {
      name: 'organisations',
      type: 'relationship',
      relationTo: COLLECTIONS.organisations,
      hasMany: true,
      label: 'Authors and publishers',
    },
    {
      name: 'learningNeeds',
      type: 'relationship',
      relationTo: COLLECTIONS.learningNeeds,
      hasMany: true,
      index: true,
      label: 'Learning needs addressed',
      admin: { description: 'The knowledge gaps and learning needs this product helps with.' },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'languages',
          type: 'select',
          hasMany: true,
          options: LANGUAGES.map((l) => ({ ...l })),
          index: true,
        },
        {
          name: 'countries',
          type: 'text',
          hasMany: true,
          index: true,
          admin: { description: 'Countries or regions the product is about.' },
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'externalUrl', type: 'text', label: 'Link', validate: validateUrl },
        { name: 'file', type: 'upload', relationTo: COLLECTIONS.media },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'licence',
          type: 'text',
          admin: { description: 'E.g. CC BY 4.0, or “All rights reserved”.' },
        },
        {
          name: 'audience',
          type: 'select',
          hasMany: true,
          options: AUDIENCES.map((a) => ({ ...a })),
        },
      ],
    },
    { name: 'keywords', type: 'text', hasMany: true },
    {
      name: 'suggestions',
      type: 'ui',
      admin: {
        condition: (data) => Boolean(data?.id),
        components: { Field: '/components/SuggestionsPanel#SuggestionsPanel' },
      },
    },
    editorialNoteField(),
    sourcesField(),
    ...provenanceFields(),
    firstPublishedField(),
    proposalField(),
    ...reviewFields(),
    searchIndexField(),
  ],
}
