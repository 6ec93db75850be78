import type { Payload, TypedUser } from 'payload'

import { isRole } from '../access/roles'
import { type ReviewedCollection, REVIEWED_SLUGS, type ReviewState } from './states'

export type QueueItem = {
  collection: ReviewedCollection
  id: string | number
  title: string
  reviewStatus: ReviewState
  comment: string | null
  updatedAt: string
}

export type Queue = {
  /** What the queue holds for this user: staff see records awaiting review, contributors theirs returned. */
  state: ReviewState
  total: number
  byCollection: Record<ReviewedCollection, number>
  items: QueueItem[]
}

/** The state that needs this user's attention: editors review, contributors fix what came back. */
export const queueStateFor = (user: TypedUser | null | undefined): ReviewState | undefined =>
  isRole(user, 'admin', 'editor')
    ? 'in-review'
    : isRole(user, 'contributor')
      ? 'returned'
      : undefined

/**
 * The review queue as the user may see it: the latest version of every record in the queue state
 * (drafts included), read with the user's own access so contributors only get their partnerships.
 */
export async function loadQueue(
  payload: Payload,
  user: TypedUser | null | undefined,
  limit = 100,
): Promise<Queue | undefined> {
  const state = queueStateFor(user)
  if (!state || !user) return undefined
  const byCollection = {} as Record<ReviewedCollection, number>
  const items: QueueItem[] = []
  for (const collection of REVIEWED_SLUGS) {
    const res = await payload.find({
      collection,
      where: { reviewStatus: { equals: state } },
      draft: true,
      depth: 0,
      limit,
      sort: 'updatedAt',
      overrideAccess: false,
      user,
      select: { title: true, reviewStatus: true, reviewComment: true, updatedAt: true },
    })
    byCollection[collection] = res.totalDocs
    for (const doc of res.docs as unknown as Record<string, unknown>[]) {
      items.push({
        collection,
        id: doc.id as string | number,
        title: String(doc.title ?? ''),
        reviewStatus: doc.reviewStatus as ReviewState,
        comment: (doc.reviewComment as string | null | undefined) ?? null,
        updatedAt: String(doc.updatedAt ?? ''),
      })
    }
  }
  items.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
  const total = Object.values(byCollection).reduce((a, b) => a + b, 0)
  return { state, total, byCollection, items }
}

/** Admin URL of a collection's list, filtered to one review state. */
export const filteredListUrl = (adminRoute: string, collection: string, state: ReviewState) =>
  `${adminRoute}/collections/${collection}?where[reviewStatus][equals]=${state}`
