/**
 * The suggestion endpoints (editors and admins only): on a learning need,
 * `GET /api/learning-needs/:id/suggestions` (products) and
 * `POST /api/learning-needs/:id/suggestions/{accept,dismiss}` with `{ "product": id }`; on a
 * product the same under `/api/knowledge-products/:id/…` with `{ "need": id }`.
 */
import type { Endpoint, PayloadRequest } from 'payload'

import { isRole } from '../access/roles'
import { problem } from '../endpoints/shared'
import type { Decision } from './decisions'
import { decide } from './decide'
import { type Side, suggestionsFor } from './rank'

const ID = /^[A-Za-z0-9_-]{1,64}$/
const MAX_LIMIT = 50

function refuseUnlessStaff(req: PayloadRequest, title: string): Response | null {
  if (!req.user) return problem(401, title, 'Sign in as an editor to see and decide suggestions.')
  if (!isRole(req.user, 'admin', 'editor')) {
    return problem(403, title, 'Only editors and admins see and decide suggestions.')
  }
  return null
}

const routeId = (req: PayloadRequest) => String(req.routeParams?.id ?? '')

function listEndpoint(side: Side): Endpoint {
  const title = 'No suggestions'
  return {
    path: '/:id/suggestions',
    method: 'get',
    handler: async (req) => {
      const refused = refuseUnlessStaff(req, title)
      if (refused) return refused
      const id = routeId(req)
      if (!ID.test(id)) return problem(400, title, `“${id}” is not a record id.`)
      const raw = new URL(req.url ?? 'http://x/').searchParams.get('limit')
      const limit = raw === null ? 10 : Number(raw)
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
        return problem(400, title, `limit must be a whole number from 1 to ${MAX_LIMIT}.`)
      }
      const list = await suggestionsFor(req.payload, side, id, { limit })
      if (!list) {
        return problem(
          404,
          title,
          `There is no ${side === 'need' ? 'learning need' : 'product'} ${id}.`,
        )
      }
      return Response.json(list, { headers: { 'cache-control': 'private, no-store' } })
    },
  }
}

function decideEndpoint(side: Side, decision: Decision): Endpoint {
  const verb = decision === 'accepted' ? 'accept' : 'dismiss'
  const title = `Suggestion not ${decision}`
  const otherKey = side === 'need' ? 'product' : 'need'
  return {
    path: `/:id/suggestions/${verb}`,
    method: 'post',
    handler: async (req) => {
      const refused = refuseUnlessStaff(req, title)
      if (refused) return refused
      const id = routeId(req)
      if (!ID.test(id)) return problem(400, title, `“${id}” is not a record id.`)
      let body: unknown
      try {
        body = await req.json?.()
      } catch {
        return problem(400, title, `Send a JSON body: { "${otherKey}": <id> }.`)
      }
      const other = (body as Record<string, unknown> | null)?.[otherKey]
      if ((typeof other !== 'string' && typeof other !== 'number') || !ID.test(String(other))) {
        return problem(400, title, `Send a JSON body: { "${otherKey}": <id> }.`)
      }
      const [needId, productId] = side === 'need' ? [id, other] : [other, id]
      const result = await decide(req, decision, needId, productId)
      if (!result.ok) return problem(result.status, title, result.detail)
      return Response.json(result, { status: 200 })
    },
  }
}

export const suggestionEndpoints = (side: Side): Endpoint[] => [
  listEndpoint(side),
  decideEndpoint(side, 'accepted'),
  decideEndpoint(side, 'dismissed'),
]
