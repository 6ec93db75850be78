import { COLLECTIONS, type UnmetSearchPolicy } from '@repo/types'
import type { Endpoint } from 'payload'

import { isRole } from '../access/roles'
import { MAX_QUERY_LENGTH, missToNeed, recordMiss } from '../demand/unmetSearches'
import { hasBearer, problem } from './shared'

const refuse = (status: number, detail: string) => problem(status, 'Request not accepted', detail)

/**
 * `POST /api/unmet-searches` (the site, with the shared secret): counts a search that found
 * nothing. `GET /api/unmet-searches/policy` (anyone): what is kept and for how long, for the
 * site's privacy note. `POST /api/unmet-searches/to-need` (editors, from the admin view): turns
 * one into a draft learning need and opens it.
 */
export const searchMissesEndpoints = (
  secret: string | undefined,
  policy: UnmetSearchPolicy,
): Endpoint[] => [
  {
    path: '/unmet-searches/policy',
    method: 'get',
    handler: () =>
      Response.json(
        { ...policy, kept: ['the search words, normalised', 'the day', 'a count'] },
        { headers: { 'cache-control': 'public, max-age=300' } },
      ),
  },
  {
    path: '/unmet-searches',
    method: 'post',
    handler: async (req) => {
      if (!hasBearer(req.headers, secret)) {
        return refuse(401, 'Unmet searches are reported by the public site only.')
      }
      let body: unknown
      try {
        body = await req.json?.()
      } catch {
        return refuse(400, 'Send {"query": "…"} as JSON.')
      }
      const query = (body as { query?: unknown } | null)?.query
      if (typeof query !== 'string' || query.length > MAX_QUERY_LENGTH * 10) {
        return refuse(
          400,
          `"query" must be a string of at most ${MAX_QUERY_LENGTH * 10} characters.`,
        )
      }
      const recorded = await recordMiss(req.payload, query, policy)
      return recorded
        ? Response.json(recorded, { status: 201 })
        : new Response(null, { status: 204 })
    },
  },
  {
    path: '/unmet-searches/to-need',
    method: 'post',
    handler: async (req) => {
      if (!isRole(req.user, 'admin', 'editor')) {
        return refuse(403, 'Only editors turn unmet searches into learning needs.')
      }
      let query: unknown
      try {
        const type = req.headers.get('content-type') ?? ''
        query = type.includes('application/json')
          ? ((await req.json?.()) as { query?: unknown })?.query
          : (await req.formData?.())?.get('query')
      } catch {
        return refuse(400, 'Send the query to turn into a need.')
      }
      if (typeof query !== 'string' || query.trim().length < 2) {
        return refuse(400, 'Name the unmet search to turn into a learning need.')
      }
      const need = await missToNeed(req, query)
      const edit = `${req.payload.config.routes.admin}/collections/${COLLECTIONS.learningNeeds}/${need.id}`
      return (req.headers.get('accept') ?? '').includes('application/json')
        ? Response.json({ id: need.id, edit }, { status: 201 })
        : new Response(null, { status: 303, headers: { location: edit } })
    },
  },
]
