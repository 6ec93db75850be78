import { coverageFromCount } from '@repo/types'
import type { CollectionBeforeChangeHook } from 'payload'

import { type CoverageTrigger, liveProductCount, nextCoverageState } from '../../../lib/coverage'

/**
 * The effective coverage is the editor's override when there is one, else the coverage derived
 * from the live products that link the need, recounted on every save of the need (so publishing
 * an old draft never brings back an old count). Every change of it is appended to the history,
 * with why and, when a product triggered it, which. Whatever a client submits for the derived
 * values and the history is discarded.
 */
export const applyCoverage: CollectionBeforeChangeHook = async ({
  data,
  originalDoc,
  req,
  context,
  operation,
}) => {
  const id = originalDoc?.id as string | number | undefined
  const count = operation === 'update' && id !== undefined ? await liveProductCount(req, id) : 0
  return nextCoverageState(
    { ...data, derivedCoverage: coverageFromCount(count), publishedProductCount: count },
    originalDoc,
    {
      trusted: true,
      trigger: context.coverageTrigger as CoverageTrigger | undefined,
      userId: req.user && 'role' in req.user ? req.user.id : null,
    },
  )
}
