import { COLLECTIONS } from '@repo/types'

/** Where a contribution stands in the editorial review. */
export const REVIEW_STATES = [
  { value: 'draft', label: 'Draft' },
  { value: 'in-review', label: 'Ready for review' },
  { value: 'returned', label: 'Returned for changes' },
  { value: 'published', label: 'Published' },
] as const
export type ReviewState = (typeof REVIEW_STATES)[number]['value']

/** The states a contributor may move a record to; returning and publishing are for editors. */
export const CONTRIBUTOR_STATES: readonly ReviewState[] = ['draft', 'in-review']

/** Slug of the append-only log of review steps. */
export const REVIEW_EVENTS = 'review-events' as const

/** The collections that go through review, each with the field that ties a record to partnerships. */
export const REVIEWED_COLLECTIONS = {
  [COLLECTIONS.knowledgeProducts]: { scope: 'partnerships', title: 'title' },
  [COLLECTIONS.learningNeeds]: { scope: 'raisedBy', title: 'title' },
  [COLLECTIONS.insights]: { scope: 'partnership', title: 'title' },
} as const
export type ReviewedCollection = keyof typeof REVIEWED_COLLECTIONS
export const REVIEWED_SLUGS = Object.keys(REVIEWED_COLLECTIONS) as ReviewedCollection[]

export const reviewStateLabel = (value: string | null | undefined): string =>
  REVIEW_STATES.find((s) => s.value === value)?.label ?? 'New'
