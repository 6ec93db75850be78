/**
 * The filter language: one zod schema per filterable collection, and for each three pure
 * functions that are the only implementation of the mapping between
 *
 * - a URL query string (what the site puts in links and the export service accepts),
 * - a typed filter object, and
 * - a Payload `where` clause (what the SDK sends to the CMS).
 *
 * Filters refer to records by slug, so URLs are readable: `?theme=environmental-rights`.
 * Within one facet the values are alternatives (any of them matches); facets combine with AND.
 */
import { z } from 'zod'

import { YEAR_MAX, YEAR_MIN } from './collections.js'
import {
  CoverageSchema,
  LanguageSchema,
  LearningNeedKindSchema,
  OrganisationKindSchema,
  PrioritySchema,
  ProductTypeSchema,
} from './schemas.js'
import { hasSearchTerms, parseSearchText } from './searchText.js'
import { isSlug } from './slugify.js'
import type { Where } from './where.js'

export type { Where, WhereField, WhereOperator, JsonValue } from './where.js'

/** Largest page size a filter may ask for. */
export const MAX_LIMIT = 100
/** Page size when a filter does not give one. */
export const DEFAULT_LIMIT = 20
/** Highest page number a filter may ask for (deeper listings should use the SDK's iterator). */
export const MAX_PAGE = 10_000
/** Longest text query, in characters. */
export const MAX_QUERY_LENGTH = 200

/** One problem with one query parameter. */
export type FilterIssue = {
  /** The query parameter at fault, as spelled in the URL (e.g. `theme`, `yearTo`). */
  param: string
  message: string
}

/**
 * Thrown (or returned, by the `safeParse…` functions) when a query string or a filter object is
 * not a valid filter. `param` names the first bad query parameter; `issues` lists all of them.
 */
export class FilterError extends Error {
  override readonly name = 'FilterError'
  /** The first bad query parameter, as spelled in the URL. */
  readonly param: string
  /** Every problem found, one per bad parameter value. */
  readonly issues: FilterIssue[]

  constructor(issues: FilterIssue[]) {
    const list = issues.length > 0 ? issues : [{ param: '', message: 'Invalid filter.' }]
    super(list.map((i) => (i.param ? `${i.param}: ${i.message}` : i.message)).join('; '))
    this.param = list[0]!.param
    this.issues = list
  }
}

/** The outcome of a `safeParse…` function: never throws. */
export type FilterResult<T> = { ok: true; filter: T } | { ok: false; error: FilterError }

/** What `parseFilter` and friends accept: a query string (with or without `?`) or its parts. */
export type QueryInput =
  URLSearchParams | string | Record<string, string | readonly string[] | undefined>

/** Options for parsing a query string. */
export type ParseOptions = {
  /**
   * Ignore query parameters that are not part of the filter (such as `utm_source`). By default
   * an unknown parameter is an error, so that a typo (`themes=` for `theme=`) is not silently
   * ignored.
   */
  allowUnknown?: boolean
}

// --- Building blocks --------------------------------------------------------------------------

const sortedUnique = <T extends string>(list: readonly T[]): T[] =>
  [...new Set(list)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))

const slugList = z
  .array(z.string().refine(isSlug, { message: 'Not a valid slug.' }))
  .default([])
  .transform(sortedUnique)

const enumList = <T extends string>(schema: z.ZodType<T>) =>
  z.array(schema).default([]).transform(sortedUnique)

const textQuery = z
  .string()
  .trim()
  .min(1, { message: 'Give a search text or leave it out.' })
  .max(MAX_QUERY_LENGTH, { message: `Use at most ${MAX_QUERY_LENGTH} characters.` })
  .refine((q) => hasSearchTerms(parseSearchText(q)), {
    message: 'Give at least one word to search for (besides words to leave out with -).',
  })
  .optional()

const year = z
  .int({ message: 'Give a year as a whole number.' })
  .min(YEAR_MIN, { message: `Give a year from ${YEAR_MIN}.` })
  .max(YEAR_MAX, { message: `Give a year up to ${YEAR_MAX}.` })
  .optional()

const page = z
  .int({ message: 'Give a page number as a whole number.' })
  .min(1, { message: 'Pages start at 1.' })
  .max(MAX_PAGE, { message: `Give a page up to ${MAX_PAGE}.` })
  .default(1)

const limit = z
  .int({ message: 'Give a page size as a whole number.' })
  .min(1, { message: 'Give a page size of at least 1.' })
  .max(MAX_LIMIT, { message: `Give a page size of at most ${MAX_LIMIT}.` })
  .default(DEFAULT_LIMIT)

const countryList = z
  .array(
    z
      .string()
      .trim()
      .min(1, { message: 'Give a country name.' })
      .max(100, { message: 'Use at most 100 characters.' }),
  )
  .default([])
  .transform(sortedUnique)

// --- Dated views -------------------------------------------------------------------------------

const AS_OF = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?Z)?$/

/**
 * The instant a dated view (`asOf`) stands for: a day (`2026-12-01`) is its last millisecond in
 * UTC; a time to the second (`2026-12-01T10:15:07Z`) that second's last; a time to the
 * millisecond (what "Cite this view" links to: the moment the view was read) exactly that.
 * Undefined when the value is not one of the two forms or not a real date.
 */
export function asOfInstant(asOf: string): Date | undefined {
  const m = AS_OF.exec(asOf)
  if (!m) return undefined
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v)))
  const day = new Date(Date.UTC(y!, mo! - 1, d!))
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo! - 1 || day.getUTCDate() !== d) {
    return undefined
  }
  if (h === undefined) return new Date(day.getTime() + 86_400_000 - 1)
  if (h > 23 || mi! > 59 || s! > 59) return undefined
  return new Date(day.getTime() + ((h * 60 + mi!) * 60 + s!) * 1000 + (ms ?? 999))
}

/** An `asOf` value: a date or a UTC time to the second, from the year 2000. */
export const AsOfSchema = z
  .string()
  .trim()
  .refine((v) => (asOfInstant(v)?.getUTCFullYear() ?? 0) >= 2000, {
    message:
      'Give a date as YYYY-MM-DD (or a UTC time as YYYY-MM-DDTHH:MM:SSZ), from the year 2000.',
  })
  .meta({
    description:
      'A dated view: only records first published by then. A UTC day (up to its end) or a UTC time.',
    examples: ['2026-12-01', '2026-12-01T10:15:07.120Z'],
  })

/**
 * Records on the map at `asOf`: first published by then. A record published before
 * `firstPublishedAt` was recorded has none; its creation date stands in (never later than its
 * first publication).
 */
export function asOfWhere(asOf: string | undefined): Where[] {
  const at = asOf === undefined ? undefined : asOfInstant(asOf)
  if (!at) return []
  const iso = at.toISOString()
  return [
    {
      or: [
        { firstPublishedAt: { less_than_equal: iso } },
        {
          and: [{ firstPublishedAt: { exists: false } }, { createdAt: { less_than_equal: iso } }],
        },
      ],
    },
  ]
}

/** How a filter field appears in the query string. */
type ParamSpec = {
  field: string
  param: string
  /** Repeated parameter (`theme=a&theme=b`) mapping to an array. */
  multi?: boolean
  /** Parsed as a whole number. */
  int?: boolean
}

// --- Knowledge products -----------------------------------------------------------------------

/**
 * Orders a product listing can take. `-` means descending. `relevance` (best match first) is the
 * default when there is a search text and means nothing without one (it then reads as `-year`).
 */
export const PRODUCT_SORTS = [
  'relevance',
  '-year',
  'year',
  'title',
  '-title',
  '-updatedAt',
] as const
export type ProductSort = (typeof PRODUCT_SORTS)[number]

/** The order a product filter gets when it names none: by relevance when searching, else newest. */
export const defaultProductSort = (f: { q?: string | undefined }): ProductSort =>
  f.q ? 'relevance' : '-year'

/** A knowledge-product filter. Parse input with it to get the canonical (normalised) filter. */
export const ProductFilterSchema = z
  .object({
    /** Words to find in the title or summary. */
    q: textQuery,
    /** Theme slugs. */
    themes: slugList,
    /** Partnership slugs. */
    partnerships: slugList,
    /** Programme slugs (products of partnerships in those programmes). */
    programmes: slugList,
    /** Product types. */
    types: enumList(ProductTypeSchema),
    /** Earliest year, inclusive. */
    yearFrom: year,
    /** Latest year, inclusive. */
    yearTo: year,
    /** Language codes. */
    languages: enumList(LanguageSchema),
    /** Country or region names, as stored on products. */
    countries: countryList,
    /** Learning-need slugs (products that address any of them). */
    learningNeeds: slugList,
    sort: z.enum(PRODUCT_SORTS).optional(),
    page,
    limit,
    /** A dated view: only the records first published by then (see `asOfInstant`). */
    asOf: AsOfSchema.optional(),
  })
  .refine((f) => f.yearFrom === undefined || f.yearTo === undefined || f.yearFrom <= f.yearTo, {
    message: 'The end year cannot be before the start year.',
    path: ['yearTo'],
  })
  .transform((f) => ({
    ...f,
    sort: f.sort === undefined || (f.sort === 'relevance' && !f.q) ? defaultProductSort(f) : f.sort,
  }))

/** A canonical knowledge-product filter (every default filled in, lists sorted and deduped). */
export type ProductFilter = z.output<typeof ProductFilterSchema>
/** What a caller may pass where a product filter is expected: any subset of the fields. */
export type ProductFilterInput = z.input<typeof ProductFilterSchema>

const PRODUCT_PARAMS: ParamSpec[] = [
  { field: 'q', param: 'q' },
  { field: 'programmes', param: 'programme', multi: true },
  { field: 'partnerships', param: 'partnership', multi: true },
  { field: 'themes', param: 'theme', multi: true },
  { field: 'learningNeeds', param: 'need', multi: true },
  { field: 'types', param: 'type', multi: true },
  { field: 'languages', param: 'language', multi: true },
  { field: 'countries', param: 'country', multi: true },
  { field: 'yearFrom', param: 'yearFrom', int: true },
  { field: 'yearTo', param: 'yearTo', int: true },
  { field: 'sort', param: 'sort' },
  { field: 'page', param: 'page', int: true },
  { field: 'limit', param: 'limit', int: true },
  { field: 'asOf', param: 'asOf' },
]

const textWhere = (q: string | undefined, fields: string[]): Where[] =>
  q ? [{ or: fields.map((f) => ({ [f]: { like: q } })) }] : []
const inWhere = (path: string, list: readonly string[]): Where[] =>
  list.length > 0 ? [{ [path]: { in: [...list] } }] : []
const combine = (conditions: Where[]): Where =>
  conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0]! : { and: conditions }

function productWhere(f: ProductFilter): Where {
  return combine([
    ...textWhere(f.q, ['title', 'summary']),
    ...inWhere('themes.slug', f.themes),
    ...inWhere('partnerships.slug', f.partnerships),
    ...inWhere('partnerships.programme.slug', f.programmes),
    ...inWhere('type', f.types),
    ...(f.yearFrom !== undefined ? [{ year: { greater_than_equal: f.yearFrom } }] : []),
    ...(f.yearTo !== undefined ? [{ year: { less_than_equal: f.yearTo } }] : []),
    ...inWhere('languages', f.languages),
    ...inWhere('countries', f.countries),
    ...inWhere('learningNeeds.slug', f.learningNeeds),
    ...asOfWhere(f.asOf),
  ])
}

// --- Learning needs ---------------------------------------------------------------------------

/** Orders a learning-need listing can take. */
export const LEARNING_NEED_SORTS = ['title', '-title', '-updatedAt'] as const
export type LearningNeedSort = (typeof LEARNING_NEED_SORTS)[number]

/** A learning-need filter. */
export const LearningNeedFilterSchema = z.object({
  /** Words to find in the title or description. */
  q: textQuery,
  /** Theme slugs. */
  themes: slugList,
  /** Programme slugs (the need's programme). */
  programmes: slugList,
  /** Slugs of the partnerships that raised the need. */
  partnerships: slugList,
  kinds: enumList(LearningNeedKindSchema),
  coverage: enumList(CoverageSchema),
  priorities: enumList(PrioritySchema),
  sort: z.enum(LEARNING_NEED_SORTS).default('title'),
  page,
  limit,
})
export type LearningNeedFilter = z.output<typeof LearningNeedFilterSchema>
export type LearningNeedFilterInput = z.input<typeof LearningNeedFilterSchema>

const LEARNING_NEED_PARAMS: ParamSpec[] = [
  { field: 'q', param: 'q' },
  { field: 'programmes', param: 'programme', multi: true },
  { field: 'partnerships', param: 'partnership', multi: true },
  { field: 'themes', param: 'theme', multi: true },
  { field: 'kinds', param: 'kind', multi: true },
  { field: 'coverage', param: 'coverage', multi: true },
  { field: 'priorities', param: 'priority', multi: true },
  { field: 'sort', param: 'sort' },
  { field: 'page', param: 'page', int: true },
  { field: 'limit', param: 'limit', int: true },
]

function learningNeedWhere(f: LearningNeedFilter): Where {
  return combine([
    ...textWhere(f.q, ['title', 'description']),
    ...inWhere('themes.slug', f.themes),
    ...inWhere('programme.slug', f.programmes),
    ...inWhere('raisedBy.slug', f.partnerships),
    ...inWhere('kind', f.kinds),
    ...inWhere('coverage', f.coverage),
    ...inWhere('priority', f.priorities),
  ])
}

// --- Reference collections and insights --------------------------------------------------------

/** A partnership filter. */
export const PartnershipFilterSchema = z.object({
  /** Words to find in the name, focus or summary. */
  q: textQuery,
  /** Programme slugs. */
  programmes: slugList,
  /** Theme slugs. */
  themes: slugList,
  sort: z.enum(['name', '-name']).default('name'),
  page,
  limit,
})
export type PartnershipFilter = z.output<typeof PartnershipFilterSchema>
export type PartnershipFilterInput = z.input<typeof PartnershipFilterSchema>

/** An organisation filter. */
export const OrganisationFilterSchema = z.object({
  /** Words to find in the name or country. */
  q: textQuery,
  kinds: enumList(OrganisationKindSchema),
  sort: z.enum(['name', '-name']).default('name'),
  page,
  limit,
})
export type OrganisationFilter = z.output<typeof OrganisationFilterSchema>
export type OrganisationFilterInput = z.input<typeof OrganisationFilterSchema>

/** A theme filter (themes are few; this is paging and order only). */
export const ThemeFilterSchema = z.object({
  sort: z.enum(['order', 'title']).default('order'),
  page,
  limit,
})
export type ThemeFilter = z.output<typeof ThemeFilterSchema>
export type ThemeFilterInput = z.input<typeof ThemeFilterSchema>

/** A programme filter (paging and order only). */
export const ProgrammeFilterSchema = z.object({
  sort: z.enum(['-startYear', 'startYear', 'name']).default('-startYear'),
  page,
  limit,
})
export type ProgrammeFilter = z.output<typeof ProgrammeFilterSchema>
export type ProgrammeFilterInput = z.input<typeof ProgrammeFilterSchema>

/** An insight filter. */
export const InsightFilterSchema = z.object({
  /** Words to find in the title or body. */
  q: textQuery,
  /** Slugs of the partnerships the insights come from. */
  partnerships: slugList,
  /** Slugs of related learning needs. */
  learningNeeds: slugList,
  sort: z.enum(['-date', 'date', 'title']).default('-date'),
  page,
  limit,
})
export type InsightFilter = z.output<typeof InsightFilterSchema>
export type InsightFilterInput = z.input<typeof InsightFilterSchema>

const PAGING_PARAMS: ParamSpec[] = [
  { field: 'sort', param: 'sort' },
  { field: 'page', param: 'page', int: true },
  { field: 'limit', param: 'limit', int: true },
]

// --- The generic machinery --------------------------------------------------------------------

/** The trio of pure functions for one filter schema, plus its sort mapping. */
export type FilterLanguage<Out, In> = {
  schema: z.ZodType<Out, In>
  /** Parses a query string into a canonical filter; throws `FilterError`. */
  parse(input: QueryInput, options?: ParseOptions): Out
  /** Like `parse`, but returns the error instead of throwing it. */
  safeParse(input: QueryInput, options?: ParseOptions): FilterResult<Out>
  /** Validates and normalises a filter object; throws `FilterError`. */
  normalise(filter: In): Out
  /** The canonical query string parameters: stable order, defaults left out, lists sorted. */
  toSearchParams(filter: In): URLSearchParams
  /** The Payload `where` clause for a filter (published-only is left to access control). */
  toPayloadWhere(filter: In): Where
  /**
   * The Payload `sort` for a filter, with `id` as the final tie-breaker so pages are stable. The
   * tie-breaker runs in the same direction as the sort (`-year,-id`), so one index on
   * `(…, year)` (which ends in the row id) serves the whole ORDER BY without a sort step.
   */
  toPayloadSort(filter: In): string
}

function issuesFromZod(error: z.ZodError, params: ParamSpec[]): FilterIssue[] {
  return error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '')
    const spec = params.find((p) => p.field === field)
    return { param: spec?.param ?? field, message: issue.message }
  })
}

function entriesOf(input: QueryInput): [string, string][] {
  if (typeof input === 'string') {
    return [...new URLSearchParams(input.startsWith('?') ? input.slice(1) : input).entries()]
  }
  if (input instanceof URLSearchParams) return [...input.entries()]
  const out: [string, string][] = []
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue
    for (const v of typeof value === 'string' ? [value] : value) out.push([key, String(v)])
  }
  return out
}

function defineFilterLanguage<Out extends Record<string, unknown>, In>(
  schema: z.ZodType<Out, In>,
  params: ParamSpec[],
  where: (filter: Out) => Where,
  /** Defaults that depend on the rest of the filter (the product sort follows `q`). */
  defaultsOf?: (filter: Out) => Partial<Out>,
): FilterLanguage<Out, In> {
  const fixedDefaults = schema.parse({} as In)

  const normalise = (filter: In): Out => {
    const result = schema.safeParse(filter)
    if (!result.success) throw new FilterError(issuesFromZod(result.error, params))
    return result.data
  }

  const safeParse = (input: QueryInput, options: ParseOptions = {}): FilterResult<Out> => {
    const raw: Record<string, unknown> = {}
    const issues: FilterIssue[] = []
    for (const [key, rawValue] of entriesOf(input)) {
      const spec = params.find((p) => p.param === key)
      if (!spec) {
        if (!options.allowUnknown) {
          issues.push({ param: key, message: 'Unknown filter parameter.' })
        }
        continue
      }
      const value = rawValue.trim()
      // Empty form fields (`?q=&theme=`) mean "no filter".
      if (value === '') continue
      let parsed: unknown = value
      if (spec.int) {
        if (!/^\d{1,9}$/.test(value)) {
          issues.push({ param: key, message: 'Give a whole number.' })
          continue
        }
        parsed = Number(value)
      }
      if (spec.multi) {
        ;((raw[spec.field] ??= []) as unknown[]).push(parsed)
      } else if (spec.field in raw) {
        issues.push({ param: key, message: 'Give this parameter only once.' })
      } else {
        raw[spec.field] = parsed
      }
    }
    if (issues.length > 0) return { ok: false, error: new FilterError(issues) }
    const result = schema.safeParse(raw)
    if (!result.success) {
      return { ok: false, error: new FilterError(issuesFromZod(result.error, params)) }
    }
    return { ok: true, filter: result.data }
  }

  return {
    schema,
    parse(input, options) {
      const result = safeParse(input, options)
      if (!result.ok) throw result.error
      return result.filter
    },
    safeParse,
    normalise,
    toSearchParams(filter) {
      const f = normalise(filter)
      const defaults = { ...fixedDefaults, ...defaultsOf?.(f) }
      const out = new URLSearchParams()
      for (const spec of params) {
        const value = f[spec.field]
        if (value === undefined) continue
        if (Array.isArray(value)) {
          for (const v of value) out.append(spec.param, String(v))
        } else if (value !== defaults[spec.field]) {
          out.append(spec.param, String(value))
        }
      }
      return out
    },
    toPayloadWhere: (filter) => where(normalise(filter)),
    toPayloadSort(filter) {
      const raw = String(normalise(filter).sort)
      // Payload cannot rank by relevance (the CMS's search endpoint does): newest first instead.
      const sort = raw === 'relevance' ? '-year' : raw
      if (sort === 'id' || sort === '-id') return sort
      return `${sort},${sort.startsWith('-') ? '-id' : 'id'}`
    },
  }
}

/** The knowledge-product filter language. */
export const productFilters = defineFilterLanguage<ProductFilter, ProductFilterInput>(
  ProductFilterSchema,
  PRODUCT_PARAMS,
  productWhere,
  (f) => ({ sort: defaultProductSort(f) }),
)

/** The learning-need filter language. */
export const learningNeedFilters = defineFilterLanguage<
  LearningNeedFilter,
  LearningNeedFilterInput
>(LearningNeedFilterSchema, LEARNING_NEED_PARAMS, learningNeedWhere)

/** The partnership filter language. */
export const partnershipFilters = defineFilterLanguage<PartnershipFilter, PartnershipFilterInput>(
  PartnershipFilterSchema,
  [
    { field: 'q', param: 'q' },
    { field: 'programmes', param: 'programme', multi: true },
    { field: 'themes', param: 'theme', multi: true },
    ...PAGING_PARAMS,
  ],
  (f) =>
    combine([
      ...textWhere(f.q, ['name', 'focus', 'summary']),
      ...inWhere('programme.slug', f.programmes),
      ...inWhere('themes.slug', f.themes),
    ]),
)

/** The organisation filter language. */
export const organisationFilters = defineFilterLanguage<
  OrganisationFilter,
  OrganisationFilterInput
>(
  OrganisationFilterSchema,
  [{ field: 'q', param: 'q' }, { field: 'kinds', param: 'kind', multi: true }, ...PAGING_PARAMS],
  (f) => combine([...textWhere(f.q, ['name', 'country']), ...inWhere('kind', f.kinds)]),
)

/** The theme filter language. */
export const themeFilters = defineFilterLanguage<ThemeFilter, ThemeFilterInput>(
  ThemeFilterSchema,
  PAGING_PARAMS,
  () => ({}),
)

/** The programme filter language. */
export const programmeFilters = defineFilterLanguage<ProgrammeFilter, ProgrammeFilterInput>(
  ProgrammeFilterSchema,
  PAGING_PARAMS,
  () => ({}),
)

/** The insight filter language. */
export const insightFilters = defineFilterLanguage<InsightFilter, InsightFilterInput>(
  InsightFilterSchema,
  [
    { field: 'q', param: 'q' },
    { field: 'partnerships', param: 'partnership', multi: true },
    { field: 'learningNeeds', param: 'need', multi: true },
    ...PAGING_PARAMS,
  ],
  (f) =>
    combine([
      ...textWhere(f.q, ['title', 'body']),
      ...inWhere('partnership.slug', f.partnerships),
      ...inWhere('learningNeeds.slug', f.learningNeeds),
    ]),
)

/**
 * Parses a knowledge-product query string (`?theme=environmental-rights&yearFrom=2018`) into a
 * canonical filter.
 * @throws FilterError naming the bad parameter when a value is invalid.
 */
export function parseFilter(input: QueryInput, options?: ParseOptions): ProductFilter {
  return productFilters.parse(input, options)
}

/** Like `parseFilter`, but returns `{ ok: false, error }` instead of throwing. */
export function safeParseFilter(
  input: QueryInput,
  options?: ParseOptions,
): FilterResult<ProductFilter> {
  return productFilters.safeParse(input, options)
}

/**
 * The canonical query string of a product filter: parameters in a fixed order, defaults left
 * out, lists sorted and deduplicated. The same view always gives the same link.
 * @throws FilterError when the filter is invalid.
 */
export function toSearchParams(filter: ProductFilterInput): URLSearchParams {
  return productFilters.toSearchParams(filter)
}

/**
 * The Payload `where` clause for a product filter. Related records are matched on their slugs
 * (`themes.slug in [...]`). Published-only is left to the CMS's access control.
 * @throws FilterError when the filter is invalid.
 */
export function toPayloadWhere(filter: ProductFilterInput): Where {
  return productFilters.toPayloadWhere(filter)
}

/**
 * Parses a learning-need query string (`?theme=…&coverage=open`) into a canonical filter.
 * @throws FilterError naming the bad parameter.
 */
export function parseLearningNeedFilter(
  input: QueryInput,
  options?: ParseOptions,
): LearningNeedFilter {
  return learningNeedFilters.parse(input, options)
}

/** Like `parseLearningNeedFilter`, but returns the error instead of throwing it. */
export function safeParseLearningNeedFilter(
  input: QueryInput,
  options?: ParseOptions,
): FilterResult<LearningNeedFilter> {
  return learningNeedFilters.safeParse(input, options)
}

/** The canonical query string of a learning-need filter. @throws FilterError */
export function learningNeedFilterToSearchParams(filter: LearningNeedFilterInput): URLSearchParams {
  return learningNeedFilters.toSearchParams(filter)
}

/** The Payload `where` clause for a learning-need filter. @throws FilterError */
export function learningNeedFilterToPayloadWhere(filter: LearningNeedFilterInput): Where {
  return learningNeedFilters.toPayloadWhere(filter)
}
