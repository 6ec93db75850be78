/**
 * The search interface: what the CMS asks of a database's own search engine. One adapter per
 * database (`sqlite/`, `mongodb/`); everything above it (the filter language, slug resolution,
 * documents, snippets, facets' labels) is shared, and one conformance suite runs against each.
 *
 * Adapters see only public data: published, not trashed records (the index holds nothing else),
 * and relations by id (the service resolves slugs first).
 */
import type { AnalyzedDocument, AnalyzedItem, AnalyzedQuery } from './analyze'

export type Id = string | number

/** The collections the search covers. */
export const SEARCH_COLLECTIONS = [
  'knowledge-products',
  'learning-needs',
  'insights',
  'partnerships',
] as const
export type SearchCollection = (typeof SEARCH_COLLECTIONS)[number]

/**
 * A product filter as an adapter matches it. A list means "any of these"; an empty list matches
 * nothing (a slug that names no record); `undefined` does not filter.
 */
export type ProductConditions = {
  text?: AnalyzedQuery
  themes?: Id[]
  partnerships?: Id[]
  learningNeeds?: Id[]
  types?: string[]
  languages?: string[]
  countries?: string[]
  yearFrom?: number
  yearTo?: number
  /**
   * A dated view: only products first published by this instant (ISO 8601; a product from
   * before `firstPublishedAt` was recorded counts by its creation date).
   */
  publishedBy?: string
}

/** Orders of a product listing (`relevance` needs `text`; adapters tie-break on id). */
export type ProductOrder = 'relevance' | '-year' | 'year' | 'title' | '-title' | '-updatedAt'

/** A ranked match: the record's id and the engine's relevance (higher is better), if ranked. */
export type Hit = { id: Id; score: number | null }

/** The facets an adapter counts. Relations are counted by id, the others by stored value. */
export type CountedFacet =
  'themes' | 'partnerships' | 'programmes' | 'types' | 'years' | 'languages' | 'countries'

/** Counts per facet value (ids as strings for relations) plus the number of matching products. */
export type FacetCounts = { total: number; counts: Map<CountedFacet, Map<string, number>> }

/** The matrix's counts: per (row, theme) cell, per row, per theme, and overall. */
export type MatrixCounts = {
  cells: { row: string; theme: string; n: number }[]
  rows: Map<string, number>
  themes: Map<string, number>
  total: number
}

/** What a matrix row is: a learning need (the given ids) or a product type. */
export type MatrixRows = { axis: 'learning-needs'; needIds: Id[] } | { axis: 'types' }

export interface SearchAdapter {
  /** The engine's name, as reported to clients and benchmarks (`sqlite-fts5`, `mongodb-text`). */
  readonly engine: string
  /** Whether `suggest` can propose corrections (the engine exposes its vocabulary). */
  readonly suggests: boolean
  /** One page of matching products in `order`, and how many match in all. */
  products(
    conditions: ProductConditions,
    order: ProductOrder,
    page: { offset: number; limit: number },
  ): Promise<{ total: number; hits: Hit[] }>
  /** The ids of every matching product, in `order` (for streaming exports). */
  productIds(conditions: ProductConditions, order: ProductOrder): Promise<Id[]>
  /**
   * Facet counts: each group's facets are counted over the products matching its conditions
   * (disjunctive facets need one group per distinct filter). `programmeOf` maps a partnership
   * id to its programme's id.
   */
  facets(
    groups: { conditions: ProductConditions; facets: CountedFacet[] }[],
    programmeOf: Map<string, string>,
  ): Promise<FacetCounts[]>
  /** Matrix counts over the matching products. */
  matrix(conditions: ProductConditions, rows: MatrixRows): Promise<MatrixCounts>
  /** A ranked page of matching records of another searchable collection. */
  records(
    collection: Exclude<SearchCollection, 'knowledge-products'>,
    text: AnalyzedQuery,
    page: { offset: number; limit: number },
  ): Promise<{ total: number; hits: Hit[] }>
  /**
   * What the index holds for a collection: per indexed record, its analysed columns. For the
   * test that the index holds exactly the public records and fields.
   */
  indexed(collection: SearchCollection): Promise<Map<string, AnalyzedDocument>>
  /** For words that match nothing: the nearest indexed words, by edit distance and frequency. */
  suggest(collection: SearchCollection, words: string[]): Promise<Map<string, string>>
  /**
   * "More like this": the public records matching ANY of the items, best first by the engine's
   * relevance (no count, for speed). Items are `stems` items; the others are ignored.
   */
  similar(collection: SearchCollection, items: AnalyzedItem[], limit: number): Promise<Hit[]>
  /**
   * How many public records hold each stem in a stemmed column (title, summary, keywords), and
   * how many public records there are: for choosing a record's most distinctive terms.
   */
  stemFrequencies(
    collection: SearchCollection,
    stems: string[],
  ): Promise<{ records: number; docs: Map<string, number> }>
}
