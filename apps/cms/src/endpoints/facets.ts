import {
  COLLECTIONS,
  FilterError,
  LANGUAGES,
  PRODUCT_TYPES,
  productFilters,
  type ProductFilter,
} from '@repo/types'
import {
  FACETS_PATH,
  type FacetKey,
  type Facets,
  FacetsSchema,
  type FacetValue,
  withoutFacet,
} from '@repo/types/facets'
import type { Endpoint, PayloadRequest, Where } from 'payload'

import { rateLimited } from '../api/rateLimit'
import { cachedRead } from '../perf/readCache'
import { facetCountsSql, type SqlFacet, sqliteClient } from '../perf/sqliteCounts'

type Id = string | number

const PUBLISHED: Where = { _status: { equals: 'published' } }

const idsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [])
    .map((v) => (v && typeof v === 'object' && 'id' in v ? (v as { id: Id }).id : v))
    .filter((v): v is Id => typeof v === 'string' || typeof v === 'number')
    .map(String)

type ProductFacts = {
  themes: string[]
  partnerships: string[]
  type: string
  year: number | null
  languages: string[]
  countries: string[]
}

/**
 * Facet counts for a knowledge-product filter, over PUBLISHED products only. Each facet is
 * counted with every filter except its own (disjunctive facets), so one query per distinct
 * `where`; each query reads only the facet fields of the matching products (`select`, depth 0).
 */
export async function computeFacets(req: PayloadRequest, filter: ProductFilter): Promise<Facets> {
  const { payload } = req
  const common = { req, depth: 0, overrideAccess: true, pagination: false } as const

  const [themes, programmes, partnerships] = await Promise.all([
    payload.find({
      ...common,
      collection: COLLECTIONS.themes,
      sort: ['order', 'title'],
      select: { title: true, slug: true, colour: true },
    }),
    payload.find({
      ...common,
      collection: COLLECTIONS.programmes,
      sort: ['-startYear', 'name'],
      select: { name: true, slug: true },
    }),
    payload.find({
      ...common,
      collection: COLLECTIONS.partnerships,
      sort: ['name'],
      select: { name: true, slug: true, programme: true },
    }),
  ])
  const programmeOfPartnership = new Map<string, string>()
  for (const p of partnerships.docs) {
    const programme = idsOf([p.programme])[0]
    if (programme !== undefined) programmeOfPartnership.set(String(p.id), programme)
  }

  const cache = new Map<string, Promise<ProductFacts[]>>()
  const productsFor = (f: ProductFilter): Promise<ProductFacts[]> => {
    const where = productFilters.toPayloadWhere(f)
    const key = JSON.stringify(where)
    let found = cache.get(key)
    if (!found) {
      found = payload
        .find({
          ...common,
          collection: COLLECTIONS.knowledgeProducts,
          where: Object.keys(where).length > 0 ? { and: [PUBLISHED, where as Where] } : PUBLISHED,
          select: {
            themes: true,
            partnerships: true,
            type: true,
            year: true,
            languages: true,
            countries: true,
          },
        })
        .then((res) =>
          res.docs.map((p) => ({
            themes: idsOf(p.themes),
            partnerships: idsOf(p.partnerships),
            type: p.type,
            year: p.year ?? null,
            languages: (p.languages ?? []) as string[],
            countries: (p.countries ?? []) as string[],
          })),
        )
      cache.set(key, found)
    }
    return found
  }

  /** Counts each product once per distinct value it carries. */
  const tally = (list: ProductFacts[], valuesOf: (p: ProductFacts) => string[]) => {
    const counts = new Map<string, number>()
    for (const p of list) {
      for (const v of new Set(valuesOf(p))) counts.set(v, (counts.get(v) ?? 0) + 1)
    }
    return counts
  }

  const counted = async (key: FacetKey, valuesOf: (p: ProductFacts) => string[]) =>
    tally(await productsFor(withoutFacet(filter, key)), valuesOf)

  // SQLite: the database counts (perf/sqliteCounts), one statement per distinct filter;
  // MongoDB: tally the products' facet fields here.
  const sql = sqliteClient(payload)
  const [total, byTheme, byProgramme, byPartnership, byType, byYear, byLanguage, byCountry] = sql
    ? await countInSql(sql, filter)
    : await Promise.all([
        productsFor(filter).then((all) => all.length),
        counted('themes', (p) => p.themes),
        counted('programmes', (p) =>
          p.partnerships
            .map((id) => programmeOfPartnership.get(id))
            .filter((v): v is string => v !== undefined),
        ),
        counted('partnerships', (p) => p.partnerships),
        counted('types', (p) => [p.type]),
        counted('years', (p) => (p.year === null ? [] : [String(p.year)])),
        counted('languages', (p) => p.languages),
        counted('countries', (p) => p.countries),
      ])

  const fromRecords = (
    docs: { id: Id; slug?: string | null }[],
    counts: Map<string, number>,
    label: (d: never) => string,
    extra?: (d: never) => Partial<FacetValue>,
  ): FacetValue[] =>
    docs
      .filter((d) => d.slug)
      .map((d) => ({
        value: d.slug!,
        label: label(d as never),
        count: counts.get(String(d.id)) ?? 0,
        ...extra?.(d as never),
      }))

  const selected = (values: readonly (string | number | undefined)[]) =>
    values.filter((v): v is string | number => v !== undefined).map(String)
  /** Values present in the counts, plus selected ones (so a ticked box never disappears). */
  const open = (counts: Map<string, number>, chosen: string[], label = (v: string) => v) =>
    [...new Set([...counts.keys(), ...chosen])].map((value) => ({
      value,
      label: label(value),
      count: counts.get(value) ?? 0,
    }))

  return FacetsSchema.parse({
    total,
    facets: {
      themes: fromRecords(
        themes.docs,
        byTheme,
        (d: { title: string }) => d.title,
        (d: { colour?: string | null }) => (d.colour ? { colour: d.colour } : {}),
      ),
      programmes: fromRecords(programmes.docs, byProgramme, (d: { name: string }) => d.name),
      partnerships: fromRecords(partnerships.docs, byPartnership, (d: { name: string }) => d.name),
      types: PRODUCT_TYPES.map((t) => ({
        value: t.value,
        label: t.label,
        count: byType.get(t.value) ?? 0,
      })),
      years: open(byYear, selected([filter.yearFrom, filter.yearTo])).sort(
        (a, b) => Number(b.value) - Number(a.value),
      ),
      languages: LANGUAGES.map((l) => ({
        value: l.value,
        label: l.label,
        count: byLanguage.get(l.value) ?? 0,
      })).filter((l) => l.count > 0 || filter.languages.includes(l.value)),
      countries: open(byCountry, [...filter.countries]).sort(
        (a, b) => b.count - a.count || a.label.localeCompare(b.label),
      ),
    },
  })
}

const SQL_FACETS = [
  'themes',
  'programmes',
  'partnerships',
  'types',
  'years',
  'languages',
  'countries',
] as const satisfies readonly (FacetKey & SqlFacet)[]

/**
 * The total and each facet's counts on SQLite: facets whose own filter is not set share the
 * full filter, so a view with k facets set costs k + 1 statements (one when none is set).
 */
async function countInSql(
  sql: NonNullable<ReturnType<typeof sqliteClient>>,
  filter: ProductFilter,
): Promise<[number, ...Map<string, number>[]]> {
  const groups = new Map<string, { filter: ProductFilter; facets: SqlFacet[] }>()
  const groupOf = (f: ProductFilter) => {
    const key = JSON.stringify({ ...f, page: 1, limit: 1, sort: '-year' })
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { filter: f, facets: [] }))
    return group
  }
  const all = groupOf(filter)
  for (const facet of SQL_FACETS) groupOf(withoutFacet(filter, facet)).facets.push(facet)
  const results = new Map<SqlFacet, Map<string, number>>()
  let total = 0
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const res = await facetCountsSql(sql, group.filter, group.facets)
      if (group === all) total = res.total
      for (const [facet, counts] of res.counts) results.set(facet, counts)
    }),
  )
  return [total, ...SQL_FACETS.map((f) => results.get(f) ?? new Map<string, number>())]
}

/** The longest facets query: far above any filter the site builds (≤ 100 values of ≤ 200). */
const MAX_FACETS_QUERY = 8 * 1024

/**
 * `GET /api/map/facets?<product filter query>`: counts per facet value over published products.
 * The query is the one `/products` and the export service accept (`sort`, `page` and `limit` are
 * accepted and ignored). A bad parameter gives 400 with `{ errors: [{ message, param }] }`; more
 * than the per-client rate limit (api/rateLimit) a 429 with Retry-After.
 */
export const facetsEndpoint: Endpoint = {
  path: FACETS_PATH,
  method: 'get',
  handler: async (req) => {
    const limited = rateLimited(req.headers)
    if (limited) return limited
    const url = new URL(req.url ?? 'http://localhost')
    if (url.search.length > MAX_FACETS_QUERY) {
      return Response.json(
        { errors: [{ message: `The query may hold at most ${MAX_FACETS_QUERY} characters.` }] },
        { status: 400 },
      )
    }
    const search = url.searchParams
    let filter: ProductFilter
    try {
      filter = productFilters.parse(search)
    } catch (err) {
      if (err instanceof FilterError) {
        return Response.json(
          { errors: err.issues.map((i) => ({ message: i.message, param: i.param })) },
          { status: 400 },
        )
      }
      throw err
    }
    // Cached per filter until content changes (perf/readCache; cleared by the collections' hooks).
    const key = JSON.stringify(productFilters.toPayloadWhere({ ...filter, page: 1 }))
    const facets = await cachedRead(req.payload, `facets:${key}`, () => computeFacets(req, filter))
    return Response.json(facets, {
      headers: { 'Cache-Control': 'public, max-age=30, stale-while-revalidate=120' },
    })
  },
}
