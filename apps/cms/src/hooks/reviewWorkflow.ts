import {
  type CollectionAfterChangeHook,
  type CollectionBeforeChangeHook,
  ValidationError,
} from 'payload'

import { isRole } from '../access/roles'
import { relationIds } from '../lib/coverage'
import {
  CONTRIBUTOR_STATES,
  REVIEW_EVENTS,
  REVIEWED_COLLECTIONS,
  type ReviewedCollection,
  type ReviewState,
} from '../review/states'

const isState = (v: unknown): v is ReviewState =>
  v === 'draft' || v === 'in-review' || v === 'returned' || v === 'published'

/** The state a stored record is in (records saved before the workflow existed have none). */
const stateOf = (doc: Record<string, unknown> | undefined): ReviewState | null => {
  if (!doc) return null
  if (isState(doc.reviewStatus)) return doc.reviewStatus
  return doc._status === 'published' ? 'published' : 'draft'
}

const clean = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : null

/**
 * Decides the review state a save leads to and enforces who may take which step:
 * - publishing (`_status: 'published'`, staff only by access control) always means `published`;
 * - a draft save never keeps `published` (a pending change over the live version is a `draft`);
 * - contributors may only move to `draft` or `in-review`; returning needs a comment.
 * The comment submitted with a step belongs to that step; a step without a new comment clears it.
 */
export const reviewBeforeChange: CollectionBeforeChangeHook = ({
  data,
  originalDoc,
  req,
  collection,
}) => {
  const previous = stateOf(originalDoc)
  const status = data._status ?? originalDoc?._status ?? 'draft'
  let next: ReviewState
  if (status === 'published') next = 'published'
  else {
    const requested = isState(data.reviewStatus) ? data.reviewStatus : (previous ?? 'draft')
    next = requested === 'published' ? 'draft' : requested
  }
  const fail = (path: string, message: string) => {
    throw new ValidationError({ collection: collection.slug, errors: [{ message, path }], req })
  }
  if (isRole(req.user, 'contributor') && next !== previous && !CONTRIBUTOR_STATES.includes(next)) {
    fail(
      'reviewStatus',
      'Contributors mark a record “Ready for review”; only an editor returns or publishes it.',
    )
  }
  data.reviewStatus = next
  if (next !== previous) {
    const submitted = 'reviewComment' in data ? clean(data.reviewComment) : null
    const fresh = submitted !== clean(originalDoc?.reviewComment) ? submitted : null
    if (next === 'returned' && !fresh) {
      fail(
        'reviewComment',
        'Say what needs to change before returning the record: the contributor reads this comment.',
      )
    }
    data.reviewComment = fresh
  }
  return data
}

/** Appends a review event for every change of state (and for the record's creation). */
export const reviewAfterChange: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  req,
  collection,
  operation,
}) => {
  const from = operation === 'create' ? null : stateOf(previousDoc)
  const to = stateOf(doc)
  if (operation !== 'create' && from === to) return doc
  const slug = collection.slug as ReviewedCollection
  const { scope, title } = REVIEWED_COLLECTIONS[slug]
  const user = req.user
  const scopeValue = doc[scope]
  await req.payload.create({
    collection: REVIEW_EVENTS,
    data: {
      record: { relationTo: slug, value: doc.id },
      recordTitle: String(doc[title] ?? ''),
      from,
      to: to ?? 'draft',
      comment: clean(doc.reviewComment),
      at: new Date().toISOString(),
      by: user && 'role' in user ? user.id : null,
      byName: user && 'name' in user ? String(user.name ?? user.email ?? '') : 'System',
      byRole: user && 'role' in user ? String(user.role ?? '') : 'system',
      partnerships: relationIds(Array.isArray(scopeValue) ? scopeValue : [scopeValue]) as number[],
    },
    req,
    overrideAccess: true,
    depth: 0,
  })
  return doc
}
