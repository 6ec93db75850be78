import { type CollectionBeforeChangeHook, Forbidden, ValidationError } from 'payload'

import { isRole } from '../access/roles'
import { INTERNAL } from '../lib/coverage'
import { partnershipScopeError } from '../fields/partnershipScope'

/**
 * Contributors write inside their own partnerships: this checks the partnership scope on drafts,
 * which skip validation. What a contributor may not do to live state (publish, unpublish, save
 * over a published record) is decided before the operation, from the live document, by
 * `guardLiveState`; `originalDoc` here is the latest version, which may be a newer draft.
 */
export const guardContributorWrites =
  (scopeField: string): CollectionBeforeChangeHook =>
  ({ data, originalDoc, req, collection, context }) => {
    if (context[INTERNAL] || !isRole(req.user, 'contributor')) return data
    if (data._status === 'published') throw new Forbidden(req.t)
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
