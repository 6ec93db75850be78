/**
 * The typed SDK: the only way the site and the export service talk to the CMS. Every method is a
 * single REST request with a bounded payload (`depth`, `populate` selects, joins switched off),
 * and every response is validated with the zod schemas before it is returned.
 */
import { type z } from 'zod'

import { COLLECTIONS, type CollectionSlug } from './collections.js'
import {
  CELL_DATES_PATH,
  type CellDates,
  CellDatesSchema,
  type ChangeFilter,
  changeQuery,
  type ChangesPage,
  ChangesPageSchema,
  CHANGES_PATH,
  parseChangeFilter,
} from './changes.js'
import { codeForStatus, KnowledgeMapError } from './errors.js'
import { type Facets, FACETS_PATH, facetsQuery, FacetsSchema } from './facets.js'
import {
  insightFilters,
  learningNeedFilters,
  organisationFilters,
  partnershipFilters,
  productFilters,
  programmeFilters,
  themeFilters,
  type FilterLanguage,
  type InsightFilterInput,
  type LearningNeedFilterInput,
  type OrganisationFilterInput,
  type PartnershipFilterInput,
  type ProductFilterInput,
  type ProgrammeFilterInput,
  type QueryInput,
  type ThemeFilterInput,
  type JsonValue,
  type Where,
} from './filters.js'
import {
  type Id,
  type Insight,
  InsightSchema,
  type Link,
  LinkSchema,
  type LearningNeed,
  LearningNeedSchema,
  type Matrix,
  type MatrixAxis,
  type MatrixMode,
  MatrixSchema,
  type Organisation,
  OrganisationSchema,
  type Page,
  pageSchema,
  type Partnership,
  PartnershipSchema,
  type Product,
  ProductSchema,
  type Programme,
  ProgrammeSchema,
  type Theme,
  ThemeSchema,
} from './schemas.js'
import type { SearchResults } from './search.js'
import { type ProductSearchMethods, productSearchMethods, searchAcross } from './searchClient.js'
import { toFilterWith } from './filterInput.js'
import { isSlug } from './slugify.js'

export { KnowledgeMapError, type KnowledgeMapErrorCode } from './errors.js'
export { citation, type CitationStyle, type CitableProduct } from './citation.js'

/** Options of `createClient`. */
export type ClientOptions = {
  /** The CMS's public origin, e.g. `https://cms.example.org` (no trailing `/api`). */
  baseUrl: string
  /** Where the REST API is mounted under `baseUrl`. Default `/api`. */
  apiPath?: string
  /** The `fetch` to use. Default: the global `fetch`. Tests pass an in-process one. */
  fetch?: typeof fetch
  /**
   * Extra headers sent with every request. `Authorization` and `Cookie` are sent only with draft
   * requests: published content is always requested without credentials.
   */
  headers?: HeadersInit
  /** Aborts every request of this client when it fires. */
  signal?: AbortSignal
  /** Gives up on a request after this many milliseconds (`KnowledgeMapError` `timeout`). Default 30000. */
  timeoutMs?: number
  /**
   * A Payload user API key (Users → "Enable API key"). Sent as `Authorization: users API-Key …`
   * with requests made with `{ draft: true }` only, so editors can preview drafts.
   */
  apiKey?: string
  /** A Payload JWT (from `/api/users/login`); used like `apiKey`, for draft requests only. */
  token?: string
}

/** Options for one call. */
export type RequestOptions = {
  /**
   * Include drafts (the latest version of each record). Needs `apiKey` or `token` on the client:
   * without credentials the CMS still returns published records only.
   */
  draft?: boolean
  /** Aborts this request when it fires. */
  signal?: AbortSignal
}

/** The methods every collection has. */
export type CollectionClient<T, F> = {
  /**
   * One page of records matching `filter`: a filter object, or a query string such as
   * `?theme=environmental-rights&page=2` (parsed with the same filter language as the site).
   * @throws KnowledgeMapError
   */
  list(filter?: F | QueryInput, options?: RequestOptions): Promise<Page<T>>
  /**
   * The record with this slug.
   * @throws KnowledgeMapError with status 404 and code `not_found` when there is none.
   */
  get(slug: string, options?: RequestOptions): Promise<T>
  /**
   * Every record matching `filter`, in the filter's sort order (its `page` is ignored). Pages by
   * keyset (the sort value and id of the last row, never an offset) without counting, so deep
   * listings stay cheap and a record added while iterating is never returned twice.
   * @throws KnowledgeMapError
   */
  iterate(
    filter?: F | QueryInput,
    options?: RequestOptions & {
      /** Records per request; default the filter's `limit`, at most `MAX_ITERATE_PAGE`. */
      pageSize?: number
    },
  ): AsyncIterableIterator<T>
  /**
   * One page of every public record's slug and last change, by id: the slim listing a sitemap
   * is built from (depth 0, those fields only, nothing populated).
   * @throws KnowledgeMapError
   */
  links(page: { page: number; limit: number }, options?: RequestOptions): Promise<Page<Link>>
}

/** The SDK client: one `CollectionClient` per public collection, plus the map. */
export type KnowledgeMapClient = {
  products: CollectionClient<Product, ProductFilterInput> & ProductSearchMethods
  /**
   * Search across products, learning needs, insights and partnerships: the best `limit` (1–20,
   * default 5) of each, ranked, with snippets.
   * @throws KnowledgeMapError
   */
  search(q: string, options?: { limit?: number; signal?: AbortSignal }): Promise<SearchResults>
  learningNeeds: CollectionClient<LearningNeed, LearningNeedFilterInput>
  partnerships: CollectionClient<Partnership, PartnershipFilterInput>
  themes: CollectionClient<Theme, ThemeFilterInput>
  programmes: CollectionClient<Programme, ProgrammeFilterInput>
  organisations: CollectionClient<Organisation, OrganisationFilterInput>
  insights: CollectionClient<Insight, InsightFilterInput>
  map: {
    /**
     * The counts behind the map, computed by the CMS (`GET /api/map/matrix`): rows are learning
     * needs or product types, columns are themes, cells count published products.
     * @param query.programme a programme slug, to count only that programme
     * @param query.axis `learning-needs` (default) or `types`
     * @param query.mode `confirmed` (default: links only) or `suggested` (also the strong
     *   suggestions of needs with no linked product; learning-needs axis only)
     * @throws KnowledgeMapError (`bad_request` for an unknown programme or a bad combination)
     */
    matrix(
      query?: { programme?: string; axis?: MatrixAxis; mode?: MatrixMode },
      options?: Omit<RequestOptions, 'draft'>,
    ): Promise<Matrix>
    /**
     * Facet counts for a product filter, computed by the CMS (`GET /api/map/facets`): for each
     * facet, how many published products each value gives with every other filter applied.
     * @throws KnowledgeMapError (`invalid_filter` before any request for a bad filter)
     */
    facets(
      filter?: ProductFilterInput | QueryInput,
      options?: Omit<RequestOptions, 'draft'>,
    ): Promise<Facets>
    /**
     * When each cell last changed and each row's need was last reviewed
     * (`GET /api/changes/cells`), for the same `axis` as `matrix`.
     */
    cellDates(
      query?: { axis?: MatrixAxis },
      options?: Omit<RequestOptions, 'draft'>,
    ): Promise<CellDates>
  }
  changes: {
    /**
     * One page of the map's changelog (`GET /api/changes`), newest first: published records
     * only. A filter object or a query string (`?from=2026-11-01&theme=…`).
     * @throws KnowledgeMapError (`invalid_filter` before any request for a bad filter)
     */
    list(
      filter?: Partial<ChangeFilter> | QueryInput,
      options?: Omit<RequestOptions, 'draft'>,
    ): Promise<ChangesPage>
  }
}

/**
 * The fields of related records the SDK asks for (Payload's `populate`, per collection), so a
 * relation comes back as a small ref. The drift test in the CMS fetches every seeded record with
 * these shapes.
 */
export const POPULATE = {
  [COLLECTIONS.themes]: { title: true, slug: true, shortTitle: true, colour: true, order: true },
  [COLLECTIONS.programmes]: { name: true, slug: true, startYear: true, endYear: true },
  [COLLECTIONS.organisations]: { name: true, slug: true, country: true },
  [COLLECTIONS.partnerships]: { name: true, slug: true, programme: true },
  [COLLECTIONS.learningNeeds]: { title: true, slug: true, kind: true, coverage: true },
  [COLLECTIONS.knowledgeProducts]: { title: true, slug: true, type: true, year: true },
  [COLLECTIONS.media]: { url: true, filename: true, mimeType: true, filesize: true },
} as const

type QueryShape = {
  depth: number
  /** The document schema: its keys are the fields asked for (`select`), nothing more. */
  schema: z.ZodObject
  /** Fields left out of list responses (not of `get`). */
  listExclude?: readonly string[]
}

/**
 * The request shape per collection: the depth, and the fields to select, which are exactly the
 * keys of the collection's schema (so join fields and editorial fields the public shape does not
 * carry are never sent). Related records are populated with the fields in `POPULATE`.
 */
export const QUERY_SHAPES: Record<PublicCollection, QueryShape> = {
  [COLLECTIONS.knowledgeProducts]: { depth: 1, schema: ProductSchema },
  [COLLECTIONS.learningNeeds]: {
    depth: 1,
    schema: LearningNeedSchema,
    // Lists leave out the history and the last review (a query per need); `get` has both.
    listExclude: ['coverageHistory', 'lastReviewedAt'],
  },
  [COLLECTIONS.partnerships]: { depth: 1, schema: PartnershipSchema },
  [COLLECTIONS.themes]: { depth: 0, schema: ThemeSchema },
  [COLLECTIONS.programmes]: { depth: 0, schema: ProgrammeSchema },
  [COLLECTIONS.organisations]: { depth: 0, schema: OrganisationSchema },
  [COLLECTIONS.insights]: { depth: 1, schema: InsightSchema },
}

/** Collections the SDK reads. */
export type PublicCollection = Exclude<CollectionSlug, 'users' | 'media'>

/**
 * The REST query string for a request with this shape. Exported so the CMS's drift test fetches
 * exactly what the SDK fetches.
 */
export function restQuery(
  collection: PublicCollection,
  init: {
    where?: Where
    sort?: string
    page?: number
    limit?: number
    /** `false` skips the count query (iterate knows it is done from a short page). */
    pagination?: boolean
    draft?: boolean
    mode: 'list' | 'get'
  },
): URLSearchParams {
  const shape = QUERY_SHAPES[collection]
  const params = new URLSearchParams()
  params.set('depth', String(shape.depth))
  if (init.where && Object.keys(init.where).length > 0) {
    params.set('where', JSON.stringify(init.where))
  }
  if (init.sort) params.set('sort', init.sort)
  if (init.limit !== undefined) params.set('limit', String(init.limit))
  if (init.page !== undefined) params.set('page', String(init.page))
  if (init.pagination === false) params.set('pagination', 'false')
  if (init.draft) params.set('draft', 'true')
  const exclude = init.mode === 'list' ? (shape.listExclude ?? []) : []
  for (const key of Object.keys(shape.schema.shape)) {
    if (key !== 'id' && !exclude.includes(key)) params.append(`select[${key}]`, 'true')
  }
  if (shape.depth > 0) appendNested(params, 'populate', POPULATE)
  return params
}

/** Writes nested objects in the bracket notation Payload's REST API parses (`a[b][c]=v`). */
function appendNested(params: URLSearchParams, prefix: string, value: unknown): void {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) appendNested(params, `${prefix}[${k}]`, v)
  } else {
    params.append(prefix, String(value))
  }
}

const DEFAULT_TIMEOUT_MS = 30_000
const CREDENTIAL_HEADERS = ['authorization', 'cookie']

/**
 * Creates an SDK client for the CMS at `baseUrl`.
 *
 * @example
 * const cms = createClient({ baseUrl: 'https://cms.example.org' })
 * const { docs, totalDocs } = await cms.products.list({ themes: ['environmental-rights'] })
 * const product = await cms.products.get('a-product-slug')
 * for await (const need of cms.learningNeeds.iterate({ coverage: ['open'] })) console.log(need.title)
 */
export function createClient(options: ClientOptions): KnowledgeMapClient {
  const doFetch = options.fetch ?? globalThis.fetch
  if (typeof doFetch !== 'function') {
    throw new TypeError('createClient: no fetch available; pass options.fetch.')
  }
  const base = new URL(options.baseUrl)
  const apiPath = `/${(options.apiPath ?? '/api').replace(/^\/+|\/+$/g, '')}`
  const basePath = base.pathname.replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS

  const credentials = (): [string, string] | undefined => {
    if (options.apiKey) return ['Authorization', `users API-Key ${options.apiKey}`]
    if (options.token) return ['Authorization', `JWT ${options.token}`]
    return undefined
  }

  /**
   * Sends a GET and returns the response once its headers are in and its status is 2xx; any
   * other outcome is a KnowledgeMapError. The timeout covers the headers only when `streaming`
   * (the body may then take as long as the reader does), else the whole body too.
   */
  async function send(
    path: string,
    params: URLSearchParams,
    init: RequestOptions = {},
    streaming = false,
  ): Promise<{ response: Response; href: string; signal: AbortSignal; text?: string }> {
    const url = new URL(`${basePath}${apiPath}${path}`, base)
    url.search = params.toString()
    const href = url.toString()

    const headers = new Headers(options.headers)
    headers.set('Accept', streaming ? 'application/x-ndjson' : 'application/json')
    if (init.draft) {
      const cred = credentials()
      if (cred) headers.set(cred[0], cred[1])
    } else {
      for (const h of CREDENTIAL_HEADERS) headers.delete(h)
    }

    const timer = new AbortController()
    const clock = setTimeout(() => timer.abort(), timeoutMs)
    const timeout = timer.signal
    const signals = [timeout, options.signal, init.signal].filter(
      (s): s is AbortSignal => s !== undefined,
    )
    const signal = AbortSignal.any(signals)

    let response: Response
    try {
      response = await doFetch(href, {
        method: 'GET',
        headers,
        signal,
        credentials: init.draft ? 'include' : 'omit',
      })
    } catch (err) {
      clearTimeout(clock)
      if (timeout.aborted) {
        throw new KnowledgeMapError(`The CMS did not answer within ${timeoutMs} ms.`, {
          code: 'timeout',
          url: href,
          cause: err,
        })
      }
      if (signal.aborted) {
        throw new KnowledgeMapError('The request was aborted.', {
          code: 'aborted',
          url: href,
          cause: err,
        })
      }
      throw new KnowledgeMapError(`Could not reach the CMS: ${(err as Error)?.message ?? err}`, {
        code: 'network_error',
        url: href,
        cause: err,
      })
    }
    if (streaming && response.ok) {
      clearTimeout(clock)
      return { response, href, signal }
    }

    let text: string
    try {
      text = await response.text()
    } catch (err) {
      const code = timeout.aborted ? 'timeout' : signal.aborted ? 'aborted' : 'network_error'
      throw new KnowledgeMapError(`Reading the CMS's answer failed (${code}).`, {
        code,
        status: response.status,
        url: href,
        cause: err,
      })
    } finally {
      clearTimeout(clock)
    }
    if (!response.ok) {
      let body: unknown
      try {
        body = text === '' ? undefined : JSON.parse(text)
      } catch {
        body = undefined
      }
      const messages = cmsMessages(body)
      throw new KnowledgeMapError(
        `The CMS answered ${response.status}${messages ? `: ${messages}` : ''}.`,
        {
          status: response.status,
          code: codeForStatus(response.status),
          details: body ?? (text.slice(0, 2000) || undefined),
          url: href,
        },
      )
    }
    return { response, href, signal, text }
  }

  async function request<S extends z.ZodType>(
    path: string,
    params: URLSearchParams,
    schema: S,
    init: RequestOptions = {},
  ): Promise<z.output<S>> {
    const { response, href, text = '' } = await send(path, params, init)

    let body: unknown = undefined
    let jsonError: unknown = undefined
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch (err) {
      jsonError = err
    }

    if (jsonError !== undefined || body === undefined) {
      throw new KnowledgeMapError('The CMS answered with something that is not JSON.', {
        status: response.status,
        code: 'invalid_json',
        details: text.slice(0, 2000),
        url: href,
        cause: jsonError,
      })
    }
    const parsed = schema.safeParse(body)
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: i.path.map(String).join('.'),
        message: i.message,
      }))
      throw new KnowledgeMapError(
        `The CMS's answer does not match the expected shape (${issues
          .slice(0, 3)
          .map((i) => `${i.path || '(root)'}: ${i.message}`)
          .join('; ')}).`,
        { status: response.status, code: 'invalid_response', details: issues, url: href },
      )
    }
    return parsed.data
  }

  function collection<T, Out extends { sort: unknown; page: number; limit: number }, In>(
    slug: PublicCollection,
    docSchema: z.ZodType<T>,
    language: FilterLanguage<Out, In>,
  ): CollectionClient<T, In> {
    const listSchema = pageSchema(docSchema)
    const linkSchema = pageSchema(LinkSchema)

    const toFilter = (filter: In | QueryInput | undefined): Out => toFilterWith(language, filter)

    return {
      async list(filter, init) {
        const f = toFilter(filter)
        const params = restQuery(slug, {
          where: language.toPayloadWhere(f as unknown as In),
          sort: language.toPayloadSort(f as unknown as In),
          page: f.page,
          limit: f.limit,
          draft: init?.draft,
          mode: 'list',
        })
        return (await request(`/${slug}`, params, listSchema, init)) as Page<T>
      },

      async get(slugValue, init) {
        if (!isSlug(slugValue)) {
          throw new KnowledgeMapError(`No ${slug} record has the slug "${slugValue}".`, {
            status: 404,
            code: 'not_found',
            details: { slug: slugValue },
          })
        }
        const params = restQuery(slug, {
          where: { slug: { equals: slugValue } },
          limit: 1,
          draft: init?.draft,
          mode: 'get',
        })
        const page = (await request(`/${slug}`, params, listSchema, init)) as Page<T>
        const doc = page.docs[0]
        if (doc === undefined) {
          throw new KnowledgeMapError(`No ${slug} record has the slug "${slugValue}".`, {
            status: 404,
            code: 'not_found',
            details: { slug: slugValue },
          })
        }
        return doc
      },

      async links({ page, limit }, init) {
        if (!Number.isInteger(page) || page < 1 || !Number.isInteger(limit) || limit < 1) {
          throw new KnowledgeMapError('links: page and limit are whole numbers from 1.', {
            code: 'invalid_filter',
          })
        }
        const params = new URLSearchParams({
          depth: '0',
          sort: 'id',
          limit: String(Math.min(limit, MAX_ITERATE_PAGE)),
          page: String(page),
          'select[slug]': 'true',
          'select[updatedAt]': 'true',
        })
        return (await request(`/${slug}`, params, linkSchema, init)) as Page<Link>
      },

      async *iterate(filter, init) {
        const f = toFilter(filter)
        const where = language.toPayloadWhere(f as unknown as In)
        const sort = language.toPayloadSort(f as unknown as In)
        const key = keysetOf(sort)
        const pageSize = Math.min(Math.max(init?.pageSize ?? f.limit, 1), MAX_ITERATE_PAGE)
        let cursor: Cursor | undefined
        for (;;) {
          const conditions: Where[] = []
          if (Object.keys(where).length > 0) conditions.push(where)
          if (cursor) conditions.push(afterCursor(key, cursor))
          const params = restQuery(slug, {
            where: conditions.length === 0 ? undefined : { and: conditions },
            sort: key.sort,
            limit: pageSize,
            pagination: false,
            draft: init?.draft,
            mode: 'list',
          })
          const page = (await request(`/${slug}`, params, listSchema, init)) as Page<T>
          for (const doc of page.docs) yield doc
          if (page.docs.length < pageSize) return
          const lastDoc = page.docs[page.docs.length - 1] as Record<string, unknown> & { id: Id }
          cursor = {
            id: lastDoc.id,
            value: key.field ? ((lastDoc[key.field] ?? null) as JsonValue) : null,
          }
        }
      },
    }
  }

  return {
    products: {
      ...collection(COLLECTIONS.knowledgeProducts, ProductSchema, productFilters),
      ...productSearchMethods(request, send),
    },
    search: searchAcross(request),
    learningNeeds: collection(COLLECTIONS.learningNeeds, LearningNeedSchema, learningNeedFilters),
    partnerships: collection(COLLECTIONS.partnerships, PartnershipSchema, partnershipFilters),
    themes: collection(COLLECTIONS.themes, ThemeSchema, themeFilters),
    programmes: collection(COLLECTIONS.programmes, ProgrammeSchema, programmeFilters),
    organisations: collection(COLLECTIONS.organisations, OrganisationSchema, organisationFilters),
    insights: collection(COLLECTIONS.insights, InsightSchema, insightFilters),
    map: {
      async matrix(query = {}, init) {
        const params = new URLSearchParams()
        params.set('axis', query.axis ?? 'learning-needs')
        if (query.programme) params.set('programme', query.programme)
        if (query.mode && query.mode !== 'confirmed') params.set('mode', query.mode)
        return request(MATRIX_PATH, params, MatrixSchema, { signal: init?.signal })
      },
      async facets(filter, init) {
        const params = facetsQuery(toFilterWith(productFilters, filter))
        return request(FACETS_PATH, params, FacetsSchema, { signal: init?.signal })
      },
      async cellDates(query = {}, init) {
        const params = new URLSearchParams({ axis: query.axis ?? 'learning-needs' })
        return request(CELL_DATES_PATH, params, CellDatesSchema, { signal: init?.signal })
      },
    },
    changes: {
      async list(filter = {}, init) {
        const parsed = parseChangeFilter(
          typeof filter === 'string' || filter instanceof URLSearchParams
            ? filter
            : changeQuery(filter as Partial<ChangeFilter>),
        )
        if (!parsed.ok) {
          const message = parsed.issues.map((i) => `${i.param}: ${i.message}`).join('; ')
          throw new KnowledgeMapError(`Invalid filter: ${message}`, {
            code: 'invalid_filter',
            details: parsed.issues,
          })
        }
        const params = new URLSearchParams(parsed.query)
        params.set('page', String(parsed.filter.page))
        params.set('limit', String(parsed.filter.limit))
        return request(CHANGES_PATH, params, ChangesPageSchema, { signal: init?.signal })
      },
    },
  }
}

/** Largest page `iterate` asks for. */
export const MAX_ITERATE_PAGE = 500

type Cursor = { id: Id; value: JsonValue }
type Keyset = { field?: string; desc: boolean; sort: string }

/**
 * The keyset `iterate` pages by: the filter's sort field (if any) with the id as tie-breaker in
 * the same direction, so the order is the view's own and each page starts after the last row
 * instead of skipping an offset.
 */
function keysetOf(sort: string): Keyset {
  const primary = sort.split(',')[0] ?? 'id'
  const desc = primary.startsWith('-')
  const field = primary.replace(/^-/, '')
  if (field === 'id') return { desc, sort: primary }
  return { field, desc, sort: `${primary},${desc ? '-id' : 'id'}` }
}

/**
 * Rows after `cursor` in keyset order. Both adapters put missing values (a product without a
 * year) first in ascending and last in descending order, which is what the branches follow.
 */
function afterCursor(key: Keyset, cursor: Cursor): Where {
  const idAfter: Where = { id: { [key.desc ? 'less_than' : 'greater_than']: cursor.id } }
  if (!key.field) return idAfter
  const f = key.field
  const isNull: Where = { [f]: { exists: false } }
  const notNull: Where = { [f]: { exists: true } }
  if (cursor.value === null) {
    const tie: Where = { and: [isNull, idAfter] }
    return key.desc ? tie : { or: [tie, notNull] }
  }
  const beyond: Where = { [f]: { [key.desc ? 'less_than' : 'greater_than']: cursor.value } }
  const tie: Where = { and: [{ [f]: { equals: cursor.value } }, idAfter] }
  return key.desc ? { or: [beyond, tie, isNull] } : { or: [beyond, tie] }
}

/** The path of the matrix endpoint under the API root. */
export const MATRIX_PATH = '/map/matrix'

function cmsMessages(body: unknown): string | undefined {
  if (body && typeof body === 'object' && 'errors' in body && Array.isArray(body.errors)) {
    const list = body.errors
      .map((e: unknown) =>
        e && typeof e === 'object' && 'message' in e ? String(e.message) : undefined,
      )
      .filter(Boolean)
    return list.length > 0 ? list.join('; ') : undefined
  }
  return undefined
}
