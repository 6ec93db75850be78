import type { CollectionConfig } from 'payload'

/**
 * Compound indexes for public listings (both adapters). Every public read filters on
 * `_status = 'published'` and `deletedAt IS NULL` (access control and trash), then sorts; with
 * these, SQLite answers a page from the index in sort order (the SDK's id tie-breaker runs in the
 * sort's direction, and the row id ends every SQLite index), counts from a covering index, and
 * MongoDB does the same with IXSCAN. The single-field indexes on the filtered fields (`index:
 * true`) serve the filters; the rels and texts tables get theirs in the migration
 * `20261129_091243_list_indexes` (Payload cannot declare indexes on those tables).
 */
export const publishedListIndexes = (
  sortFields: string[],
): NonNullable<CollectionConfig['indexes']> => [
  { fields: ['_status', 'deletedAt'] },
  ...sortFields.map((field) => ({ fields: ['_status', 'deletedAt', field] })),
]
