import { FilterError, productFilters, type ProductFilter } from '@repo/types'
import { FACETS_PATH } from '@repo/types/facets'
import type { Endpoint } from 'payload'

import { rateLimited } from '../api/rateLimit'
import { productFacets } from '../search/products'

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
    const facets = await productFacets(req.payload, filter)
    return Response.json(facets, {
      headers: { 'Cache-Control': 'public, max-age=30, stale-while-revalidate=120' },
    })
  },
}
