import { CONFIDENCE } from '@repo/types'
import type { Field } from 'payload'

/**
 * How the record's facts are known. Seeded records carry the facts file's `confidence`; an
 * inferred fact is shown as such in the admin and on the site, with the note that says why.
 */
export const provenanceFields = (): Field[] => [
  {
    name: 'confidence',
    type: 'select',
    options: CONFIDENCE.map((c) => ({ ...c })),
    admin: {
      position: 'sidebar',
      description:
        'Whether the sources state these facts, or they were inferred from context (shown as such on the site).',
    },
  },
  {
    name: 'provenanceNote',
    type: 'textarea',
    label: 'What was inferred',
    admin: {
      position: 'sidebar',
      condition: (data) => data?.confidence === 'inferred' || Boolean(data?.provenanceNote),
    },
  },
]

/** What a reader should know about how the record was put together (e.g. editorial themes). */
export const editorialNoteField = (): Field => ({
  name: 'editorialNote',
  type: 'textarea',
  admin: {
    description:
      'Anything a reader should know about how this record was put together (e.g. themes assigned editorially).',
  },
})
