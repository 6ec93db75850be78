/**
 * The search service: the one way the CMS answers searches, facets, the map's counts and export
 * streams. The filter language of @repo/types is compiled here into the adapter's conditions
 * (slugs resolved to ids through the Local API); the database's own engine does the rest.
 */
import {
  asOfInstant,
  COLLECTIONS,
  formatSearchText,
  parseSearchText,
  type ProductFilter,
} from '@repo/types'
import type { CollectionSlug, Payload } from 'payload'

import { analyzeQuery, tokens } from './analyze'
import { createMongoSearch } from './mongodb'
import { createSqliteSearch } from './sqlite'
import type { Id, ProductConditions, SearchAdapter, SearchCollection } from './types'

export type { SearchAdapter } from './types'

const adapters = new WeakMap<Payload, SearchAdapter>()

/** The search adapter of this Payload's database. */
export function searchAdapter(payload: Payload): SearchAdapter {
  let found = adapters.get(payload)
  if (!found) {
    found =
      payload.db.name === 'mongoose' ? createMongoSearch(payload) : createSqliteSearch(payload)
    adapters.set(payload, found)
  }
  return found
}

async function idsOf(
  payload: Payload,
  collection: CollectionSlug,
  path: string,
  slugs: readonly string[],
): Promise<Id[] | undefined> {
  if (slugs.length === 0) return undefined
  const found = await payload.find({
    collection,
    where: { [path]: { in: [...slugs] } },
    depth: 0,
    pagination: false,
    overrideAccess: true,
    select: {},
    trash: collection === COLLECTIONS.learningNeeds,
  })
  return found.docs.map((d) => d.id as Id)
}

const intersect = (a: Id[] | undefined, b: Id[] | undefined): Id[] | undefined => {
  if (a === undefined) return b
  if (b === undefined) return a
  const keep = new Set(b.map(String))
  return a.filter((id) => keep.has(String(id)))
}

/**
 * A product filter as the adapter's conditions. Slugs become ids (a slug that names nothing
 * matches nothing); programmes become their partnerships, combined with any partnership filter.
 */
export async function productConditions(
  payload: Payload,
  filter: ProductFilter,
): Promise<ProductConditions> {
  const [themes, partnerships, ofProgrammes, learningNeeds] = await Promise.all([
    idsOf(payload, COLLECTIONS.themes, 'slug', filter.themes),
    idsOf(payload, COLLECTIONS.partnerships, 'slug', filter.partnerships),
    idsOf(payload, COLLECTIONS.partnerships, 'programme.slug', filter.programmes),
    idsOf(payload, COLLECTIONS.learningNeeds, 'slug', filter.learningNeeds),
  ])
  return {
    text: filter.q ? analyzeQuery(filter.q) : undefined,
    themes,
    partnerships: intersect(partnerships, ofProgrammes),
    learningNeeds,
    types: filter.types.length > 0 ? [...filter.types] : undefined,
    languages: filter.languages.length > 0 ? [...filter.languages] : undefined,
    countries: filter.countries.length > 0 ? [...filter.countries] : undefined,
    yearFrom: filter.yearFrom,
    yearTo: filter.yearTo,
    publishedBy: filter.asOf ? asOfInstant(filter.asOf)?.toISOString() : undefined,
  }
}

/**
 * For a search that found nothing: per word of the query that the index does not hold, the
 * nearest word it does, and the query with those replaced. Empty when the engine cannot tell.
 */
export async function suggestionsFor(
  payload: Payload,
  collection: SearchCollection,
  q: string,
): Promise<{ suggestions: { word: string; suggestion: string }[]; didYouMean: string | null }> {
  const adapter = searchAdapter(payload)
  if (!adapter.suggests) return { suggestions: [], didYouMean: null }
  const parsed = parseSearchText(q)
  const words = [
    ...new Set(
      parsed.groups.flat().flatMap((i) => (i.kind === 'word' && !i.prefix ? tokens(i.text) : [])),
    ),
  ]
  const found = new Map<string, string>()
  const count = async (word: string) => {
    const text = analyzeQuery(word)
    const none = { offset: 0, limit: 0 }
    const res =
      collection === COLLECTIONS.knowledgeProducts
        ? await adapter.products({ text }, 'relevance', none)
        : await adapter.records(collection, text, none)
    return res.total
  }
  for (const word of words) {
    if ((await count(word)) > 0) continue
    const near = await adapter.suggest(collection, [word])
    const suggestion = near.get(word)
    if (suggestion) found.set(word, suggestion)
  }
  if (found.size === 0) return { suggestions: [], didYouMean: null }
  const fixed = {
    ...parsed,
    groups: parsed.groups.map((g) =>
      g.map((i) => {
        if (i.kind !== 'word') return i
        const t = tokens(i.text)[0]
        return t && found.has(t) ? { ...i, text: found.get(t)! } : i
      }),
    ),
  }
  return {
    suggestions: [...found].map(([word, suggestion]) => ({ word, suggestion })),
    didYouMean: formatSearchText(fixed),
  }
}
