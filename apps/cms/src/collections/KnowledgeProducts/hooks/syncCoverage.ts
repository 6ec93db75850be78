import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { recomputeCoverage, relationIds } from '../../../lib/coverage'

/** After a product changes, recompute the coverage of every need it addresses or addressed. */
export const syncCoverageAfterChange: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  req,
  operation,
}) => {
  const ids = new Set([
    ...relationIds(previousDoc?.learningNeeds),
    ...relationIds(doc.learningNeeds),
  ])
  const reason =
    operation === 'create'
      ? `Product “${doc.title}” was added`
      : doc._status === 'published'
        ? `Product “${doc.title}” was published or changed`
        : `Product “${doc.title}” was unpublished or changed`
  for (const id of ids) await recomputeCoverage(req, id, { product: doc.id, reason })
  return doc
}

export const syncCoverageAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  for (const id of relationIds(doc.learningNeeds)) {
    await recomputeCoverage(req, id, { reason: `Product “${doc.title}” was deleted` })
  }
  return doc
}
