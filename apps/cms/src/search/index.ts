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

const common = { depth: 0, pagination: false, overrideAccess: true } as const

/** Each slug → the id of the record it names (none when it names nothing). */
async function idsBySlug(
  payload: Payload,
  collection: CollectionSlug,
  slugs: readonly string[],
): Promise<Map<string, Id[]>> {
  const out = new Map<string, Id[]>(slugs.map((s) => [s, []]))
  if (slugs.length === 0) return out
  const found = await payload.find({
    ...common,
    collection,
    where: { slug: { in: [...slugs] } },
    select: { slug: true } as never,
    trash: collection === COLLECTIONS.learningNeeds,
  })
  for (const d of found.docs as unknown as { id: Id; slug: string }[]) out.get(d.slug)?.push(d.id)
  return out
}

/** Each programme slug → the ids of its partnerships. */
async function partnershipsByProgramme(
  payload: Payload,
  slugs: readonly string[],
): Promise<Map<string, Id[]>> {
  const out = new Map<string, Id[]>(slugs.map((s) => [s, []]))
  if (slugs.length === 0) return out
  const programmes = await idsBySlug(payload, COLLECTIONS.programmes, slugs)
  const slugOf = new Map(
    [...programmes].flatMap(([slug, ids]) => ids.map((id) => [String(id), slug])),
  )
  if (slugOf.size === 0) return out
  const found = await payload.find({
    ...common,
    collection: COLLECTIONS.partnerships,
    where: { programme: { in: [...slugOf.keys()] } },
    select: { programme: true },
  })
  for (const p of found.docs) out.get(slugOf.get(String(p.programme)) ?? '')?.push(p.id as Id)
  return out
}

/** The ids the slugs of a filter name: resolved once, then used for any narrower filter. */
export type ResolvedSlugs = {
  themes: Map<string, Id[]>
  partnerships: Map<string, Id[]>
  programmes: Map<string, Id[]>
  learningNeeds: Map<string, Id[]>
}

export async function resolveSlugs(
  payload: Payload,
  filter: ProductFilter,
): Promise<ResolvedSlugs> {
  const [themes, partnerships, programmes, learningNeeds] = await Promise.all([
    idsBySlug(payload, COLLECTIONS.themes, filter.themes),
    idsBySlug(payload, COLLECTIONS.partnerships, filter.partnerships),
    partnershipsByProgramme(payload, filter.programmes),
    idsBySlug(payload, COLLECTIONS.learningNeeds, filter.learningNeeds),
  ])
  return { themes, partnerships, programmes, learningNeeds }
}

const intersect = (a: Id[] | undefined, b: Id[] | undefined): Id[] | undefined => {
  if (a === undefined) return b
  if (b === undefined) return a
  const keep = new Set(b.map(String))
  return a.filter((id) => keep.has(String(id)))
}

/** The ids of `slugs` (any of them), or undefined when the filter does not narrow this field. */
const idsFor = (slugs: readonly string[], resolved: Map<string, Id[]>): Id[] | undefined =>
  slugs.length === 0 ? undefined : [...new Set(slugs.flatMap((s) => resolved.get(s) ?? []))]

/**
 * A product filter as the adapter's conditions. Slugs become ids (a slug that names nothing
 * matches nothing); programmes become their partnerships, combined with any partnership filter.
 * `resolved` (from `resolveSlugs` of this filter or a wider one) saves the lookups.
 */
export async function productConditions(
  payload: Payload,
  filter: ProductFilter,
  resolved?: ResolvedSlugs,
): Promise<ProductConditions> {
  const r = resolved ?? (await resolveSlugs(payload, filter))
  return {
    text: filter.q ? analyzeQuery(filter.q) : undefined,
    themes: idsFor(filter.themes, r.themes),
    partnerships: intersect(
      idsFor(filter.partnerships, r.partnerships),
      idsFor(filter.programmes, r.programmes),
    ),
    learningNeeds: idsFor(filter.learningNeeds, r.learningNeeds),
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
