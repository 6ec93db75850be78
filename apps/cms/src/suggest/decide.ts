/**
 * Accepting and dismissing a suggested pair. Accept links the product to the need through the
 * Local API as the editor (so access, the coverage recount and its history run as for any
 * edit; the history says the link was accepted from a suggestion, with its why); dismiss keeps
 * the pair out of every later suggestion. Both record the decision.
 */
import { COLLECTIONS } from '@repo/types'
import type { PayloadRequest } from 'payload'

import { queueRevalidation } from '../hooks/revalidateSite'
import { relationIds } from '../lib/coverage'
import { type Decision, SUGGESTION_DECISIONS } from './decisions'
import { explainPair, readForSuggestions, whySentence } from './rank'
import { queueSuggestionRecompute } from './snapshot'

type Id = string | number

export type DecideResult =
  | { ok: true; decision: Decision; need: string; product: string; why: string }
  | { ok: false; status: 404 | 409; detail: string }

async function hasPendingDraft(req: PayloadRequest, id: Id): Promise<boolean> {
  const { docs } = await req.payload.findVersions({
    collection: COLLECTIONS.knowledgeProducts,
    where: { and: [{ parent: { equals: id } }, { latest: { equals: true } }] },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return docs[0]?.version?._status === 'draft'
}

export async function decide(
  req: PayloadRequest,
  decision: Decision,
  needId: Id,
  productId: Id,
): Promise<DecideResult> {
  const { payload } = req
  const [need, product] = await Promise.all([
    readForSuggestions(payload, 'need', needId),
    readForSuggestions(payload, 'product', productId),
  ])
  if (!need) return { ok: false, status: 404, detail: `There is no learning need ${needId}.` }
  if (!product) return { ok: false, status: 404, detail: `There is no product ${productId}.` }
  const needKey = String(need.id)
  const links = relationIds(product.learningNeeds)
  if (links.some((n) => String(n) === needKey)) {
    return {
      ok: false,
      status: 409,
      detail: `“${product.title}” already addresses “${need.title}”: the link is confirmed.`,
    }
  }
  if (decision === 'accepted' && product._status !== 'published') {
    return {
      ok: false,
      status: 409,
      detail: `“${product.title}” is not published; suggestions link published products only.`,
    }
  }
  if (decision === 'accepted' && (await hasPendingDraft(req, product.id as Id))) {
    // Payload saves an update over the latest version: linking now would carry the pending
    // draft's unreviewed changes into the published product.
    return {
      ok: false,
      status: 409,
      detail: `“${product.title}” has changes waiting for review; publish or discard them first, then accept.`,
    }
  }
  const why = whySentence(await explainPair(payload, need, product))
  if (decision === 'accepted') {
    await payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: product.id as Id,
      data: { learningNeeds: [...links, need.id] as number[] },
      req,
      overrideAccess: false,
      context: {
        acceptedSuggestion: { need: needKey, reason: `Accepted from a suggestion (${why})` },
      },
    })
  }
  const existing = await payload.find({
    collection: SUGGESTION_DECISIONS,
    where: { and: [{ need: { equals: need.id } }, { product: { equals: product.id } }] },
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
  })
  const data = {
    need: need.id as number,
    product: product.id as number,
    decision,
    by: req.user && 'role' in req.user ? (req.user.id as number) : null,
    at: new Date().toISOString(),
    why,
  }
  const found = existing.docs[0]
  if (found) {
    await payload.update({
      collection: SUGGESTION_DECISIONS,
      id: found.id,
      data,
      overrideAccess: true,
      req,
    })
  } else {
    await payload.create({ collection: SUGGESTION_DECISIONS, data, overrideAccess: true, req })
  }
  if (decision === 'dismissed') {
    // The map's suggested mode drops the pair at once (it re-checks decisions); the recompute
    // brings up the need's next suggestion.
    queueRevalidation(req, { collection: SUGGESTION_DECISIONS })
    await queueSuggestionRecompute(payload, `a suggestion for need ${needKey} was dismissed`, req)
  }
  return { ok: true, decision, need: needKey, product: String(product.id), why }
}
