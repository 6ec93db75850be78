import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { peekLiveBefore } from '../../../hooks/liveBefore'
import { recomputeCoverage, relationIds } from '../../../lib/coverage'

/**
 * After a product changes, recount every need it may have changed: those its live document
 * linked before the write, those of the previous version (Payload's `previousDoc`, which may be
 * a draft) and those it links now. A need dropped by a draft that is then published is linked
 * only by the old live document, so the live snapshot is what catches it.
 */
export const syncCoverageAfterChange: CollectionAfterChangeHook = async ({
  collection,
  doc,
  previousDoc,
  req,
  operation,
}) => {
  const liveBefore =
    operation === 'update' ? peekLiveBefore(req, collection.slug, doc.id) : undefined
  const ids = new Map(
    [
      ...relationIds(liveBefore?.learningNeeds),
      ...relationIds(previousDoc?.learningNeeds),
      ...relationIds(doc.learningNeeds),
    ].map((id) => [String(id), id]),
  )
  const reason =
    operation === 'create'
      ? `Product “${doc.title}” was added`
      : doc._status === 'published'
        ? `Product “${doc.title}” was published or changed`
        : `Product “${doc.title}” was unpublished or changed`
  // An editor accepting a suggestion says so in the need's history, with the suggestion's why.
  const accepted = req.context?.acceptedSuggestion as { need: string; reason: string } | undefined
  for (const id of ids.values()) {
    const why = accepted && accepted.need === String(id) ? accepted.reason : reason
    await recomputeCoverage(req, id, { product: doc.id, reason: why })
  }
  return doc
}

export const syncCoverageAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  for (const id of relationIds(doc.learningNeeds)) {
    await recomputeCoverage(req, id, { reason: `Product “${doc.title}” was deleted` })
  }
  return doc
}
