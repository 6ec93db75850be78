/**
 * The update cycle of learning needs: an editor's explicit "Reviewed, no change" is recorded in
 * `need-reviews` (append-only), apart from the need's own changes, so a need shows both when it
 * last changed and when an editor last looked at it. Needs not reviewed within the review period
 * are due.
 */
import { COLLECTIONS } from '@repo/types'
import type { Payload, PayloadRequest } from 'payload'

export const NEED_REVIEWS = 'need-reviews' as const

/** When an editor last reviewed each of `needIds` (absent: never). */
export async function lastReviews(
  payload: Payload,
  needIds: (string | number)[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  if (needIds.length === 0) return out
  const { docs } = await payload.find({
    collection: NEED_REVIEWS,
    where: { need: { in: needIds } },
    sort: '-at',
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
  })
  for (const d of docs) {
    const key = String(typeof d.need === 'object' ? d.need.id : d.need)
    if (!out.has(key)) out.set(key, d.at)
  }
  return out
}

/** Records that the editor of `req` reviewed the need and found nothing to change. */
export async function recordReview(req: PayloadRequest, needId: string | number, note?: string) {
  const need = await req.payload.findByID({
    collection: COLLECTIONS.learningNeeds,
    id: needId,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
  })
  if (!need) return null
  return req.payload.create({
    collection: NEED_REVIEWS,
    data: {
      need: need.id as number,
      at: new Date().toISOString(),
      by: req.user && 'role' in req.user ? (req.user.id as number) : undefined,
      note: note?.trim() || undefined,
    },
    overrideAccess: true,
    req,
  })
}

export type DueNeed = {
  id: string | number
  title: string
  slug: string
  since: string
  reviewed: boolean
}

/** Published needs whose last review (or, never reviewed, their creation) is older than `months`. */
export async function dueForReview(
  payload: Payload,
  months: number,
  now = new Date(),
): Promise<DueNeed[]> {
  const cutoff = new Date(now)
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months)
  const { docs } = await payload.find({
    collection: COLLECTIONS.learningNeeds,
    where: { _status: { equals: 'published' } },
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
    select: { title: true, slug: true, createdAt: true },
  })
  const reviews = await lastReviews(
    payload,
    docs.map((d) => d.id),
  )
  return docs
    .map((d) => {
      const reviewed = reviews.get(String(d.id))
      return {
        id: d.id,
        title: d.title,
        slug: d.slug ?? '',
        since: reviewed ?? d.createdAt,
        reviewed: Boolean(reviewed),
      }
    })
    .filter((d) => Date.parse(d.since) < cutoff.getTime())
    .sort((a, b) => a.since.localeCompare(b.since))
}
