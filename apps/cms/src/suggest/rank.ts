/**
 * Suggestions: for a learning need, the published products most like it; for a product, the
 * needs most like it. The engine ranks candidates by bm25 over the asking record's most
 * distinctive terms (an OR query through the search adapter); a shared theme or partnership
 * (need's "raised by" ↔ product's partnerships) boosts them. Each suggestion explains itself:
 * the terms it matched and the themes and partnerships the pair shares. Pairs already linked
 * or decided by an editor are never suggested. Computed on demand: nothing is stored.
 */
import { COLLECTIONS } from '@repo/types'
import type { Payload } from 'payload'

import { relationIds } from '../lib/coverage'
import { SEARCH_SOURCES } from '../search/fields'
import { searchAdapter } from '../search'
import type { Id } from '../search/types'
import { decidedPartners } from './decisions'
import { frequencyCache } from './frequencies'
import { contentWords, distinctiveTerms, matchTerms, queryTerms, stemSet, type Term } from './terms'

/** Multiplies the engine's score when the pair shares a core theme. */
export const THEME_BOOST = 0.3
/** Multiplies the engine's score when the product comes from the partnership that raised the need. */
export const PARTNERSHIP_BOOST = 0.5
/**
 * A need with no confirmed link counts as "suggested" on the public map when its best suggestion
 * matches at least this share of its query's weight (see `matchTerms`) and at least two terms.
 */
export const SUGGESTED_STRENGTH = 0.3
/** Candidates the engine returns before exclusions and boosts re-rank them. */
const CANDIDATES = 40

type Doc = Record<string, unknown>

export type Side = 'need' | 'product'

export type Suggestion = {
  id: string
  title: string
  slug: string | null
  /**
   * The engine's bm25 score times the boosts and the square root of `strength` (higher is
   * better; comparable within one list only).
   */
  score: number
  /** The share of the query's weight the candidate matches (0–1; comparable across lists). */
  strength: number
  why: { terms: string[]; themes: string[]; partnerships: string[] }
}

export type SuggestionList = {
  of: { side: Side; id: string; title: string; slug: string | null }
  /** The query's terms, most distinctive first. */
  terms: string[]
  suggestions: Suggestion[]
}

const SELF = {
  need: {
    collection: COLLECTIONS.learningNeeds,
    partnerships: 'raisedBy',
    select: {
      title: true,
      slug: true,
      description: true,
      topic: true,
      themes: true,
      raisedBy: true,
    },
  },
  product: {
    collection: COLLECTIONS.knowledgeProducts,
    partnerships: 'partnerships',
    select: {
      title: true,
      slug: true,
      summary: true,
      keywords: true,
      countries: true,
      themes: true,
      partnerships: true,
      learningNeeds: true,
      _status: true,
    },
  },
} as const

const other = (side: Side): Side => (side === 'need' ? 'product' : 'need')

async function read(payload: Payload, side: Side, ids: Id[]): Promise<Doc[]> {
  if (ids.length === 0) return []
  const { docs } = await payload.find({
    collection: SELF[side].collection,
    where: { id: { in: ids } },
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
    select: SELF[side].select as never,
  })
  return docs as unknown as Doc[]
}

async function names(
  payload: Payload,
  collection: typeof COLLECTIONS.themes | typeof COLLECTIONS.partnerships,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const field = collection === COLLECTIONS.themes ? 'title' : 'name'
  const { docs } = await payload.find({
    collection,
    where: { id: { in: ids } },
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
    select: { [field]: true } as never,
  })
  return new Map((docs as unknown as Doc[]).map((d) => [String(d.id), String(d[field])]))
}

const sourceOf = (side: Side, doc: Doc) =>
  SEARCH_SOURCES[side === 'need' ? COLLECTIONS.learningNeeds : COLLECTIONS.knowledgeProducts](doc)

/** The need's product links as ids (links live on the product). */
const linked = (product: Doc, needId: string) =>
  relationIds(product.learningNeeds).some((n) => String(n) === needId)

/** The distinctive terms of a record against the other side's collection. */
export async function termsOf(payload: Payload, side: Side, doc: Doc): Promise<Term[]> {
  const words = contentWords(sourceOf(side, doc))
  const stems = [...words.values()].flatMap((w) => [...w.stems])
  const frequencies = await frequencyCache(payload).get(SELF[other(side)].collection, stems)
  return distinctiveTerms(words, frequencies)
}

type Explained = Omit<Suggestion, 'score'> & {
  boost: number
  themeIds: string[]
  partnershipIds: string[]
}

function explain(side: Side, self: Doc, terms: Term[], candidate: Doc): Explained {
  const match = matchTerms(terms, stemSet(sourceOf(other(side), candidate)))
  const mine = new Set(relationIds(self.themes).map(String))
  const themeIds = relationIds(candidate.themes)
    .map(String)
    .filter((t) => mine.has(t))
  const need = side === 'need' ? self : candidate
  const product = side === 'need' ? candidate : self
  const raisedBy = new Set(relationIds(need.raisedBy).map(String))
  const partnershipIds = relationIds(product.partnerships)
    .map(String)
    .filter((p) => raisedBy.has(p))
  return {
    id: String(candidate.id),
    title: String(candidate.title ?? ''),
    slug: (candidate.slug ?? null) as string | null,
    strength: match.strength,
    why: { terms: match.words, themes: [], partnerships: [] },
    themeIds,
    partnershipIds,
    boost:
      1 +
      (themeIds.length > 0 ? THEME_BOOST : 0) +
      (partnershipIds.length > 0 ? PARTNERSHIP_BOOST : 0),
  }
}

async function named(payload: Payload, list: Explained[]): Promise<Explained[]> {
  const [themes, partnerships] = await Promise.all([
    names(payload, COLLECTIONS.themes, [...new Set(list.flatMap((s) => s.themeIds))]),
    names(payload, COLLECTIONS.partnerships, [...new Set(list.flatMap((s) => s.partnershipIds))]),
  ])
  for (const s of list) {
    s.why.themes = s.themeIds.map((t) => themes.get(t) ?? t)
    s.why.partnerships = s.partnershipIds.map((p) => partnerships.get(p) ?? p)
  }
  return list
}

/**
 * The top suggestions for a need (`side: 'need'`: products) or a product (needs), or null when
 * the record does not exist.
 */
export async function suggestionsFor(
  payload: Payload,
  side: Side,
  id: Id,
  options: { limit?: number } = {},
): Promise<SuggestionList | null> {
  const limit = options.limit ?? 10
  const [self] = await read(payload, side, [id])
  if (!self) return null
  const selfId = String(self.id)
  const [terms, decided] = await Promise.all([
    termsOf(payload, side, self),
    decidedPartners(payload, side, self.id as Id),
  ])
  const of = {
    side,
    id: selfId,
    title: String(self.title ?? ''),
    slug: (self.slug ?? null) as string | null,
  }
  const items = queryTerms(terms).map((t) => ({
    kind: 'stems' as const,
    stems: t.stems,
    word: t.word,
  }))
  const hits = await searchAdapter(payload).similar(SELF[other(side)].collection, items, CANDIDATES)
  const alreadyLinked = new Set(
    side === 'product' ? relationIds(self.learningNeeds).map(String) : [],
  )
  const open = hits.filter((h) => !decided.has(String(h.id)) && !alreadyLinked.has(String(h.id)))
  const docs = new Map(
    (
      await read(
        payload,
        other(side),
        open.map((h) => h.id),
      )
    ).map((d) => [String(d.id), d]),
  )
  const ranked: (Explained & { score: number })[] = []
  for (const hit of open) {
    const doc = docs.get(String(hit.id))
    if (!doc || (side === 'need' && linked(doc, selfId))) continue
    const e = explain(side, self, terms, doc)
    if (e.why.terms.length === 0) continue
    // bm25 favours a short record matching one rare term; the share of the query it matches
    // (its square root, so bm25 still leads) favours records that match more of the need.
    ranked.push({ ...e, score: (hit.score ?? 0) * e.boost * Math.sqrt(e.strength) })
  }
  ranked.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
  const top = await named(payload, ranked.slice(0, limit))
  return {
    of,
    terms: queryTerms(terms).map((t) => t.word),
    suggestions: top.map((s) => ({
      id: s.id,
      title: s.title,
      slug: s.slug,
      score: (s as Explained & { score: number }).score,
      strength: s.strength,
      why: s.why,
    })),
  }
}

/** Whether a suggestion is strong enough to show as "suggested" coverage. */
export const isStrong = (s: Pick<Suggestion, 'strength' | 'why'>): boolean =>
  s.strength >= SUGGESTED_STRENGTH && s.why.terms.length >= 2

/** The why of one pair, whether or not it is in the need's top list (for accepting it). */
export async function explainPair(
  payload: Payload,
  need: Doc,
  product: Doc,
): Promise<Suggestion['why'] & { strength: number }> {
  const terms = await termsOf(payload, 'need', need)
  const [e] = await named(payload, [explain('need', need, terms, product)])
  return { ...e!.why, strength: e!.strength }
}

/** Reads one record with the fields suggestions use. */
export const readForSuggestions = async (payload: Payload, side: Side, id: Id) =>
  (await read(payload, side, [id]))[0] ?? null

/** A why as one sentence, for the coverage history and the decision record. */
export function whySentence(why: Suggestion['why']): string {
  const parts = [`matched ${why.terms.map((t) => `“${t}”`).join(', ') || 'no terms'}`]
  if (why.themes.length) parts.push(`shared theme ${why.themes.join(', ')}`)
  if (why.partnerships.length) parts.push(`shared partnership ${why.partnerships.join(', ')}`)
  return parts.join('; ')
}
