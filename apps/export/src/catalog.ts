/** The export endpoints: one place, used by the router and by `/openapi.json`. */
import type { Format } from './formats.js'

export const VIEWS = {
  'knowledge-products': {
    formats: ['csv', 'xlsx', 'json', 'ndjson', 'ris', 'bib'],
    summary: 'Knowledge products matching the site’s /products filter',
    sheetName: 'Knowledge products',
  },
  'learning-needs': {
    formats: ['csv', 'xlsx', 'json'],
    summary: 'Learning needs with their coverage and the products that address each',
    sheetName: 'Learning needs',
  },
  map: {
    formats: ['csv', 'json'],
    summary: 'The map: product counts per theme for each learning need or product type',
    sheetName: 'Map',
  },
} as const satisfies Record<
  string,
  { formats: readonly Format[]; summary: string; sheetName: string }
>

export type View = keyof typeof VIEWS

export const isView = (v: string): v is View => Object.hasOwn(VIEWS, v)

export const viewFormats = (view: View): readonly Format[] => VIEWS[view].formats
