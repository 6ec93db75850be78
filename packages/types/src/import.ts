/**
 * Bulk import: the row schemas a spreadsheet row must satisfy, shared by the CMS importer (dry
 * run, admin view, CLI) and anyone preparing a file. A row arrives as raw cells (text from CSV;
 * text, numbers, dates or booleans from XLSX) keyed by column; the schemas trim, coerce and check
 * them and say what was expected in words a spreadsheet user understands ("expected a number
 * between 1990 and 2100"). References to other records are kept as the names or slugs written in
 * the file: the CMS resolves them against its data and the other rows of the same import.
 */
import { z } from 'zod'

import {
  AUDIENCES,
  COLLECTIONS,
  LANGUAGES,
  LEARNING_NEED_KINDS,
  ORGANISATION_KINDS,
  PRIORITIES,
  PRODUCT_TYPES,
  YEAR_MAX,
  YEAR_MIN,
} from './collections.js'
import { isSlug } from './slugify.js'

/** A raw spreadsheet cell. */
export type Cell = string | number | boolean | Date | null | undefined

/** Collections a file can import into, in the order a multi-sheet workbook is imported. */
export const IMPORT_COLLECTIONS = [
  COLLECTIONS.organisations,
  COLLECTIONS.partnerships,
  COLLECTIONS.learningNeeds,
  COLLECTIONS.knowledgeProducts,
] as const
export type ImportCollection = (typeof IMPORT_COLLECTIONS)[number]

/** Separator of several values in one cell ("Theme A; Theme B"); new lines work too. */
export const LIST_SEPARATOR = ';'

type Option = { readonly value: string; readonly label: string }

const isBlank = (v: unknown) => v == null || (typeof v === 'string' && v.trim() === '')
const asText = (v: unknown): unknown =>
  isBlank(v) ? undefined : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim()

const optionalText = (max: number) =>
  z.preprocess(asText, z.string().max(max, `expected at most ${max} characters`).optional())

const requiredText = (max: number) =>
  z.preprocess(
    asText,
    z
      .string({ error: 'required: this cell may not be empty' })
      .max(max, `expected at most ${max} characters`),
  )

const splitList = (v: unknown): string[] => {
  if (isBlank(v)) return []
  return String(v)
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
}

/** Names or slugs of related records, several separated by ";". */
const references = z.preprocess(splitList, z.array(z.string()))
/** The name or slug of one related record. */
const reference = z.preprocess(asText, z.string().optional())

const findOption = (options: readonly Option[], raw: string): string | undefined => {
  const s = raw.trim().toLowerCase()
  return options.find((o) => o.value === s || o.label.toLowerCase() === s)?.value
}
const describe = (options: readonly Option[]) => options.map((o) => o.label).join(', ')

/** One of `options`, written as its value ("case-study") or its label ("Case study"). */
const option = <T extends string>(options: readonly Option[]) =>
  z
    .preprocess(asText, z.string().optional())
    .superRefine((v, ctx) => {
      if (v !== undefined && !findOption(options, v)) {
        ctx.addIssue({ code: 'custom', message: `expected one of: ${describe(options)}` })
      }
    })
    .transform((v) => (v === undefined ? undefined : (findOption(options, v) as T)))

/** Several of `options`, separated by ";". */
const optionList = <T extends string>(options: readonly Option[]) =>
  z
    .preprocess(splitList, z.array(z.string()))
    .superRefine((list, ctx) => {
      const unknown = list.filter((v) => !findOption(options, v))
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `${unknown.map((u) => `“${u}”`).join(', ')} not recognised; expected any of: ${describe(options)}`,
        })
      }
    })
    .transform((list) => list.map((v) => findOption(options, v) as T))

const url = z.preprocess(asText, z.string().optional()).refine(
  (v) => {
    if (v === undefined) return true
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol)
    } catch {
      return false
    }
  },
  { message: 'expected a web address starting with http:// or https://' },
)

const slug = z
  .preprocess(asText, z.string().optional())
  .refine((v) => v === undefined || isSlug(v), {
    message: 'expected lower-case letters, digits and single hyphens (at most 96 characters)',
  })

const yearMessage = `expected a number between ${YEAR_MIN} and ${YEAR_MAX}`
const year = z.preprocess(
  (v) => {
    if (isBlank(v)) return undefined
    if (v instanceof Date) return v.getUTCFullYear()
    if (typeof v === 'number') return v
    const s = String(v).trim()
    return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s
  },
  z
    .number({ error: yearMessage })
    .int(yearMessage)
    .min(YEAR_MIN, yearMessage)
    .max(YEAR_MAX, yearMessage)
    .optional(),
)

const STATUSES = [
  { value: 'draft', label: 'Draft' },
  { value: 'published', label: 'Published' },
] as const
/** Whether the imported record is saved as a draft (the default) or published. */
const status = option<'draft' | 'published'>(STATUSES).transform((v) => v ?? 'draft')

export const OrganisationRowSchema = z.object({
  name: requiredText(200),
  slug,
  kind: option<(typeof ORGANISATION_KINDS)[number]['value']>(ORGANISATION_KINDS),
  country: optionalText(100),
  website: url,
  description: optionalText(5000),
})

export const PartnershipRowSchema = z.object({
  name: requiredText(200),
  slug,
  programme: z.preprocess(
    asText,
    z.string({ error: 'required: name the programme (or its slug)' }),
  ),
  lead: reference,
  members: references,
  themes: references,
  focus: optionalText(300),
  summary: optionalText(5000),
  countries: z.preprocess(splitList, z.array(z.string())),
  website: url,
  iatiIdentifier: optionalText(100),
})

export const LearningNeedRowSchema = z.object({
  title: requiredText(300),
  slug,
  description: requiredText(5000),
  kind: option<(typeof LEARNING_NEED_KINDS)[number]['value']>(LEARNING_NEED_KINDS).transform(
    (v) => v ?? 'learning-need',
  ),
  priority: option<(typeof PRIORITIES)[number]['value']>(PRIORITIES),
  raisedBy: references,
  programme: reference,
  themes: references,
  status,
})

export const KnowledgeProductRowSchema = z.object({
  title: requiredText(300),
  slug,
  summary: optionalText(5000),
  type: option<(typeof PRODUCT_TYPES)[number]['value']>(PRODUCT_TYPES).refine(
    (v) => v !== undefined,
    { message: `required: expected one of: ${describe(PRODUCT_TYPES)}` },
  ),
  year,
  partnerships: references,
  themes: references,
  organisations: references,
  learningNeeds: references,
  languages: optionList<(typeof LANGUAGES)[number]['value']>(LANGUAGES),
  countries: z.preprocess(splitList, z.array(z.string())),
  externalUrl: url,
  licence: optionalText(200),
  audience: optionList<(typeof AUDIENCES)[number]['value']>(AUDIENCES),
  keywords: z.preprocess(splitList, z.array(z.string())),
  status,
})

export const IMPORT_ROW_SCHEMAS = {
  [COLLECTIONS.organisations]: OrganisationRowSchema,
  [COLLECTIONS.partnerships]: PartnershipRowSchema,
  [COLLECTIONS.learningNeeds]: LearningNeedRowSchema,
  [COLLECTIONS.knowledgeProducts]: KnowledgeProductRowSchema,
} as const

export type OrganisationRow = z.output<typeof OrganisationRowSchema>
export type PartnershipRow = z.output<typeof PartnershipRowSchema>
export type LearningNeedRow = z.output<typeof LearningNeedRowSchema>
export type KnowledgeProductRow = z.output<typeof KnowledgeProductRowSchema>

/**
 * Columns whose cells name other records, and the collection they name. `many` columns take
 * several names separated by ";".
 */
export const IMPORT_REFERENCES: Record<
  ImportCollection,
  Record<string, { collection: string; many: boolean }>
> = {
  [COLLECTIONS.organisations]: {},
  [COLLECTIONS.partnerships]: {
    programme: { collection: COLLECTIONS.programmes, many: false },
    lead: { collection: COLLECTIONS.organisations, many: false },
    members: { collection: COLLECTIONS.organisations, many: true },
    themes: { collection: COLLECTIONS.themes, many: true },
  },
  [COLLECTIONS.learningNeeds]: {
    raisedBy: { collection: COLLECTIONS.partnerships, many: true },
    programme: { collection: COLLECTIONS.programmes, many: false },
    themes: { collection: COLLECTIONS.themes, many: true },
  },
  [COLLECTIONS.knowledgeProducts]: {
    partnerships: { collection: COLLECTIONS.partnerships, many: true },
    themes: { collection: COLLECTIONS.themes, many: true },
    organisations: { collection: COLLECTIONS.organisations, many: true },
    learningNeeds: { collection: COLLECTIONS.learningNeeds, many: true },
  },
}

/** The field a collection's rows are named by (and their slug generated from). */
export const IMPORT_TITLE_FIELD: Record<ImportCollection, 'name' | 'title'> = {
  [COLLECTIONS.organisations]: 'name',
  [COLLECTIONS.partnerships]: 'name',
  [COLLECTIONS.learningNeeds]: 'title',
  [COLLECTIONS.knowledgeProducts]: 'title',
}

/** Extra header spellings accepted for a column, besides its name in any case or spacing. */
const ALIASES: Record<string, string[]> = {
  externalUrl: ['url', 'link'],
  learningNeeds: ['needs', 'learning needs addressed'],
  raisedBy: ['partnerships', 'raised by partnerships'],
  iatiIdentifier: ['iati', 'iati id'],
  lead: ['lead organisation'],
  members: ['member organisations'],
  organisations: ['authors', 'publishers', 'authors and publishers'],
  type: ['product type'],
  kind: ['type'],
  status: ['publish status'],
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')

/** The column key a header cell means for `collection`, or undefined when it means none. */
export function columnForHeader(collection: ImportCollection, header: string): string | undefined {
  const schema = IMPORT_ROW_SCHEMAS[collection]
  const wanted = squash(header)
  if (!wanted) return undefined
  const keys = Object.keys(schema.shape)
  return (
    keys.find((k) => squash(k) === wanted) ??
    keys.find((k) => (ALIASES[k] ?? []).some((a) => squash(a) === wanted))
  )
}

/** The columns a file for `collection` may have, for templates and error messages. */
export const importColumns = (collection: ImportCollection): string[] =>
  Object.keys(IMPORT_ROW_SCHEMAS[collection].shape)

/** One problem with one cell (or a whole row when `column` is undefined). */
export type ImportIssue = {
  sheet?: string
  row: number
  column?: string
  message: string
}

/** "row 12, column year: expected a number between 1990 and 2100" */
export const formatIssue = (issue: ImportIssue): string =>
  `${issue.sheet ? `sheet ${issue.sheet}, ` : ''}row ${issue.row}${issue.column ? `, column ${issue.column}` : ''}: ${issue.message}`
