/**
 * The search endpoints (all public, published data only):
 *
 * - `GET /api/search/knowledge-products?<product filter>&include=facets,matrix`: ranked products
 *   with snippets, plus facets and the map's counts for the same filter in the same round trip;
 * - `GET /api/search?q=…&limit=…`: the best matches in products, learning needs, insights and
 *   partnerships;
 * - `GET /api/stream/knowledge-products?<product filter>`: every matching product as NDJSON,
 *   in the filter's order (what the export service reads).
 *
 * Bad parameters give 400 with `{ errors: [{ message, param }] }`; past the per-client rate
 * limit, 429 with Retry-After.
 */
import {
  COLLECTIONS,
  formatSearchText,
  hasSearchTerms,
  MAX_QUERY_LENGTH,
  parseSearchText,
  PRODUCT_SEARCH_PATH,
  PRODUCT_STREAM_PATH,
  SEARCH_INCLUDES,
  SEARCH_PATH,
  SEARCHABLE_COLLECTIONS,
  type SearchInclude,
  SearchResultsSchema,
} from '@repo/types'
import type { Endpoint, Payload } from 'payload'

import { rateLimited } from '../api/rateLimit'
import { productConditions, searchAdapter } from '../search'
import { analyzeQuery, queryMatchers } from '../search/analyze'
import { publicProducts, RefResolver } from '../search/documents'
import { searchProducts } from '../search/products'
import { summarySnippet, titleSnippet } from '../search/snippet'
import { computeMatrix } from './mapMatrix'
import { badRequest, type Issue, readUrl, readProductQuery } from './productQuery'

/** Products per database read of a stream. */
const STREAM_CHUNK = 500

function readIncludes(values: string[] | undefined): SearchInclude[] | Issue[] {
  const list = (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
  const bad = list.filter((v) => !(SEARCH_INCLUDES as readonly string[]).includes(v))
  if (bad.length > 0) {
    return [
      {
        param: 'include',
        message: `Unknown include "${bad[0]}": give any of ${SEARCH_INCLUDES.join(', ')}.`,
      },
    ]
  }
  return [...new Set(list)] as SearchInclude[]
}

export const productSearchEndpoint: Endpoint = {
  path: PRODUCT_SEARCH_PATH,
  method: 'get',
  handler: async (req) => {
    const limited = rateLimited(req.headers)
    if (limited) return limited
    const read = readProductQuery(req.url, ['include'])
    if (read instanceof Response) return read
    const include = readIncludes(read.extra.get('include'))
    if (include.some((i) => typeof i !== 'string')) return badRequest(include as Issue[])
    const result = await searchProducts(
      req.payload,
      read.filter,
      include as SearchInclude[],
      async (conditions) => {
        const matrix = await computeMatrix(req.payload, { axis: 'learning-needs' }, conditions)
        if (typeof matrix === 'string') throw new Error(matrix)
        return matrix
      },
    )
    return Response.json(result, { headers: { 'Cache-Control': 'no-store' } })
  },
}

const COLLECTION_TITLE: Record<(typeof SEARCHABLE_COLLECTIONS)[number], string> = {
  [COLLECTIONS.knowledgeProducts]: 'title',
  [COLLECTIONS.learningNeeds]: 'title',
  [COLLECTIONS.insights]: 'title',
  [COLLECTIONS.partnerships]: 'name',
}
const COLLECTION_SUMMARY: Record<(typeof SEARCHABLE_COLLECTIONS)[number], string> = {
  [COLLECTIONS.knowledgeProducts]: 'summary',
  [COLLECTIONS.learningNeeds]: 'description',
  [COLLECTIONS.insights]: 'body',
  [COLLECTIONS.partnerships]: 'summary',
}

async function searchEverywhere(payload: Payload, q: string, limit: number) {
  const adapter = searchAdapter(payload)
  const text = analyzeQuery(q)
  const matchers = queryMatchers(text)
  const groups = await Promise.all(
    SEARCHABLE_COLLECTIONS.map(async (collection) => {
      const page =
        collection === COLLECTIONS.knowledgeProducts
          ? await adapter.products({ text }, 'relevance', { offset: 0, limit })
          : await adapter.records(collection, text, { offset: 0, limit })
      const ids = page.hits.map((h) => h.id)
      const titleField = COLLECTION_TITLE[collection]
      const summaryField = COLLECTION_SUMMARY[collection]
      const found: Record<string, unknown>[] =
        ids.length === 0
          ? []
          : ((
              await payload.find({
                collection,
                where: { id: { in: ids } },
                depth: 0,
                pagination: false,
                overrideAccess: false,
                select: { slug: true, [titleField]: true, [summaryField]: true } as never,
              })
            ).docs as unknown as Record<string, unknown>[])
      const byId = new Map(found.map((d) => [String(d.id), d]))
      return {
        collection,
        totalDocs: page.total,
        hits: page.hits.flatMap((h) => {
          const d = byId.get(String(h.id))
          if (!d || typeof d.slug !== 'string') return []
          const title = String(d[titleField] ?? '')
          return [
            {
              collection,
              id: h.id,
              slug: d.slug,
              title,
              score: h.score,
              snippet: {
                title: titleSnippet(title, matchers),
                summary: summarySnippet(d[summaryField] as string | null, matchers),
              },
            },
          ]
        }),
      }
    }),
  )
  return SearchResultsSchema.parse({
    engine: adapter.engine,
    query: formatSearchText(parseSearchText(q)),
    groups,
  })
}

export const searchEndpoint: Endpoint = {
  path: SEARCH_PATH,
  method: 'get',
  handler: async (req) => {
    const limited = rateLimited(req.headers)
    if (limited) return limited
    const url = readUrl(req.url)
    if (Array.isArray(url)) return badRequest(url)
    const errors: Issue[] = []
    for (const key of new Set(url.searchParams.keys())) {
      if (key !== 'q' && key !== 'limit') errors.push({ param: key, message: 'Unknown parameter.' })
      else if (url.searchParams.getAll(key).length > 1) {
        errors.push({ param: key, message: 'Give this parameter only once.' })
      }
    }
    const q = (url.searchParams.get('q') ?? '').trim()
    if (!q) errors.push({ param: 'q', message: 'Give a search text.' })
    else if (q.length > MAX_QUERY_LENGTH) {
      errors.push({ param: 'q', message: `Use at most ${MAX_QUERY_LENGTH} characters.` })
    } else if (!hasSearchTerms(parseSearchText(q))) {
      errors.push({ param: 'q', message: 'Give at least one word to search for.' })
    }
    const rawLimit = url.searchParams.get('limit') ?? '5'
    const limit = /^\d{1,2}$/.test(rawLimit) ? Number(rawLimit) : NaN
    if (!(limit >= 1 && limit <= 20)) {
      errors.push({ param: 'limit', message: 'Give a whole number from 1 to 20.' })
    }
    if (errors.length > 0) return badRequest(errors)
    return Response.json(await searchEverywhere(req.payload, q, limit), {
      headers: { 'Cache-Control': 'no-store' },
    })
  },
}

export const productStreamEndpoint: Endpoint = {
  path: PRODUCT_STREAM_PATH,
  method: 'get',
  handler: async (req) => {
    const limited = rateLimited(req.headers)
    if (limited) return limited
    const read = readProductQuery(req.url)
    if (read instanceof Response) return read
    const { payload } = req
    // A snapshot of the matching ids (in order) first: records published while the stream runs
    // are not in it, and no record comes twice.
    const ids = await searchAdapter(payload).productIds(
      await productConditions(payload, read.filter),
      read.filter.sort,
    )
    const refs = new RefResolver(payload)
    const encoder = new TextEncoder()
    let at = 0
    let count = 0
    const body = new ReadableStream<Uint8Array>({
      // Pulled: the next chunk is read from the database only when the reader wants more.
      async pull(controller) {
        if (at >= ids.length) {
          controller.enqueue(encoder.encode(`${JSON.stringify({ end: { count } })}\n`))
          controller.close()
          return
        }
        const chunk = ids.slice(at, at + STREAM_CHUNK)
        at += chunk.length
        const docs = await publicProducts(payload, chunk, refs)
        count += docs.length
        controller.enqueue(
          encoder.encode(docs.map((record) => `${JSON.stringify({ record })}\n`).join('')),
        )
      },
    })
    return new Response(body, {
      headers: {
        'Content-Type': 'application/x-ndjson; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Total-Count': String(ids.length),
      },
    })
  },
}
