import { COLLECTIONS, COVERAGE, LEARNING_NEED_KINDS, PRIORITIES } from '@repo/types'
import type { CollectionConfig } from 'payload'

import { canCreateDraft } from '../../access/canCreateDraft'
import { canDeleteScoped } from '../../access/canDeleteScoped'
import { canReadVersionsScoped } from '../../access/canReadVersionsScoped'
import { canUpdateScoped } from '../../access/canUpdateScoped'
import { isStaffField } from '../../access/isStaffField'
import { publishedOrScoped } from '../../access/publishedOrScoped'
import { partnershipScopeField } from '../../fields/partnershipScope'
import { proposalField } from '../../fields/proposal'
import { firstPublishedField } from '../../fields/firstPublished'
import { editorialNoteField, provenanceFields } from '../../fields/provenance'
import { reviewFields } from '../../fields/review'
import { slugField } from '../../fields/slug'
import { sourcesField } from '../../fields/sources'
import { guardContributorWrites } from '../../hooks/guardContributorWrites'
import { guardLiveState } from '../../hooks/guardLiveState'
import { rememberLiveBefore } from '../../hooks/liveBefore'
import { publishedListIndexes } from '../listIndexes'
import { resolveSlugFilters } from '../../hooks/resolveSlugFilters'
import { revalidateSiteAfterChange, revalidateSiteAfterDelete } from '../../hooks/revalidateSite'
import { reviewAfterChange, reviewBeforeChange } from '../../hooks/reviewWorkflow'
import { recordChangesAfterChange, recordChangesAfterDelete } from '../../hooks/recordChanges'
import { applyCoverage } from './hooks/applyCoverage'
import { linkProductsFromNeed } from './hooks/linkProducts'
import { lastReviewedAt, reviewedEndpoint } from './reviewed'
import { indexForSearch, searchIndexField } from '../../search/fields'
import { suggestionEndpoints } from '../../suggest/endpoints'
import {
  forgetSuggestionsBeforeDelete,
  queueSuggestionsAfterChange,
  queueSuggestionsAfterDelete,
} from '../../suggest/hooks'

const SCOPE = 'raisedBy'
const coverageOptions = COVERAGE.map((c) => ({ ...c }))

export const LearningNeeds: CollectionConfig = {
  slug: COLLECTIONS.learningNeeds,
  labels: { singular: 'Learning need', plural: 'Learning needs' },
  admin: {
    group: 'Content',
    useAsTitle: 'title',
    defaultColumns: [
      'title',
      'kind',
      'coverage',
      'priority',
      'raisedBy',
      'reviewStatus',
      '_status',
    ],
    listSearchableFields: ['title', 'slug', 'description'],
    description:
      'Knowledge gaps and learning needs of current partnerships. Coverage follows the published products that address a need.',
  },
  defaultSort: 'title',
  versions: { drafts: { schedulePublish: true }, maxPerDoc: 50 },
  trash: true,
  indexes: publishedListIndexes(['title', 'updatedAt']),
  endpoints: [reviewedEndpoint, ...suggestionEndpoints('need')],
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
      applyCoverage,
      indexForSearch(COLLECTIONS.learningNeeds),
    ],
    afterChange: [
      linkProductsFromNeed,
      reviewAfterChange,
      recordChangesAfterChange,
      queueSuggestionsAfterChange,
      revalidateSiteAfterChange,
    ],
    beforeDelete: [forgetSuggestionsBeforeDelete],
    afterDelete: [recordChangesAfterDelete, revalidateSiteAfterDelete, queueSuggestionsAfterDelete],
  },
  fields: [
    { name: 'title', type: 'text', required: true, index: true },
    slugField('title'),
    { name: 'description', type: 'textarea', required: true },
    {
      type: 'row',
      fields: [
        {
          name: 'kind',
          type: 'select',
          required: true,
          defaultValue: 'learning-need',
          options: LEARNING_NEED_KINDS.map((k) => ({ ...k })),
          index: true,
        },
        {
          name: 'priority',
          type: 'select',
          options: PRIORITIES.map((p) => ({ ...p })),
          index: true,
        },
      ],
    },
    partnershipScopeField({ name: SCOPE, label: 'Raised by', admin: { position: 'sidebar' } }),
    {
      name: 'statedBy',
      type: 'group',
      label: 'Stated by',
      admin: {
        description:
          'Who stated this need, as the source names them (a partnership goes in “Raised by”).',
      },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'name', type: 'text', label: 'As the source names them' },
            {
              name: 'organisation',
              type: 'relationship',
              relationTo: COLLECTIONS.organisations,
            },
          ],
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'statedYear', type: 'number', label: 'Year stated', min: 1990, max: 2100 },
        {
          name: 'topic',
          type: 'text',
          admin: { description: 'The source’s own label for the subject (not a core theme).' },
        },
      ],
    },
    {
      name: 'programme',
      type: 'relationship',
      relationTo: COLLECTIONS.programmes,
      index: true,
      admin: { position: 'sidebar' },
    },
    {
      name: 'themes',
      type: 'relationship',
      relationTo: COLLECTIONS.themes,
      hasMany: true,
      index: true,
      admin: { position: 'sidebar' },
    },
    {
      name: 'isExample',
      type: 'checkbox',
      label: 'Illustrative example',
      defaultValue: false,
      admin: {
        position: 'sidebar',
        description: 'An example built for the map, not a need documented by a partnership.',
      },
    },
    {
      name: 'addressedBy',
      type: 'join',
      collection: COLLECTIONS.knowledgeProducts,
      on: 'learningNeeds',
      label: 'Addressed by',
      defaultLimit: 20,
      admin: {
        description: 'Products that list this need. Link them from either the product or here.',
        defaultColumns: ['title', 'type', 'year', '_status'],
      },
    },
    {
      name: 'linkProducts',
      type: 'relationship',
      relationTo: COLLECTIONS.knowledgeProducts,
      hasMany: true,
      virtual: true,
      label: 'Link existing products',
      access: { read: isStaffField, create: isStaffField, update: isStaffField },
      admin: {
        description:
          'Editors: pick products that address this need and save. Each product then lists this need under “Learning needs addressed” (the link is stored once, on the product) and appears in “Addressed by” above.',
      },
    },
    {
      type: 'collapsible',
      label: 'Coverage',
      fields: [
        {
          name: 'coverage',
          type: 'select',
          options: coverageOptions,
          defaultValue: 'open',
          index: true,
          admin: { readOnly: true, description: 'The override when set, else the derived value.' },
        },
        {
          type: 'row',
          fields: [
            {
              name: 'derivedCoverage',
              type: 'select',
              options: coverageOptions,
              defaultValue: 'open',
              admin: { readOnly: true },
            },
            {
              name: 'publishedProductCount',
              type: 'number',
              defaultValue: 0,
              admin: { readOnly: true, description: 'Published products that address this need.' },
            },
          ],
        },
        {
          name: 'coverageOverride',
          type: 'select',
          options: coverageOptions,
          access: { create: isStaffField, update: isStaffField },
          admin: { description: 'Editors only. Leave empty to follow the linked products.' },
        },
        {
          name: 'coverageOverrideReason',
          type: 'textarea',
          access: { create: isStaffField, update: isStaffField },
          admin: { condition: (data) => Boolean(data?.coverageOverride) },
          validate: (
            value: string | null | undefined,
            { siblingData }: { siblingData: { coverageOverride?: string | null } },
          ) =>
            siblingData.coverageOverride && !value?.trim()
              ? 'Give the reason for overriding the derived coverage.'
              : true,
        },
        {
          name: 'coverageHistory',
          type: 'array',
          admin: { readOnly: true, initCollapsed: true },
          fields: [
            {
              type: 'row',
              fields: [
                { name: 'from', type: 'select', options: coverageOptions },
                { name: 'to', type: 'select', options: coverageOptions, required: true },
                { name: 'at', type: 'date', required: true },
              ],
            },
            { name: 'reason', type: 'text' },
            { name: 'product', type: 'relationship', relationTo: COLLECTIONS.knowledgeProducts },
            {
              name: 'changedBy',
              type: 'relationship',
              relationTo: COLLECTIONS.users,
              access: { read: isStaffField },
            },
          ],
        },
      ],
    },
    {
      name: 'lastReviewedAt',
      type: 'date',
      virtual: true,
      label: 'Last reviewed',
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'When an editor last marked this need “Reviewed, no change”.',
      },
      hooks: { afterRead: [lastReviewedAt] },
    },
    {
      name: 'reviewedNoChange',
      type: 'ui',
      admin: {
        position: 'sidebar',
        condition: (data) => Boolean(data?.id),
        components: { Field: '/components/ReviewedNoChange#ReviewedNoChange' },
      },
    },
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
