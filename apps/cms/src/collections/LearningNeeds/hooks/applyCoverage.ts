import type { CollectionBeforeChangeHook } from 'payload'

import { type CoverageTrigger, INTERNAL, nextCoverageState } from '../../../lib/coverage'

/**
 * The effective coverage is the editor's override when there is one, else the coverage derived
 * from linked published products. Every change of it is appended to the history, with why and,
 * when a product triggered it, which. The derived values and the history are only ever written
 * here and by `recomputeCoverage`: whatever a client submits for them is discarded.
 */
export const applyCoverage: CollectionBeforeChangeHook = ({ data, originalDoc, req, context }) =>
  nextCoverageState(data, originalDoc, {
    trusted: Boolean(context[INTERNAL]),
    trigger: context.coverageTrigger as CoverageTrigger | undefined,
    userId: req.user && 'role' in req.user ? req.user.id : null,
  })
