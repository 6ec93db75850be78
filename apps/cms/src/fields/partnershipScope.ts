import { COLLECTIONS } from '@repo/types'
import type { RelationshipField, TypedUser, Validate } from 'payload'
import { relationship } from 'payload/shared'

import { isRole, partnershipIdsOf } from '../access/roles'
import { INTERNAL } from '../lib/coverage'

const idOf = (v: unknown): string | number | undefined => {
  if (v && typeof v === 'object') {
    if ('value' in v) return (v as { value: string | number }).value
    if ('id' in v) return (v as { id: string | number }).id
  }
  return typeof v === 'string' || typeof v === 'number' ? v : undefined
}

/**
 * Why a contributor may not save `value` in a partnership scope field, or undefined when they
 * may (and for everyone who is not a contributor).
 */
export function partnershipScopeError(
  user: TypedUser | null | undefined,
  value: unknown,
): string | undefined {
  if (!isRole(user, 'contributor')) return undefined
  const allowed = new Set(partnershipIdsOf(user).map(String))
  const chosen = (Array.isArray(value) ? value : value == null ? [] : [value])
    .map(idOf)
    .filter((v) => v !== undefined)
  if (chosen.length === 0) return 'Choose the partnership you contribute for.'
  const foreign = chosen.filter((id) => !allowed.has(String(id)))
  return foreign.length > 0
    ? `You can only link partnerships you contribute to (not ${foreign.join(', ')}).`
    : undefined
}

const validateScope: Validate = async (value, options) =>
  (options.req.context?.[INTERNAL] ? undefined : partnershipScopeError(options.req.user, value)) ??
  relationship(value as never, options as never)

/**
 * A relationship to partnerships that scopes contributors' writes: the picker lists only their
 * own partnerships, and validation rejects any other. (Drafts skip field validation, so the
 * collection's `guardContributorWrites` hook applies the same rule to them.)
 */
export const partnershipScopeField = (
  overrides: Partial<RelationshipField> & { name: string },
): RelationshipField =>
  ({
    type: 'relationship',
    relationTo: COLLECTIONS.partnerships,
    hasMany: true,
    index: true,
    filterOptions: ({ req }) =>
      isRole(req.user, 'contributor') ? { id: { in: partnershipIdsOf(req.user) } } : true,
    validate: validateScope,
    ...overrides,
  }) as RelationshipField
