import { COLLECTIONS, coverageFromCount } from '@repo/types'
import type { PayloadRequest } from 'payload'

export type CoverageTrigger = { product?: string | number; reason: string }

/** Context flag for writes made by our own hooks on behalf of the system, not the user. */
export const INTERNAL = 'internal'

export const relationIds = (value: unknown): (string | number)[] =>
  (Array.isArray(value) ? value : [])
    .map((v) => (v && typeof v === 'object' && 'id' in v ? (v as { id: string | number }).id : v))
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')

/**
 * Recounts the published products that address a learning need and stores the derived coverage
 * on it. The need's own hook turns that into the effective coverage and records history.
 */
export async function recomputeCoverage(
  req: PayloadRequest,
  needId: string | number,
  trigger: CoverageTrigger,
): Promise<void> {
  const { payload } = req
  const need = await payload.findByID({
    collection: COLLECTIONS.learningNeeds,
    id: needId,
    depth: 0,
    req,
    overrideAccess: true,
    disableErrors: true,
    select: { derivedCoverage: true, publishedProductCount: true },
  })
  if (!need) return
  const { totalDocs } = await payload.count({
    collection: COLLECTIONS.knowledgeProducts,
    where: { and: [{ learningNeeds: { equals: needId } }, { _status: { equals: 'published' } }] },
    req,
    overrideAccess: true,
  })
  const derived = coverageFromCount(totalDocs)
  if (need.derivedCoverage === derived && need.publishedProductCount === totalDocs) return
  // The Local API merges `context` into the shared `req.context`; restore it afterwards so the
  // flag and the trigger do not leak into the hooks of the operation that called us.
  const outerContext = req.context
  try {
    await payload.update({
      collection: COLLECTIONS.learningNeeds,
      id: needId,
      data: { derivedCoverage: derived, publishedProductCount: totalDocs },
      depth: 0,
      req,
      overrideAccess: true,
      context: { [INTERNAL]: true, coverageTrigger: trigger },
    })
  } finally {
    req.context = outerContext
  }
}
