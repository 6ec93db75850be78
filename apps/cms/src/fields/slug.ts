import { isSlug, slugify } from '@repo/types'
import type { CollectionSlug, FieldHook, TextField } from 'payload'

const MAX_ATTEMPTS = 50

/**
 * Slugs are generated from `from` on create, then kept when the title changes so that shared
 * links survive. An editor who types a slug gets it (normalised). A generated slug that is taken
 * gets a numeric suffix; a typed one that is taken fails validation on the unique index.
 */
const generateSlug =
  (from: string): FieldHook =>
  async ({ value, data, originalDoc, req, collection }) => {
    if (typeof value === 'string' && value.trim() !== '') return slugify(value)
    if (typeof originalDoc?.slug === 'string' && originalDoc.slug) return originalDoc.slug
    const source = data?.[from] ?? originalDoc?.[from]
    if (typeof source !== 'string' || source.trim() === '') return value
    const base = slugify(source)
    if (!collection) return base
    for (let n = 1; n <= MAX_ATTEMPTS; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`
      const { totalDocs } = await req.payload.count({
        collection: collection.slug as CollectionSlug,
        where: {
          and: [
            { slug: { equals: candidate } },
            ...(originalDoc?.id ? [{ id: { not_equals: originalDoc.id } }] : []),
          ],
        },
        req,
        overrideAccess: true,
      })
      if (totalDocs === 0) return candidate
    }
    return `${base}-${Date.now().toString(36)}`
  }

export const slugField = (
  from = 'title',
  overrides: Partial<Pick<TextField, 'admin' | 'label' | 'required' | 'name'>> = {},
): TextField => ({
  name: 'slug',
  type: 'text',
  label: 'Slug',
  unique: true,
  index: true,
  admin: {
    position: 'sidebar',
    description:
      'Used in links. Generated from the title and kept when the title changes; edit it only to change the URL.',
  },
  validate: (value: string | null | undefined) =>
    value == null || value === '' || isSlug(value)
      ? true
      : 'Use lower-case letters, digits and single hyphens (at most 96 characters).',
  hooks: { beforeValidate: [generateSlug(from)] },
  ...overrides,
})
