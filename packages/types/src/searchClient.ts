/**
 * The SDK's search methods: `products.search` (ranked results with snippets, and facets and the
 * map's counts for the same filter, in one call), `products.stream` (every record of a filter,
 * as NDJSON read line by line) and `search` (across the searchable collections).
 */
import { z } from 'zod'

import { KnowledgeMapError } from './errors.js'
import { toFilterWith } from './filterInput.js'
import { productFilters, type ProductFilterInput, type QueryInput } from './filters.js'
import { type Product, ProductSchema } from './schemas.js'
import {
  PRODUCT_SEARCH_PATH,
  PRODUCT_STREAM_PATH,
  type ProductSearch,
  ProductSearchSchema,
  SEARCH_PATH,
  type SearchInclude,
  type SearchResults,
  SearchResultsSchema,
} from './search.js'

type RequestInit = { signal?: AbortSignal }
type Request = <S extends z.ZodType>(
  path: string,
  params: URLSearchParams,
  schema: S,
  init?: RequestInit,
) => Promise<z.output<S>>
type Send = (
  path: string,
  params: URLSearchParams,
  init: RequestInit,
  streaming: boolean,
) => Promise<{ response: Response; href: string; signal: AbortSignal }>

/** One line of the NDJSON stream: a record, or the closing line with the count sent. */
export const StreamLineSchema = z.union([
  z.object({ record: ProductSchema }),
  z.object({ end: z.object({ count: z.number().int().nonnegative() }) }),
])

export type ProductSearchMethods = {
  /**
   * Full-text search with the filter language: ranked by relevance when `q` is given (stemmed,
   * with `"phrases"`, `prefix*`, `OR` and `-exclude`), with snippets; `include` adds the facet
   * counts and the map's counts for the same filter. Validated with zod.
   * @throws KnowledgeMapError
   */
  search(
    filter?: ProductFilterInput | QueryInput,
    options?: RequestInit & { include?: readonly SearchInclude[] },
  ): Promise<ProductSearch>
  /**
   * Every published product matching `filter`, in its order, streamed from the CMS (NDJSON,
   * paged in the database) and validated line by line. Throws `KnowledgeMapError` with code
   * `invalid_response` if the stream ends before its closing line (an incomplete answer).
   */
  stream(
    filter?: ProductFilterInput | QueryInput,
    options?: RequestInit,
  ): AsyncIterableIterator<Product>
}

/** The canonical query of a product filter (object or query string); bad input throws first. */
const toQuery = (filter: ProductFilterInput | QueryInput | undefined): URLSearchParams =>
  productFilters.toSearchParams(toFilterWith(productFilters, filter))

export function productSearchMethods(request: Request, send: Send): ProductSearchMethods {
  return {
    async search(filter, options = {}) {
      const params = toQuery(filter)
      if (options.include && options.include.length > 0) {
        params.set('include', [...new Set(options.include)].join(','))
      }
      return request(PRODUCT_SEARCH_PATH, params, ProductSearchSchema, { signal: options.signal })
    },

    async *stream(filter, options = {}) {
      const params = toQuery(filter)
      params.delete('page')
      params.delete('limit')
      const { response, href } = await send(PRODUCT_STREAM_PATH, params, options, true)
      if (!response.body) {
        throw new KnowledgeMapError('The CMS sent no stream.', {
          code: 'invalid_response',
          url: href,
        })
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      let ended = false
      let line = 0
      const parse = (text: string): Product | undefined => {
        line++
        let json: unknown
        try {
          json = JSON.parse(text)
        } catch (cause) {
          throw new KnowledgeMapError(`Line ${line} of the stream is not JSON.`, {
            code: 'invalid_json',
            url: href,
            details: text.slice(0, 2000),
            cause,
          })
        }
        const parsed = StreamLineSchema.safeParse(json)
        if (!parsed.success) {
          throw new KnowledgeMapError(
            `Line ${line} of the stream does not match the expected shape.`,
            {
              code: 'invalid_response',
              url: href,
              details: parsed.error.issues,
            },
          )
        }
        if ('end' in parsed.data) {
          ended = true
          return undefined
        }
        return parsed.data.record
      }
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (value) buffer += value
          let nl: number
          while ((nl = buffer.indexOf('\n')) !== -1) {
            const text = buffer.slice(0, nl)
            buffer = buffer.slice(nl + 1)
            if (!text.trim()) continue
            const record = parse(text)
            if (record) yield record
          }
          if (done) break
        }
        if (buffer.trim()) {
          const record = parse(buffer)
          if (record) yield record
        }
      } catch (err) {
        if (err instanceof KnowledgeMapError) throw err
        throw new KnowledgeMapError(
          `Reading the stream failed: ${(err as Error)?.message ?? err}`,
          {
            code: options.signal?.aborted ? 'aborted' : 'network_error',
            url: href,
            cause: err,
          },
        )
      } finally {
        reader.releaseLock()
      }
      if (!ended) {
        throw new KnowledgeMapError('The stream ended before its closing line (incomplete).', {
          code: 'invalid_response',
          url: href,
        })
      }
    },
  }
}

/** `client.search(q)`: the best matches in products, learning needs, insights and partnerships. */
export function searchAcross(request: Request) {
  return async (
    q: string,
    options: RequestInit & { limit?: number } = {},
  ): Promise<SearchResults> => {
    const params = new URLSearchParams({ q })
    if (options.limit !== undefined) params.set('limit', String(options.limit))
    return request(SEARCH_PATH, params, SearchResultsSchema, { signal: options.signal })
  }
}
