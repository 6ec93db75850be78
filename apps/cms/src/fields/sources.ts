import type { ArrayField } from 'payload'

export const isHttpUrl = (value: unknown): boolean => {
  if (typeof value !== 'string') return false
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

/** Validation for an optional http(s) URL field. */
export const validateUrl = (value: string | null | undefined): true | string =>
  value == null || value === '' || isHttpUrl(value) ? true : 'Enter a full http(s) URL.'

/** Where a fact was read: every seeded record keeps its public source. */
export const sourcesField = (overrides: Partial<ArrayField> = {}): ArrayField => ({
  name: 'sources',
  type: 'array',
  labels: { singular: 'Source', plural: 'Sources' },
  admin: {
    description: 'Public pages the facts in this record were read from.',
    initCollapsed: true,
  },
  fields: [
    { name: 'url', type: 'text', required: true, validate: validateUrl },
    { name: 'label', type: 'text' },
  ],
  ...overrides,
})
