/**
 * zod schemas for the public shape of each collection: what the CMS REST API returns at the
 * depths and with the `select` / `populate` the SDK asks for (see `QUERY_SHAPES` in `client.ts`).
 * The TypeScript types are inferred from these schemas; Payload's generated `payload-types.ts`
 * stays the CMS's own truth, and a drift test in the CMS checks that the two agree.
 *
 * Relations come back populated with a small summary of the related record ("refs"). A related
 * record that the caller may not read (a draft, say) comes back from Payload as a bare id; the
 * schemas drop those from lists and turn them into `null` for single relations, so consumers only
 * ever see records they can link to.
 */
import { z } from 'zod'

import {
  AUDIENCES,
  CONFIDENCE,
  COVERAGE,
  LANGUAGES,
  LEARNING_NEED_KINDS,
  ORGANISATION_KINDS,
  PRIORITIES,
  PRODUCT_TYPES,
} from './collections.js'

const values = <T extends { value: string }>(list: readonly T[]) =>
  list.map((o) => o.value) as [T['value'], ...T['value'][]]

/** A document id: a number on SQLite, a string (ObjectId) on MongoDB. */
export const IdSchema = z.union([z.number().int(), z.string().min(1)])
export type Id = z.infer<typeof IdSchema>

export const ProductTypeSchema = z.enum(values(PRODUCT_TYPES))
export const LanguageSchema = z.enum(values(LANGUAGES))
export const LearningNeedKindSchema = z.enum(values(LEARNING_NEED_KINDS))
export const PrioritySchema = z.enum(values(PRIORITIES))
export const ConfidenceSchema = z.enum(values(CONFIDENCE))
export const CoverageSchema = z.enum(values(COVERAGE))
export const OrganisationKindSchema = z.enum(values(ORGANISATION_KINDS))
export const StatusSchema = z.enum(['draft', 'published'])
export const AudienceSchema = z.enum(values(AUDIENCES))

const nullableString = z.string().nullish()
const nullableNumber = z.number().nullish()
const timestamps = { createdAt: z.string(), updatedAt: z.string() }

/** Where a fact was read. */
export const SourceSchema = z.object({
  id: z.string().nullish(),
  url: z.string(),
  label: nullableString,
})
const sources = z.array(SourceSchema).nullish()

/** A hasMany relation: populated refs; unreadable ones (bare ids) are dropped. */
const refMany = <T extends z.ZodType<{ id: Id }>>(ref: T) =>
  z
    .array(z.union([ref, IdSchema]))
    .nullish()
    .transform(
      (list) => (list ?? []).filter((v) => typeof v === 'object' && v !== null) as z.output<T>[],
    )

/** A single relation: the populated ref, or `null` when empty or unreadable. */
const refOne = <T extends z.ZodType<{ id: Id }>>(ref: T) =>
  z
    .union([ref, IdSchema])
    .nullish()
    .transform((v) => (typeof v === 'object' && v !== null ? (v as z.output<T>) : null))

// --- Refs: the summaries a populated relation carries -------------------------------------------

export const ThemeRefSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  title: z.string(),
  shortTitle: nullableString,
  colour: z.string(),
  order: nullableNumber,
})
export type ThemeRef = z.infer<typeof ThemeRefSchema>

export const ProgrammeRefSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  name: z.string(),
  startYear: z.number(),
  endYear: nullableNumber,
})
export type ProgrammeRef = z.infer<typeof ProgrammeRefSchema>

export const OrganisationRefSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  name: z.string(),
  country: nullableString,
})
export type OrganisationRef = z.infer<typeof OrganisationRefSchema>

export const PartnershipRefSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  name: z.string(),
  /** The programme's id (refs are populated one level deep only). */
  programme: IdSchema.nullish(),
})
export type PartnershipRef = z.infer<typeof PartnershipRefSchema>

export const LearningNeedRefSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  title: z.string(),
  kind: LearningNeedKindSchema,
  coverage: CoverageSchema.nullish(),
})
export type LearningNeedRef = z.infer<typeof LearningNeedRefSchema>

export const ProductRefSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  title: z.string(),
  type: ProductTypeSchema,
  year: nullableNumber,
})
export type ProductRef = z.infer<typeof ProductRefSchema>

export const MediaRefSchema = z.object({
  id: IdSchema,
  url: nullableString,
  filename: nullableString,
  mimeType: nullableString,
  filesize: nullableNumber,
})
export type MediaRef = z.infer<typeof MediaRefSchema>

// --- Documents ------------------------------------------------------------------------------------

/** A theme (depth 0). */
export const ThemeSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  title: z.string(),
  shortTitle: nullableString,
  description: nullableString,
  order: nullableNumber,
  colour: z.string(),
  sources,
  ...timestamps,
})
export type Theme = z.infer<typeof ThemeSchema>

/** A programme (depth 0). */
export const ProgrammeSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  name: z.string(),
  startYear: z.number(),
  endYear: nullableNumber,
  description: nullableString,
  sources,
  ...timestamps,
})
export type Programme = z.infer<typeof ProgrammeSchema>

/** An organisation (depth 0). */
export const OrganisationSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  name: z.string(),
  kind: OrganisationKindSchema.nullish(),
  country: nullableString,
  website: nullableString,
  description: nullableString,
  ...timestamps,
})
export type Organisation = z.infer<typeof OrganisationSchema>

/** A partnership (depth 1: programme, lead, members and themes populated as refs). */
export const PartnershipSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  name: z.string(),
  programme: refOne(ProgrammeRefSchema),
  lead: refOne(OrganisationRefSchema),
  members: refMany(OrganisationRefSchema),
  themes: refMany(ThemeRefSchema),
  focus: nullableString,
  summary: nullableString,
  countries: z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []),
  website: nullableString,
  iatiIdentifier: nullableString,
  editorialNote: nullableString,
  sources,
  ...timestamps,
})
export type Partnership = z.infer<typeof PartnershipSchema>

const stringList = z
  .array(z.string())
  .nullish()
  .transform((v) => v ?? [])

/** A knowledge product (depth 1: relations populated as refs). */
export const ProductSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  title: z.string(),
  summary: nullableString,
  type: ProductTypeSchema,
  year: nullableNumber,
  partnerships: refMany(PartnershipRefSchema),
  themes: refMany(ThemeRefSchema),
  organisations: refMany(OrganisationRefSchema),
  learningNeeds: refMany(LearningNeedRefSchema),
  languages: z
    .array(LanguageSchema)
    .nullish()
    .transform((v) => v ?? []),
  countries: stringList,
  externalUrl: nullableString,
  file: refOne(MediaRefSchema),
  licence: nullableString,
  audience: z
    .array(AudienceSchema)
    .nullish()
    .transform((v) => v ?? []),
  keywords: stringList,
  sources,
  confidence: ConfidenceSchema.nullish(),
  provenanceNote: nullableString,
  editorialNote: nullableString,
  /** When the product first went on the map (dated views leave out later ones). */
  firstPublishedAt: nullableString,
  _status: StatusSchema.nullish(),
  ...timestamps,
})
export type Product = z.infer<typeof ProductSchema>

/** One change of a learning need's coverage. */
export const CoverageChangeSchema = z.object({
  id: z.string().nullish(),
  from: CoverageSchema.nullish(),
  to: CoverageSchema,
  at: z.string(),
  reason: nullableString,
  product: refOne(ProductRefSchema),
})
export type CoverageChange = z.infer<typeof CoverageChangeSchema>

/**
 * A learning need (depth 1). Lists leave out `coverageHistory` (it grows without bound); `get`
 * includes it.
 */
export const LearningNeedSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  kind: LearningNeedKindSchema,
  priority: PrioritySchema.nullish(),
  raisedBy: refMany(PartnershipRefSchema),
  programme: refOne(ProgrammeRefSchema),
  themes: refMany(ThemeRefSchema),
  isExample: z.boolean().nullish(),
  /** Who stated the need, as the source names them, and their organisation if it is on the map. */
  statedBy: z
    .object({ name: nullableString, organisation: refOne(OrganisationRefSchema) })
    .nullish(),
  statedYear: nullableNumber,
  /** The source's own label for the need's subject (not one of the four themes). */
  topic: nullableString,
  confidence: ConfidenceSchema.nullish(),
  provenanceNote: nullableString,
  editorialNote: nullableString,
  /** When an editor last reviewed the need and found nothing to change (a virtual field). */
  lastReviewedAt: nullableString,
  coverage: CoverageSchema.nullish(),
  derivedCoverage: CoverageSchema.nullish(),
  publishedProductCount: nullableNumber,
  coverageOverride: CoverageSchema.nullish(),
  coverageOverrideReason: nullableString,
  coverageHistory: z.array(CoverageChangeSchema).optional(),
  sources,
  /** When the need first went on the map. */
  firstPublishedAt: nullableString,
  _status: StatusSchema.nullish(),
  ...timestamps,
})
export type LearningNeed = z.infer<typeof LearningNeedSchema>

/** An insight (depth 1). */
export const InsightSchema = z.object({
  id: IdSchema,
  slug: z.string(),
  title: z.string(),
  body: z.string(),
  partnership: refOne(PartnershipRefSchema),
  date: nullableString,
  learningNeeds: refMany(LearningNeedRefSchema),
  products: refMany(ProductRefSchema),
  _status: StatusSchema.nullish(),
  ...timestamps,
})
export type Insight = z.infer<typeof InsightSchema>

/** A page of results, as Payload's REST `find` returns it. */
export const pageSchema = <T extends z.ZodType>(doc: T) =>
  z.object({
    docs: z.array(doc),
    totalDocs: z.number().int(),
    limit: z.number().int(),
    page: z.number().int().default(1),
    totalPages: z.number().int(),
    hasNextPage: z.boolean(),
    hasPrevPage: z.boolean(),
    nextPage: z.number().int().nullish(),
    prevPage: z.number().int().nullish(),
  })
/** A record's address and last change: the slim listing a sitemap is built from. */
export const LinkSchema = z.object({ id: IdSchema, slug: z.string().min(1), updatedAt: z.string() })
export type Link = z.infer<typeof LinkSchema>

/** A page of results with validated documents. */
export type Page<T> = {
  docs: T[]
  totalDocs: number
  limit: number
  page: number
  totalPages: number
  hasNextPage: boolean
  hasPrevPage: boolean
  nextPage?: number | null
  prevPage?: number | null
}

// --- The map matrix -------------------------------------------------------------------------------

export const MATRIX_AXES = ['learning-needs', 'types'] as const
export const MatrixAxisSchema = z.enum(MATRIX_AXES)
export type MatrixAxis = z.infer<typeof MatrixAxisSchema>

/**
 * What the map counts as coverage: `confirmed` (the default) only the links editors made or
 * accepted; `suggested` also shows, for a need no published product is linked to, the
 * suggestions strong enough to count (learning-needs axis only).
 */
export const MATRIX_MODES = ['confirmed', 'suggested'] as const
export const MatrixModeSchema = z.enum(MATRIX_MODES)
export type MatrixMode = z.infer<typeof MatrixModeSchema>

/** A strong suggestion on the map: a product the engine proposes for a need (not a link). */
export const MatrixSuggestionSchema = z.object({
  id: IdSchema,
  slug: z.string().nullable(),
  title: z.string(),
  /** The share of the need's terms' weight the product matches (0–1). */
  strength: z.number().min(0).max(1),
  /** The need's terms the product matches: why it is suggested. */
  terms: z.array(z.string()),
  /** The product's theme slugs (the cells it would cover). */
  themes: z.array(z.string()),
})
export type MatrixSuggestion = z.infer<typeof MatrixSuggestionSchema>

/** A row of the map: a learning need or a product type. */
export const MatrixRowSchema = z.object({
  /** The need's slug, or the product type's value. */
  key: z.string(),
  label: z.string(),
  /** The need's id (learning-needs axis only). */
  id: IdSchema.optional(),
  /** Learning-needs axis only. */
  kind: LearningNeedKindSchema.optional(),
  /** The need's coverage status (learning-needs axis only). */
  coverage: CoverageSchema.optional(),
  /** Published products in this row, whatever their themes. */
  total: z.number().int().nonnegative(),
  /** Published products per theme slug; every theme has an entry. */
  cells: z.record(z.string(), z.number().int().nonnegative()),
  /**
   * `suggested` mode, a need with no linked published product: its strong suggestions, and how
   * many of them carry each theme (every theme has an entry). Absent in `confirmed` mode and on
   * rows with confirmed coverage.
   */
  suggested: z
    .object({
      products: z.array(MatrixSuggestionSchema),
      cells: z.record(z.string(), z.number().int().nonnegative()),
    })
    .optional(),
})
export type MatrixRow = z.infer<typeof MatrixRowSchema>

/** The response of `GET /api/map/matrix`. */
export const MatrixSchema = z.object({
  axis: MatrixAxisSchema,
  mode: MatrixModeSchema.default('confirmed'),
  /**
   * `suggested` mode: the strength a suggestion needs to count, and when the suggestions were
   * last computed (null: not yet; `pending`: a recomputation is queued or running).
   */
  suggestions: z
    .object({
      threshold: z.number().min(0).max(1),
      computedAt: z.string().nullable(),
      pending: z.boolean(),
    })
    .nullable()
    .default(null),
  programme: z.object({ id: IdSchema, slug: z.string(), name: z.string() }).nullable(),
  themes: z.array(ThemeRefSchema),
  rows: z.array(MatrixRowSchema),
  totals: z.object({
    /** Distinct published products counted in any row. */
    products: z.number().int().nonnegative(),
    /** Distinct published products per theme slug, over all rows. */
    byTheme: z.record(z.string(), z.number().int().nonnegative()),
  }),
})
export type Matrix = z.infer<typeof MatrixSchema>
