import { COLLECTIONS } from '@repo/types'
import type { CollectionAfterChangeHook } from 'payload'

import { isRole } from '../../../access/roles'
import { relationIds } from '../../../lib/coverage'

/**
 * Links products to a need from the need's side. `linkProducts` is a virtual field (never stored):
 * each product picked in it gets this need added to its own `learningNeeds`, which is where the
 * link lives, so the need's `addressedBy` join and its coverage follow as if the editor had
 * linked from the product. A product whose latest version is published is re-saved published
 * (its content unchanged); one with unpublished changes gets the link in its draft, so linking
 * never publishes somebody's pending edits.
 */
export const linkProductsFromNeed: CollectionAfterChangeHook = async ({ data, doc, req }) => {
  const ids = relationIds(data?.linkProducts)
  if (ids.length === 0) return doc
  // Field access already strips the field for contributors over the API; belt and braces.
  if (req.user && !isRole(req.user, 'admin', 'editor')) return doc
  const { payload } = req
  for (const id of ids) {
    const product = await payload.findByID({
      collection: COLLECTIONS.knowledgeProducts,
      id,
      draft: true,
      depth: 0,
      req,
      overrideAccess: true,
      disableErrors: true,
      select: { learningNeeds: true, _status: true },
    })
    if (!product) continue
    const current = relationIds(product.learningNeeds)
    if (current.some((n) => String(n) === String(doc.id))) continue
    const live = product._status === 'published'
    await payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id,
      data: {
        learningNeeds: [...current, doc.id] as number[],
        ...(live ? { _status: 'published' as const } : {}),
      },
      draft: !live,
      depth: 0,
      req,
      user: req.user,
      overrideAccess: true,
    })
  }
  // The products' hooks recomputed this need's coverage; return the stored values, not stale ones.
  const fresh = await payload.findByID({
    collection: COLLECTIONS.learningNeeds,
    id: doc.id,
    draft: true,
    depth: 0,
    req,
    overrideAccess: true,
    select: {
      coverage: true,
      derivedCoverage: true,
      publishedProductCount: true,
      coverageHistory: true,
    },
  })
  return { ...doc, ...fresh, linkProducts: [] }
}
