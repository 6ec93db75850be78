import type { Role } from '@repo/types'
import type { TypedUser } from 'payload'

type MaybeUser = TypedUser | null | undefined

/** The signed-in user's role, or undefined for anonymous requests and non-staff auth collections. */
export const roleOf = (user: MaybeUser): Role | undefined =>
  user && 'role' in user ? (user.role as Role | undefined) : undefined

export const isRole = (user: MaybeUser, ...roles: Role[]): boolean => {
  const role = roleOf(user)
  return role !== undefined && roles.includes(role)
}

/** IDs of the partnerships a contributor may edit for, whatever depth the user was read at. */
export const partnershipIdsOf = (user: MaybeUser): (string | number)[] => {
  if (!user || !('partnerships' in user) || !Array.isArray(user.partnerships)) return []
  return user.partnerships.map((p: unknown) =>
    p && typeof p === 'object' && 'id' in p
      ? (p as { id: string | number }).id
      : (p as string | number),
  )
}

/** True when a write would publish: `_status: 'published'` in the submitted data. */
export const isPublishing = (data: unknown): boolean =>
  Boolean(
    data && typeof data === 'object' && (data as { _status?: unknown })._status === 'published',
  )
