import { COLLECTIONS, type Proposal, ProposalSchema } from '@repo/types'
import type { Endpoint } from 'payload'

import { hasBearer, problem } from './shared'

export const PROPOSALS_PATH = '/proposals'

const refuse = (status: number, detail: string, extra: Record<string, unknown> = {}) =>
  problem(status, 'Proposal not accepted', detail, extra)

const PRODUCT_NOTE =
  'Proposed by a visitor through the public form. Set the type, themes, partnership and year from the source before publishing.'
const NEED_NOTE =
  'Proposed by a visitor through the public form. Check who stated the need, and set its themes, before publishing.'

function draftOf(p: Proposal, submittedAt: string) {
  const proposal = { submittedAt, email: p.email }
  const sources = p.link ? [{ url: p.link, label: 'Given by the proposer' }] : []
  if (p.kind === 'knowledge-product') {
    return {
      collection: COLLECTIONS.knowledgeProducts,
      data: {
        title: p.title,
        summary: p.description,
        type: 'other' as const,
        externalUrl: p.link,
        sources,
        editorialNote: PRODUCT_NOTE,
        proposal,
        reviewStatus: 'in-review' as const,
        _status: 'draft' as const,
      },
    }
  }
  return {
    collection: COLLECTIONS.learningNeeds,
    data: {
      title: p.title,
      description: p.description,
      kind: 'learning-need' as const,
      sources,
      editorialNote: NEED_NOTE,
      proposal,
      reviewStatus: 'in-review' as const,
      _status: 'draft' as const,
    },
  }
}

/**
 * `POST /api/proposals`: files a visitor's proposal as a draft, ready for review. Only the
 * public site may call it: it holds `secret` (REVALIDATE_SECRET, which the CMS and the site
 * share) and does the spam checks and the rate limit. Without a secret the endpoint refuses
 * everything. Nothing becomes public until an editor publishes the draft.
 */
export const proposalsEndpoint = (secret: string | undefined): Endpoint => ({
  path: PROPOSALS_PATH,
  method: 'post',
  handler: async (req) => {
    if (!hasBearer(req.headers, secret)) {
      return refuse(401, 'Proposals come through the public site’s form.')
    }
    let body: unknown
    try {
      body = await req.json?.()
    } catch {
      return refuse(400, 'Send the proposal as a JSON object.')
    }
    const parsed = ProposalSchema.safeParse(body)
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({
        field: String(i.path[0] ?? ''),
        message: i.message,
      }))
      return refuse(400, errors.map((e) => e.message).join(' '), { errors })
    }
    const { collection, data } = draftOf(parsed.data, new Date().toISOString())
    const doc = await req.payload.create({
      collection,
      data: data as never,
      draft: true,
      overrideAccess: true,
      depth: 0,
    })
    return Response.json({ kind: parsed.data.kind, id: doc.id }, { status: 201 })
  },
})
