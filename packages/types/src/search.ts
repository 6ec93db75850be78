/**
 * Search responses: ranked products with snippets, their facets and the map's counts for the
 * same filter, in one round trip (`GET /api/search/knowledge-products?<product filter query>`),
 * plus a ranked search across the searchable collections (`GET /api/search?q=…`). The CMS
 * computes them with its database's own search engine; the SDK reads them with
 * `client.products.search(filter)` and `client.search(q)`.
 */
import { z } from 'zod'

import { COLLECTIONS } from './collections.js'
import { FacetsSchema } from './facets.js'
import { IdSchema, MatrixSchema, ProductSchema } from './schemas.js'

/** The path of the product search endpoint under the API root. */
export const PRODUCT_SEARCH_PATH = '/search/knowledge-products'
/** The path of the search across collections. */
export const SEARCH_PATH = '/search'
/** The path of the NDJSON stream of a product filter's records (for exports). */
export const PRODUCT_STREAM_PATH = '/stream/knowledge-products'

/** Text with the query's matches marked; render `match` parts highlighted (never as HTML). */
export const SnippetSchema = z.array(z.object({ text: z.string(), match: z.boolean() }))
export type Snippet = z.infer<typeof SnippetSchema>

/** Why a record matched: the engine's score and the matched words in context. */
export const HitSchema = z.object({
  id: IdSchema,
  /** Relevance (higher is better) when ranked by relevance, else null. */
  score: z.number().nullable(),
  snippet: z.object({ title: SnippetSchema, summary: SnippetSchema }),
})
export type Hit = z.infer<typeof HitSchema>

/** A word that matched nothing, and the nearest word the index holds. */
export const SuggestionSchema = z.object({ word: z.string(), suggestion: z.string() })
export type Suggestion = z.infer<typeof SuggestionSchema>

/** What a product search may add to the results. */
export const SEARCH_INCLUDES = ['facets', 'matrix'] as const
export type SearchInclude = (typeof SEARCH_INCLUDES)[number]

/** The response of `GET /api/search/knowledge-products`. */
export const ProductSearchSchema = z.object({
  /** The engine that answered (`sqlite-fts5`, `mongodb-text`). */
  engine: z.string(),
  /** The search text as understood (canonical syntax), or null without one. */
  query: z.string().nullable(),
  /** The page's products, in result order (the public shape, as `products.list` returns). */
  docs: z.array(ProductSchema),
  /** Per product of `docs`, in the same order: score and snippets. */
  hits: z.array(HitSchema),
  totalDocs: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  limit: z.number().int().positive(),
  totalPages: z.number().int().nonnegative(),
  /** Corrections for words that matched nothing, when the engine can tell (zero results only). */
  suggestions: z.array(SuggestionSchema),
  /** The query with every suggestion applied, when there are suggestions. */
  didYouMean: z.string().nullable(),
  /** Facet counts for the same filter (with `include=facets`). */
  facets: FacetsSchema.optional(),
  /** The map's counts (learning needs × themes) for the same filter (with `include=matrix`). */
  matrix: MatrixSchema.optional(),
})
export type ProductSearch = z.infer<typeof ProductSearchSchema>

/** The collections the search across collections covers. */
export const SEARCHABLE_COLLECTIONS = [
  COLLECTIONS.knowledgeProducts,
  COLLECTIONS.learningNeeds,
  COLLECTIONS.insights,
  COLLECTIONS.partnerships,
] as const
export type SearchableCollection = (typeof SEARCHABLE_COLLECTIONS)[number]

/** One record found by the search across collections. */
export const RecordHitSchema = HitSchema.extend({
  collection: z.enum(SEARCHABLE_COLLECTIONS),
  slug: z.string(),
  title: z.string(),
})
export type RecordHit = z.infer<typeof RecordHitSchema>

/** The response of `GET /api/search?q=…`: the best matches per collection. */
export const SearchResultsSchema = z.object({
  engine: z.string(),
  query: z.string(),
  groups: z.array(
    z.object({
      collection: z.enum(SEARCHABLE_COLLECTIONS),
      totalDocs: z.number().int().nonnegative(),
      hits: z.array(RecordHitSchema),
    }),
  ),
})
export type SearchResults = z.infer<typeof SearchResultsSchema>
