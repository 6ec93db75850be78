/**
 * What each export holds: the columns of the spreadsheet formats, computed from the SDK's
 * validated records. JSON and NDJSON carry the records themselves (see `schemas.ts`).
 */
import {
  cellStatus,
  LEARNING_NEED_KINDS,
  MAP_STATUS_LABEL,
  type MatrixSuggestion,
  PRIORITIES,
  PRODUCT_TYPES,
  type Id,
  type LearningNeed,
  type Matrix,
  type Product,
  type ProductRef,
  rowStatus,
} from '@repo/types'

import { type Cell, joinList } from './cells.js'

/** One column of a spreadsheet export. */
export type Column<T> = {
  /** The header cell. */
  header: string
  /** A width hint for XLSX, in characters. */
  width?: number
  value: (row: T) => Cell
}

/** What the columns need besides the record. */
export type ViewContext = {
  /** The public site, for each record's page. */
  siteUrl: string
  /** The CMS's public origin, to make file URLs absolute. */
  cmsPublicUrl: string
  /** Programme names by id (partnership refs carry the programme's id only). */
  programmes: Map<Id, string>
}

const label = (
  list: readonly { value: string; label: string }[],
  value: string | null | undefined,
) => (value ? (list.find((o) => o.value === value)?.label ?? value) : '')

/** `base` + `path`, without building a URL object per row. */
const pageUrl = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`

/** A product's link: its external URL, or its uploaded file's absolute URL. */
export function productLink(p: Product, ctx: Pick<ViewContext, 'cmsPublicUrl'>): string {
  const raw = p.externalUrl?.trim() || p.file?.url?.trim() || ''
  if (!raw || /^https?:\/\//i.test(raw)) return raw
  return new URL(raw, ctx.cmsPublicUrl).toString()
}

/** A timestamp as ISO 8601 UTC text (the CMS's own format, passed through when it is one). */
const timestamp = (iso: string | null | undefined): string => {
  if (!iso) return ''
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(iso)) return iso
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toISOString()
}

/** The product spreadsheet columns. */
export function productColumns(ctx: ViewContext): Column<Product>[] {
  return [
    { header: 'Title', width: 50, value: (p) => p.title },
    { header: 'Type', width: 16, value: (p) => label(PRODUCT_TYPES, p.type) },
    { header: 'Year', width: 8, value: (p) => p.year ?? null },
    { header: 'Summary', width: 60, value: (p) => p.summary ?? '' },
    { header: 'Themes', width: 30, value: (p) => joinList(p.themes.map((t) => t.title)) },
    {
      header: 'Partnerships',
      width: 30,
      value: (p) => joinList(p.partnerships.map((x) => x.name)),
    },
    {
      header: 'Programmes',
      width: 30,
      value: (p) =>
        joinList([
          ...new Set(
            p.partnerships.map((x) =>
              x.programme === null || x.programme === undefined
                ? undefined
                : ctx.programmes.get(x.programme),
            ),
          ),
        ]),
    },
    {
      header: 'Organisations',
      width: 30,
      value: (p) => joinList(p.organisations.map((o) => o.name)),
    },
    {
      header: 'Learning needs',
      width: 40,
      value: (p) => joinList(p.learningNeeds.map((n) => n.title)),
    },
    { header: 'Languages', width: 12, value: (p) => joinList(p.languages) },
    { header: 'Countries', width: 20, value: (p) => joinList(p.countries) },
    { header: 'Audience', width: 20, value: (p) => joinList(p.audience) },
    { header: 'Keywords', width: 30, value: (p) => joinList(p.keywords) },
    { header: 'Licence', width: 16, value: (p) => p.licence ?? '' },
    { header: 'Link', width: 40, value: (p) => productLink(p, ctx) },
    {
      header: 'Page',
      width: 40,
      value: (p) => pageUrl(ctx.siteUrl, `/products/${encodeURIComponent(p.slug)}`),
    },
    { header: 'Slug', width: 30, value: (p) => p.slug },
    { header: 'Updated', width: 20, value: (p) => timestamp(p.updatedAt) },
  ]
}

/**
 * A learning need with the published products that address it (confirmed: linked by an
 * editor) and the map's strong suggestions for it (not confirmed).
 */
export type LearningNeedExport = LearningNeed & {
  addressedBy: ProductRef[]
  suggested: MatrixSuggestion[]
}

/** The learning-need spreadsheet columns. */
export function learningNeedColumns(ctx: ViewContext): Column<LearningNeedExport>[] {
  return [
    { header: 'Title', width: 50, value: (n) => n.title },
    { header: 'Kind', width: 16, value: (n) => label(LEARNING_NEED_KINDS, n.kind) },
    { header: 'Priority', width: 10, value: (n) => label(PRIORITIES, n.priority) },
    { header: 'Coverage', width: 10, value: (n) => n.coverage ?? '' },
    { header: 'Derived coverage', width: 10, value: (n) => n.derivedCoverage ?? '' },
    { header: 'Coverage override', width: 10, value: (n) => n.coverageOverride ?? '' },
    { header: 'Override reason', width: 30, value: (n) => n.coverageOverrideReason ?? '' },
    { header: 'Products addressing it', width: 10, value: (n) => n.addressedBy.length },
    {
      header: 'Products',
      width: 60,
      value: (n) => joinList(n.addressedBy.map((p) => p.title)),
    },
    {
      header: 'Product slugs',
      width: 40,
      value: (n) => joinList(n.addressedBy.map((p) => p.slug)),
    },
    {
      header: 'Suggested products (not confirmed)',
      width: 60,
      value: (n) => joinList(n.suggested.map((p) => p.title)),
    },
    {
      header: 'Suggested product slugs (not confirmed)',
      width: 40,
      value: (n) => joinList(n.suggested.map((p) => p.slug)),
    },
    { header: 'Programme', width: 30, value: (n) => n.programme?.name ?? '' },
    { header: 'Themes', width: 30, value: (n) => joinList(n.themes.map((t) => t.title)) },
    { header: 'Raised by', width: 30, value: (n) => joinList(n.raisedBy.map((p) => p.name)) },
    { header: 'Description', width: 60, value: (n) => n.description },
    {
      header: 'Page',
      width: 40,
      value: (n) => pageUrl(ctx.siteUrl, `/learning-needs/${encodeURIComponent(n.slug)}`),
    },
    { header: 'Slug', width: 30, value: (n) => n.slug },
    { header: 'Updated', width: 20, value: (n) => timestamp(n.updatedAt) },
  ]
}

/** A row of the map export: a matrix row, or the totals. */
export type MatrixExportRow = {
  key: string
  label: string
  kind?: string
  coverage?: string
  /** Confirmed, Suggested or Gap (empty on the totals row). */
  status?: string
  total: number
  cells: Record<string, number>
  /** Suggested mode: suggested products per theme slug, and their titles. */
  suggestedCells?: Record<string, number>
  suggested?: string[]
}

/** The words the map export uses for its mode, in a column of its own on every row. */
export const MAP_MODE_LABEL = {
  confirmed: 'confirmed only',
  suggested: 'confirmed and suggested',
} as const

/** The map's rows, then a "Total" row (distinct products per theme and overall). */
export function matrixRows(matrix: Matrix): MatrixExportRow[] {
  return [
    ...matrix.rows.map((r) => ({
      key: r.key,
      label: r.label,
      kind: r.kind,
      coverage: r.coverage,
      status: MAP_STATUS_LABEL[rowStatus(r)],
      total: r.total,
      cells: r.cells,
      suggestedCells: Object.fromEntries(
        matrix.themes.map((t) => {
          const cell = cellStatus(r, t.slug)
          return [t.slug, cell.status === 'suggested' ? cell.count : 0]
        }),
      ),
      suggested: r.suggested?.products.map((p) => p.title) ?? [],
    })),
    {
      key: '',
      label: 'Total (distinct products)',
      total: matrix.totals.products,
      cells: matrix.totals.byTheme,
    },
  ]
}

/** The map's columns: the row, then one column per theme, in the map's order. */
export function matrixColumns(matrix: Matrix): Column<MatrixExportRow>[] {
  const rowHeader = matrix.axis === 'types' ? 'Product type' : 'Learning need'
  const columns: Column<MatrixExportRow>[] = [
    { header: 'Key', value: (r) => r.key },
    { header: rowHeader, value: (r) => r.label },
  ]
  if (matrix.axis === 'learning-needs') {
    columns.push(
      { header: 'Kind', value: (r) => label(LEARNING_NEED_KINDS, r.kind) },
      { header: 'Coverage', value: (r) => r.coverage ?? '' },
    )
  }
  const suggested = matrix.mode === 'suggested'
  columns.push(
    { header: 'Map mode', value: () => MAP_MODE_LABEL[matrix.mode] },
    { header: 'Status', value: (r) => r.status ?? '' },
    { header: 'Total', value: (r) => r.total },
  )
  for (const theme of matrix.themes) {
    columns.push({
      header: suggested ? `${theme.title} (confirmed)` : theme.title,
      value: (r) => r.cells[theme.slug] ?? 0,
    })
  }
  if (suggested) {
    for (const theme of matrix.themes) {
      columns.push({
        header: `${theme.title} (suggested, not confirmed)`,
        value: (r) => (r.status === undefined ? '' : (r.suggestedCells?.[theme.slug] ?? 0)),
      })
    }
    columns.push({
      header: 'Suggested products (not confirmed)',
      value: (r) => joinList(r.suggested ?? []),
    })
  }
  return columns
}
