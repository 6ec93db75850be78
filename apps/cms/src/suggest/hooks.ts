import { COLLECTIONS } from '@repo/types'
import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeDeleteHook,
} from 'payload'

import { isVisible, peekLiveBefore, readLive } from '../hooks/liveBefore'
import { SUGGESTION_DECISIONS } from './decisions'
import { queueSuggestionRecompute, SUGGESTED_COVERAGE } from './snapshot'

/**
 * `afterChange` of products and needs, before `revalidateSiteAfterChange` (which takes the live
 * snapshot): a change of the live record the public sees (a publish, an edit of a published
 * record, an unpublish, a trash; not a draft save) queues a recompute in the same transaction.
 */
export const queueSuggestionsAfterChange: CollectionAfterChangeHook = async ({
  collection,
  doc,
  operation,
  req,
}) => {
  const before = operation === 'update' ? peekLiveBefore(req, collection.slug, doc.id) : undefined
  const after = await readLive(req, collection.slug, doc.id)
  const wasVisible = before?.visible ?? false
  const isNowVisible = isVisible(after)
  const liveChanged = before?.updatedAt !== ((after?.updatedAt as string | undefined) ?? null)
  if ((wasVisible || isNowVisible) && (wasVisible !== isNowVisible || liveChanged)) {
    await queueSuggestionRecompute(req.payload, `${collection.slug} ${String(doc.id)} changed`, req)
  }
  return doc
}

export const queueSuggestionsAfterDelete: CollectionAfterDeleteHook = async ({
  collection,
  doc,
  req,
}) => {
  await queueSuggestionRecompute(req.payload, `${collection.slug} ${String(doc.id)} deleted`, req)
  return doc
}

/**
 * `beforeDelete` of products and needs: a record deleted for good takes its suggestion
 * decisions and stored suggestions with it (they reference it and cannot be left pointing at
 * nothing), in the delete's transaction.
 */
export const forgetSuggestionsBeforeDelete: CollectionBeforeDeleteHook = async ({
  collection,
  id,
  req,
}) => {
  const side = collection.slug === COLLECTIONS.learningNeeds ? 'need' : 'product'
  await req.payload.delete({
    collection: SUGGESTION_DECISIONS,
    where: { [side]: { equals: id } },
    overrideAccess: true,
    req,
  })
  if (side === 'need') {
    await req.payload.delete({
      collection: SUGGESTED_COVERAGE,
      where: { need: { equals: id } },
      overrideAccess: true,
      req,
    })
  }
}
