import { CHANGE_KINDS, COVERAGE } from '@repo/types'
import type { CollectionConfig } from 'payload'

import { nobody } from '../access/nobody'
import { MAP_CHANGES } from '../changes/slugs'

const coverage = COVERAGE.map((c) => ({ ...c }))

/**
 * The map's changelog, kept as changes happen (changes/store): one entry per public change,
 * written in the transaction of the write that made it. Never public through Payload's REST:
 * `/api/changes` reads it and names only what is public now (changes/log).
 */
export const MapChanges: CollectionConfig = {
  slug: MAP_CHANGES,
  labels: { singular: 'Map change', plural: 'Map changes' },
  admin: { hidden: true, useAsTitle: 'eventId' },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  // The listing: public entries newest first (`seq` is `at|eventId`, the order of the log).
  indexes: [{ fields: ['listed', 'seq'] }, { fields: ['recordCollection', 'recordId'] }],
  fields: [
    // The stable public id of the change (derive.ts).
    { name: 'eventId', type: 'text', required: true, unique: true },
    { name: 'seq', type: 'text', required: true },
    { name: 'kind', type: 'select', required: true, options: CHANGE_KINDS.map((k) => ({ ...k })) },
    { name: 'recordCollection', type: 'text', required: true },
    { name: 'recordId', type: 'text', required: true },
    { name: 'at', type: 'date', required: true, index: true },
    /** The record's title in the version the change made; empty: its current title. */
    { name: 'title', type: 'text' },
    /** Whether `/api/changes` lists it: its record is on the map now, or it is a takedown. */
    { name: 'listed', type: 'checkbox', required: true, defaultValue: false },
    { name: 'fields', type: 'text', hasMany: true },
    { name: 'themes', type: 'text', hasMany: true, index: true },
    { name: 'relatedCollection', type: 'text' },
    { name: 'relatedId', type: 'text' },
    { name: 'coverageFrom', type: 'select', options: coverage },
    { name: 'coverageTo', type: 'select', options: coverage },
    { name: 'reason', type: 'text' },
    /** The map cells the change dates (derive.ts `cellKey`). */
    { name: 'cells', type: 'text', hasMany: true, index: true },
  ],
}
