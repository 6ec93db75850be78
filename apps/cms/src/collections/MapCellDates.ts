import { MATRIX_AXES } from '@repo/types'
import type { CollectionConfig } from 'payload'

import { nobody } from '../access/nobody'
import { MAP_CELL_DATES } from '../changes/slugs'

/**
 * When each cell of the map last changed: the newest change in the log that dates it, kept in
 * the same transaction as the log (changes/store) so `/api/changes/cells` reads one row a cell.
 */
export const MapCellDates: CollectionConfig = {
  slug: MAP_CELL_DATES,
  labels: { singular: 'Map cell date', plural: 'Map cell dates' },
  admin: { hidden: true, useAsTitle: 'key' },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'key', type: 'text', required: true, unique: true },
    { name: 'axis', type: 'select', required: true, index: true, options: [...MATRIX_AXES] },
    /** A need's id or a product type. */
    { name: 'row', type: 'text', required: true },
    /** A theme's id; empty for a need row's own date. */
    { name: 'theme', type: 'text' },
    { name: 'at', type: 'date', required: true },
  ],
}
