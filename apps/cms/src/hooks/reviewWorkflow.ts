import {
  type CollectionAfterChangeHook,
  type CollectionBeforeChangeHook,
  ValidationError,
} from 'payload'

import { isRole } from '../access/roles'
import { relationIds } from '../lib/coverage'
import { peekLiveBefore, readLive } from './liveBefore'
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

/** A user's name for the review log; without one, their role ("An editor"), never the e-mail. */
export const displayName = (user: { name?: unknown; role?: unknown }): string => {
  const name = clean(user.name)
  if (name) return name
  return user.role === 'admin' ? 'An admin' : user.role === 'editor' ? 'An editor' : 'A contributor'
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

/**
 * Appends a review event for every change of state (and for the record's creation). The state
 * before is that of the previous version, except when the write took a published record off the
 * site (unpublish or trash over a pending draft, whose previous version is that draft): then it
 * is `published`, so the takedown is on record.
 */
export const reviewAfterChange: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  req,
  collection,
  operation,
}) => {
  let from = operation === 'create' ? null : stateOf(previousDoc)
  if (operation === 'update' && from !== 'published') {
    const before = peekLiveBefore(req, collection.slug, doc.id)
    if (before?.published) {
      const live = await readLive(req, collection.slug, doc.id)
      if (live?._status !== 'published') from = 'published'
    }
  }
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
      // Contributors read this log: never fall back to the e-mail address.
      byName: user && 'role' in user ? displayName(user) : 'System',
      byRole: user && 'role' in user ? String(user.role ?? '') : 'system',
      partnerships: relationIds(Array.isArray(scopeValue) ? scopeValue : [scopeValue]) as number[],
    },
    req,
    overrideAccess: true,
    depth: 0,
  })
  return doc
}
