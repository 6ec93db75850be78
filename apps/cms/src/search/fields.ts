/**
 * What each searchable collection puts in the index, and the hidden `search` field that carries
 * it. A `beforeChange` hook fills the field from the record's public fields on every write, so
 * the index columns travel with the record (and its versions) through Payload's own writes:
 * SQLite's FTS5 triggers and MongoDB's text index then follow the live record by construction.
 */
import { COLLECTIONS } from '@repo/types'
import type { CollectionBeforeChangeHook, Field } from 'payload'

import { analyzeDocument, type SearchSource } from './analyze'
import type { SearchCollection } from './types'

type Doc = Record<string, unknown>

const text = (v: unknown): string[] => (typeof v === 'string' && v.trim() ? [v] : [])
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []

/**
 * The searchable text of a record, from fields anonymous REST returns: title (weighted most),
 * summary, keywords. Never editorial notes, provenance notes or proposals.
 */
export const SEARCH_SOURCES: Record<SearchCollection, (doc: Doc) => SearchSource> = {
  [COLLECTIONS.knowledgeProducts]: (d) => ({
    title: text(d.title),
    summary: text(d.summary),
    keywords: [...list(d.keywords), ...list(d.countries)],
  }),
  [COLLECTIONS.learningNeeds]: (d) => ({
    title: text(d.title),
    summary: text(d.description),
    keywords: text(d.topic),
  }),
  [COLLECTIONS.insights]: (d) => ({ title: text(d.title), summary: text(d.body), keywords: [] }),
  [COLLECTIONS.partnerships]: (d) => ({
    title: text(d.name),
    summary: [...text(d.focus), ...text(d.summary)],
    keywords: list(d.countries),
  }),
}

/** The index columns' names (SQLite: `search_<snake>`; MongoDB: `search.<name>`). */
export const SEARCH_COLUMNS = [
  'title',
  'summary',
  'keywords',
  'titleExact',
  'summaryExact',
  'keywordsExact',
] as const

/** The hidden group holding a record's analysed text (never returned by any API). */
export const searchIndexField = (): Field => ({
  name: 'search',
  type: 'group',
  hidden: true,
  // `hidden` empties the group in API answers; no read access drops the key itself.
  access: { read: () => false },
  fields: SEARCH_COLUMNS.map((name) => ({ name, type: 'textarea' as const, hidden: true })),
})

/** `beforeChange`: analyses the record as it will be saved (a PATCH carries only some fields). */
export const indexForSearch =
  (collection: SearchCollection): CollectionBeforeChangeHook =>
  ({ data, originalDoc }) => {
    const merged = { ...(originalDoc ?? {}), ...data } as Doc
    return { ...data, search: analyzeDocument(SEARCH_SOURCES[collection](merged)) }
  }
