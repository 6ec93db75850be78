/**
 * Collection slugs: the one place where they are spelled. The CMS registers its collections
 * under these slugs and every client addresses the REST API through them.
 */
export const COLLECTIONS = {
  users: 'users',
  programmes: 'programmes',
  themes: 'themes',
  organisations: 'organisations',
  partnerships: 'partnerships',
  knowledgeProducts: 'knowledge-products',
  learningNeeds: 'learning-needs',
  insights: 'insights',
  media: 'media',
} as const

export type CollectionKey = keyof typeof COLLECTIONS
export type CollectionSlug = (typeof COLLECTIONS)[CollectionKey]

/** Roles of people who sign in to the CMS. */
export const ROLES = ['admin', 'editor', 'contributor'] as const
export type Role = (typeof ROLES)[number]

/** Kinds of knowledge product. `label` is what a visitor reads. */
export const PRODUCT_TYPES = [
  { value: 'report', label: 'Report' },
  { value: 'evaluation', label: 'Evaluation' },
  { value: 'tool', label: 'Tool' },
  { value: 'method', label: 'Method' },
  { value: 'instrument', label: 'Instrument' },
  { value: 'toolkit', label: 'Toolkit' },
  { value: 'case-study', label: 'Case study' },
  { value: 'policy-brief', label: 'Policy brief' },
  { value: 'training-module', label: 'Training module' },
  { value: 'video', label: 'Video' },
  { value: 'podcast', label: 'Podcast' },
  { value: 'dataset', label: 'Dataset' },
  { value: 'platform', label: 'Platform' },
  { value: 'magazine', label: 'Magazine' },
  { value: 'other', label: 'Other' },
] as const
export type ProductType = (typeof PRODUCT_TYPES)[number]['value']
export const PRODUCT_TYPE_VALUES = PRODUCT_TYPES.map((t) => t.value) as [
  ProductType,
  ...ProductType[],
]

export const LEARNING_NEED_KINDS = [
  { value: 'knowledge-gap', label: 'Knowledge gap' },
  { value: 'learning-need', label: 'Learning need' },
] as const
export type LearningNeedKind = (typeof LEARNING_NEED_KINDS)[number]['value']

/**
 * How a seeded fact is known: stated by its source, or inferred from the source's context (for
 * example a descriptive title, or a year read from a news item). Inferred facts are shown as such.
 */
export const CONFIDENCE = [
  { value: 'stated', label: 'Stated by the source' },
  { value: 'inferred', label: 'Inferred from context' },
] as const
export type Confidence = (typeof CONFIDENCE)[number]['value']

export const PRIORITIES = [
  { value: 'high', label: 'High' },
  { value: 'medium', label: 'Medium' },
  { value: 'low', label: 'Low' },
] as const
export type Priority = (typeof PRIORITIES)[number]['value']

export const COVERAGE = [
  { value: 'open', label: 'Open (a gap)' },
  { value: 'partial', label: 'Partially covered' },
  { value: 'covered', label: 'Covered' },
] as const
export type Coverage = (typeof COVERAGE)[number]['value']

/**
 * A need is `covered` once this many published products address it; one product, or any number
 * below this, makes it `partial`; none leaves it `open`.
 */
export const COVERED_THRESHOLD = 2

/** Derives a learning need's coverage from the number of published products that address it. */
export function coverageFromCount(publishedProducts: number): Coverage {
  if (publishedProducts <= 0) return 'open'
  return publishedProducts >= COVERED_THRESHOLD ? 'covered' : 'partial'
}

/** Audiences a knowledge product is written for. */
export const AUDIENCES = [
  { value: 'practitioners', label: 'Practitioners' },
  { value: 'policymakers', label: 'Policymakers' },
  { value: 'researchers', label: 'Researchers' },
  { value: 'donors', label: 'Donors' },
  { value: 'communities', label: 'Communities' },
  { value: 'general', label: 'General public' },
] as const
export type Audience = (typeof AUDIENCES)[number]['value']

export const ORGANISATION_KINDS = [
  { value: 'cso', label: 'Civil society organisation' },
  { value: 'knowledge-institute', label: 'Knowledge institute' },
  { value: 'southern-partner', label: 'Southern partner' },
  { value: 'network', label: 'Network or platform' },
  { value: 'government', label: 'Government' },
  { value: 'other', label: 'Other' },
] as const
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number]['value']

/** ISO 639-1 codes offered for a product's languages. */
export const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'fr', label: 'French' },
  { value: 'es', label: 'Spanish' },
  { value: 'pt', label: 'Portuguese' },
  { value: 'nl', label: 'Dutch' },
  { value: 'ar', label: 'Arabic' },
  { value: 'sw', label: 'Swahili' },
  { value: 'am', label: 'Amharic' },
  { value: 'bn', label: 'Bengali' },
  { value: 'hi', label: 'Hindi' },
  { value: 'id', label: 'Indonesian' },
  { value: 'ru', label: 'Russian' },
  { value: 'other', label: 'Other' },
] as const
export type Language = (typeof LANGUAGES)[number]['value']

export const YEAR_MIN = 1990
export const YEAR_MAX = 2100
