import type { DateField, FieldHook } from 'payload'

/**
 * Derived on every save, whatever was sent: kept once set, else the moment of this write when it
 * publishes. Only a write can make it, so nobody backdates a record into an older dated view.
 */
const stampFirstPublished: FieldHook = ({ data, originalDoc }) => {
  const kept = (originalDoc as { firstPublishedAt?: string | null } | undefined)?.firstPublishedAt
  if (kept) return kept
  return (data as { _status?: string } | undefined)?._status === 'published'
    ? new Date().toISOString()
    : null
}

/** When the record first went on the map: what dated views (`asOf`) leave out records by. */
export const firstPublishedField = (): DateField => ({
  name: 'firstPublishedAt',
  type: 'date',
  label: 'First published',
  index: true,
  admin: {
    position: 'sidebar',
    readOnly: true,
    date: { pickerAppearance: 'dayAndTime' },
    description: 'Set when the record is first published; dated views of the map go by it.',
  },
  hooks: { beforeChange: [stampFirstPublished] },
})
