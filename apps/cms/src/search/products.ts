/** Product search and facets: the adapter's ids and counts made into the public responses. */
import {
  COLLECTIONS,
  FACET_KEYS,
  type FacetKey,
  type Facets,
  FacetsSchema,
  type FacetValue,
  formatSearchText,
  LANGUAGES,
  type Matrix,
  parseSearchText,
  PRODUCT_TYPES,
  type ProductFilter,
  type ProductSearch,
  ProductSearchSchema,
  type SearchInclude,
  withoutFacet,
} from '@repo/types'
import type { Payload } from 'payload'

import { queryMatchers } from './analyze'
import { publicProducts } from './documents'
import {
  productConditions,
  type ResolvedSlugs,
  resolveSlugs,
  searchAdapter,
  suggestionsFor,
} from './index'
import { summarySnippet, titleSnippet } from './snippet'
import type { CountedFacet, ProductConditions } from './types'

type Id = string | number

/**
 * One page of a product search: ranked (or ordered) products with snippets, the total, and on
 * request the facets and the map's counts for the same filter, all from one filter.
 */
export async function searchProducts(
  payload: Payload,
  filter: ProductFilter,
  include: readonly SearchInclude[],
  matrixOf?: (conditions: ProductConditions) => Promise<Matrix>,
): Promise<ProductSearch> {
  const adapter = searchAdapter(payload)
  const resolved = await resolveSlugs(payload, filter)
  const conditions = await productConditions(payload, filter, resolved)
  const offset = (filter.page - 1) * filter.limit
  const [page, facets, matrix] = await Promise.all([
    adapter.products(conditions, filter.sort, { offset, limit: filter.limit }),
    include.includes('facets') ? productFacets(payload, filter, resolved) : undefined,
    include.includes('matrix') && matrixOf ? matrixOf(conditions) : undefined,
  ])
  const docs = await publicProducts(
    payload,
    page.hits.map((h) => h.id),
  )
  const matchers = conditions.text ? queryMatchers(conditions.text) : undefined
  const scoreOf = new Map(page.hits.map((h) => [String(h.id), h.score]))
  const suggestions =
    filter.q && page.total === 0
      ? await suggestionsFor(payload, COLLECTIONS.knowledgeProducts, filter.q)
      : { suggestions: [], didYouMean: null }
  return ProductSearchSchema.parse({
    engine: adapter.engine,
    query: filter.q ? formatSearchText(parseSearchText(filter.q)) : null,
    docs,
    hits: docs.map((d) => ({
      id: d.id,
      score: scoreOf.get(String(d.id)) ?? null,
      snippet: {
        title: titleSnippet(String(d.title ?? ''), matchers),
        summary: summarySnippet(d.summary as string | null, matchers),
      },
    })),
    totalDocs: page.total,
    page: filter.page,
    limit: filter.limit,
    totalPages: Math.ceil(page.total / filter.limit),
    ...suggestions,
    ...(facets ? { facets } : {}),
    ...(matrix ? { matrix } : {}),
  })
}

const COUNTED: readonly CountedFacet[] = FACET_KEYS

/**
 * Facet counts over published products: each facet is counted with every filter except its own
 * (disjunctive facets), so one database query per distinct filter; the labels come from the
 * reference records.
 */
export async function productFacets(
  payload: Payload,
  filter: ProductFilter,
  resolvedSlugs?: ResolvedSlugs,
): Promise<Facets> {
  const common = { depth: 0, overrideAccess: true, pagination: false } as const
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
  const programmeOf = new Map<string, string>()
  for (const p of partnerships.docs) {
    const programme = p.programme as unknown
    const id = programme && typeof programme === 'object' ? (programme as { id: Id }).id : programme
    if (typeof id === 'string' || typeof id === 'number') programmeOf.set(String(p.id), String(id))
  }

  // Facets whose own filter is not set share the full filter: k facets set cost k + 1 queries.
  const groups = new Map<string, { filter: ProductFilter; facets: CountedFacet[] }>()
  const groupOf = (f: ProductFilter) => {
    const key = JSON.stringify({ ...f, page: 1, limit: 1, sort: '-year' })
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { filter: f, facets: [] }))
    return group
  }
  const whole = groupOf(filter)
  for (const facet of COUNTED) groupOf(withoutFacet(filter, facet as FacetKey)).facets.push(facet)
  const list = [...groups.values()]
  const adapter = searchAdapter(payload)
  // Every group's filter is the whole filter with fields cleared: its slugs are resolved once.
  const resolved = resolvedSlugs ?? (await resolveSlugs(payload, filter))
  const results = await adapter.facets(
    await Promise.all(
      list.map(async (g) => ({
        conditions: await productConditions(payload, g.filter, resolved),
        facets: g.facets,
      })),
    ),
    programmeOf,
  )
  const counts = new Map<CountedFacet, Map<string, number>>()
  let total = 0
  results.forEach((res, i) => {
    if (list[i] === whole) total = res.total
    for (const [facet, c] of res.counts) counts.set(facet, c)
  })
  const by = (f: CountedFacet) => counts.get(f) ?? new Map<string, number>()

  const fromRecords = (
    docs: { id: Id; slug?: string | null }[],
    c: Map<string, number>,
    label: (d: never) => string,
    extra?: (d: never) => Partial<FacetValue>,
  ): FacetValue[] =>
    docs
      .filter((d) => d.slug)
      .map((d) => ({
        value: d.slug!,
        label: label(d as never),
        count: c.get(String(d.id)) ?? 0,
        ...extra?.(d as never),
      }))
  const open = (c: Map<string, number>, chosen: string[]) =>
    [...new Set([...c.keys(), ...chosen])].map((value) => ({
      value,
      label: value,
      count: c.get(value) ?? 0,
    }))
  const chosenYears = [filter.yearFrom, filter.yearTo]
    .filter((v): v is number => v !== undefined)
    .map(String)

  return FacetsSchema.parse({
    total,
    facets: {
      themes: fromRecords(
        themes.docs,
        by('themes'),
        (d: { title: string }) => d.title,
        (d: { colour?: string | null }) => (d.colour ? { colour: d.colour } : {}),
      ),
      programmes: fromRecords(programmes.docs, by('programmes'), (d: { name: string }) => d.name),
      partnerships: fromRecords(
        partnerships.docs,
        by('partnerships'),
        (d: { name: string }) => d.name,
      ),
      types: PRODUCT_TYPES.map((t) => ({
        value: t.value,
        label: t.label,
        count: by('types').get(t.value) ?? 0,
      })),
      years: open(by('years'), chosenYears).sort((a, b) => Number(b.value) - Number(a.value)),
      languages: LANGUAGES.map((l) => ({
        value: l.value,
        label: l.label,
        count: by('languages').get(l.value) ?? 0,
      })).filter((l) => l.count > 0 || filter.languages.includes(l.value)),
      countries: open(by('countries'), [...filter.countries]).sort(
        (a, b) => b.count - a.count || a.label.localeCompare(b.label),
      ),
    },
  })
}
