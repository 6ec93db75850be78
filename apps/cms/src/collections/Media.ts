import { COLLECTIONS } from '@repo/types'
import type { CollectionConfig } from 'payload'

import { isSignedIn } from '../access/isSignedIn'
import { isStaff } from '../access/isStaff'
import { mediaRead } from '../access/mediaRead'

/**
 * Payload sniffs the bytes of every upload against `mimeTypes` (not just the extension), so a
 * renamed executable or HTML page is refused with a validation error on `file`.
 */
export const ACCEPTED_MIME_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'image/avif',
]

export type MediaOptions = { staticDir: string }

export const createMedia = ({ staticDir }: MediaOptions): CollectionConfig => ({
  slug: COLLECTIONS.media,
  labels: { singular: 'File', plural: 'Files' },
  admin: {
    group: 'Content',
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'title', 'mimeType', 'filesize', 'updatedAt'],
    listSearchableFields: ['filename', 'title', 'alt'],
    description: 'PDFs and images only.',
  },
  access: { read: mediaRead, create: isSignedIn, update: isStaff, delete: isStaff },
  upload: {
    mimeTypes: ACCEPTED_MIME_TYPES,
    staticDir,
    allowRestrictedFileTypes: false,
    imageSizes: [{ name: 'thumbnail', width: 480, withoutEnlargement: true }],
    adminThumbnail: 'thumbnail',
  },
  fields: [
    { name: 'title', type: 'text' },
    {
      name: 'alt',
      type: 'text',
      label: 'Alternative text',
      admin: { description: 'Required for images: what the image shows, for screen readers.' },
      validate: (
        value: string | null | undefined,
        { siblingData }: { siblingData: { mimeType?: string } },
      ) =>
        siblingData.mimeType?.startsWith('image/') && !value?.trim()
          ? 'Describe the image for people who cannot see it.'
          : true,
    },
    { name: 'licence', type: 'text' },
    { name: 'credit', type: 'text' },
  ],
})
