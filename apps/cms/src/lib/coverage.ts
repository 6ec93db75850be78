import { randomBytes } from 'node:crypto'

import { type Coverage, COLLECTIONS, coverageFromCount } from '@repo/types'
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
  // The main document is what the public reads; the latest version may be a newer draft.
  const need = await payload.findByID({
    collection: COLLECTIONS.learningNeeds,
    id: needId,
    depth: 0,
    req,
    overrideAccess: true,
    disableErrors: true,
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
  const data = { derivedCoverage: derived, publishedProductCount: totalDocs }
  const context = { [INTERNAL]: true, coverageTrigger: trigger }
  try {
    const latest =
      need._status === 'published'
        ? await payload.findByID({
            collection: COLLECTIONS.learningNeeds,
            id: needId,
            draft: true,
            depth: 0,
            req,
            overrideAccess: true,
            select: { _status: true },
          })
        : undefined
    if (latest?._status === 'draft') {
      // Unpublished edits are pending. A normal update would start from them and publish them,
      // so write the coverage straight onto the live document, then into the draft as a draft.
      const userId = req.user && 'role' in req.user ? req.user.id : null
      const patch = nextCoverageState({ ...data }, need, { trusted: true, trigger, userId })
      await payload.db.updateOne({
        collection: COLLECTIONS.learningNeeds,
        id: needId,
        data: patch,
        req,
      })
      await payload.update({
        collection: COLLECTIONS.learningNeeds,
        id: needId,
        data,
        draft: true,
        depth: 0,
        req,
        overrideAccess: true,
        context,
      })
    } else {
      await payload.update({
        collection: COLLECTIONS.learningNeeds,
        id: needId,
        data,
        depth: 0,
        req,
        overrideAccess: true,
        context,
      })
    }
  } finally {
    req.context = outerContext
  }
}

type Doc = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Fills `data` with the coverage fields that follow from it and from `originalDoc`: the derived
 * values (taken from `data` only when `trusted`), the effective coverage, and the history with a
 * new entry when the effective coverage changes.
 */
export function nextCoverageState(
  data: Doc,
  originalDoc: Doc | undefined,
  options: { trusted: boolean; trigger?: CoverageTrigger; userId: string | number | null },
): Doc {
  const { trusted, trigger } = options
  const derived = ((trusted ? data.derivedCoverage : undefined) ??
    originalDoc?.derivedCoverage ??
    'open') as Coverage
  data.derivedCoverage = derived
  data.publishedProductCount =
    (trusted ? data.publishedProductCount : undefined) ?? originalDoc?.publishedProductCount ?? 0

  const override = (
    'coverageOverride' in data ? data.coverageOverride : originalDoc?.coverageOverride
  ) as Coverage | null | undefined
  const next: Coverage = override || derived
  const previous = (originalDoc?.coverage ?? null) as Coverage | null
  const history = Array.isArray(originalDoc?.coverageHistory) ? originalDoc.coverageHistory : []
  data.coverage = next
  data.coverageHistory = history
  if (previous === next) return data

  const overrideChanged = (override ?? null) !== (originalDoc?.coverageOverride ?? null)
  const overrideReason = String(
    data.coverageOverrideReason ?? originalDoc?.coverageOverrideReason ?? '',
  ).trim()
  const reason =
    trigger?.reason ??
    (overrideChanged && override
      ? `Editor override: ${overrideReason}`
      : overrideChanged
        ? 'Editor override removed; coverage follows the linked products again'
        : previous === null
          ? 'Need recorded'
          : 'Derived from linked products')
  data.coverageHistory = [
    ...history,
    {
      // Array rows carry an ObjectId-shaped id; Payload adds one on normal saves, but the
      // direct write in recomputeCoverage skips that step.
      id: randomBytes(12).toString('hex'),
      from: previous,
      to: next,
      at: new Date().toISOString(),
      reason,
      product: trigger?.product ?? null,
      changedBy: options.userId,
    },
  ]
  return data
}
