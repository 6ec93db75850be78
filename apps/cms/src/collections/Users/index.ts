import { COLLECTIONS, ROLES } from '@repo/types'
import type { CollectionConfig } from 'payload'

import { adminOrSelf } from '../../access/adminOrSelf'
import { isAdmin, isAdminField } from '../../access/isAdmin'
import { isSignedIn } from '../../access/isSignedIn'
import { firstUserIsAdmin } from './hooks/firstUserIsAdmin'

export type UsersOptions = { cookieSecure: boolean }

export const createUsers = ({ cookieSecure }: UsersOptions): CollectionConfig => ({
  slug: COLLECTIONS.users,
  labels: { singular: 'User', plural: 'Users' },
  admin: {
    group: 'Admin',
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'role', 'partnerships', 'updatedAt'],
    listSearchableFields: ['name', 'email'],
  },
  auth: {
    maxLoginAttempts: 5,
    lockTime: 15 * 60 * 1000,
    tokenExpiration: 8 * 60 * 60,
    useAPIKey: true,
    cookies: { secure: cookieSecure, sameSite: 'Lax' },
  },
  access: {
    admin: isSignedIn,
    read: adminOrSelf,
    create: isAdmin,
    update: adminOrSelf,
    delete: isAdmin,
    unlock: isAdmin,
  },
  hooks: { beforeChange: [firstUserIsAdmin] },
  fields: [
    { name: 'name', type: 'text', required: true },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'contributor',
      saveToJWT: true,
      options: ROLES.map((r) => ({ value: r, label: r[0]!.toUpperCase() + r.slice(1) })),
      access: { create: isAdminField, update: isAdminField },
      admin: {
        position: 'sidebar',
        description:
          'Admins manage users. Editors manage all content and publish. Contributors draft for their partnerships.',
      },
    },
    {
      name: 'partnerships',
      type: 'relationship',
      relationTo: COLLECTIONS.partnerships,
      hasMany: true,
      saveToJWT: true,
      access: { create: isAdminField, update: isAdminField },
      admin: {
        position: 'sidebar',
        description: 'The partnerships a contributor drafts for.',
        condition: (data) => data?.role === 'contributor',
      },
    },
  ],
})
