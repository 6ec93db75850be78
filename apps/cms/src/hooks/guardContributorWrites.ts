import { type CollectionBeforeChangeHook, Forbidden, ValidationError } from 'payload'

import { isRole } from '../access/roles'
import { INTERNAL } from '../lib/coverage'
import { partnershipScopeError } from '../fields/partnershipScope'

/**
 * Contributors write drafts only, inside their own partnerships. Access control already refuses
 * `_status: 'published'`; this also refuses a non-draft save over a published record (which would
 * change the live version) and checks the partnership scope on drafts, which skip validation.
 */
export const guardContributorWrites =
  (scopeField: string): CollectionBeforeChangeHook =>
  ({ data, originalDoc, req, collection, context }) => {
    if (context[INTERNAL] || !isRole(req.user, 'contributor')) return data
    if (data._status === 'published') throw new Forbidden(req.t)
    if (originalDoc?._status === 'published' && data._status !== 'draft') throw new Forbidden(req.t)
    const value = scopeField in data ? data[scopeField] : originalDoc?.[scopeField]
    const message = partnershipScopeError(req.user, value)
    if (message) {
      throw new ValidationError({
        collection: collection.slug,
        errors: [{ message, path: scopeField }],
        req,
      })
    }
    return data
  }
