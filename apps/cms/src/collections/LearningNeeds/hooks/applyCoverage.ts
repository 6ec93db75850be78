import type { Coverage } from '@repo/types'
import type { CollectionBeforeChangeHook } from 'payload'

import { type CoverageTrigger, INTERNAL } from '../../../lib/coverage'

/**
 * The effective coverage is the editor's override when there is one, else the coverage derived
 * from linked published products. Every change of it is appended to the history, with why and,
 * when a product triggered it, which. The derived values and the history are only ever written
 * here and by `recomputeCoverage`: whatever a client submits for them is discarded.
 */
export const applyCoverage: CollectionBeforeChangeHook = ({ data, originalDoc, req, context }) => {
  const trusted = Boolean(context[INTERNAL])
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

  const trigger = context.coverageTrigger as CoverageTrigger | undefined
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
      from: previous,
      to: next,
      at: new Date().toISOString(),
      reason,
      product: trigger?.product ?? null,
      changedBy: req.user && 'role' in req.user ? req.user.id : null,
    },
  ]
  return data
}
