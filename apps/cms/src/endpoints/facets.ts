import { FACETS_PATH } from '@repo/types/facets'
import type { Endpoint } from 'payload'

import { rateLimited } from '../api/rateLimit'
import { productFacets } from '../search/products'
import { readProductQuery } from './productQuery'

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
    const read = readProductQuery(req.url)
    if (read instanceof Response) return read
    const facets = await productFacets(req.payload, read.filter)
    return Response.json(facets, {
      headers: { 'Cache-Control': 'public, max-age=30, stale-while-revalidate=120' },
    })
  },
}
