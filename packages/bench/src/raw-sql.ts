/**
 * The raw-driver side of "Payload ÷ raw": the same product listing a hand-written data layer
 * would run with the SQLite driver directly, with the same filter semantics as
 * `toPayloadWhere` (published only, relations by slug, every word of `q` in the title or the
 * summary), the same order and page, and the same fields and populated relations in the answer.
 */
import type { ProductFilter } from '@repo/types'

export type Value = string | number | null
export type Clause = { sql: string; args: Value[] }

const marks = (list: readonly unknown[]) => list.map(() => '?').join(', ')

/** The WHERE of a product filter over `knowledge_products kp`. */
export function whereSql(filter: ProductFilter): Clause {
  const parts = [`kp._status = 'published'`, `kp.deleted_at IS NULL`]
  const args: Value[] = []
  if (filter.q) {
    const words = filter.q.split(/\s+/).filter(Boolean)
    const all = (column: string) => words.map(() => `kp.${column} LIKE ?`).join(' AND ')
    parts.push(`((${all('title')}) OR (${all('summary')}))`)
    for (const w of [...words, ...words]) args.push(`%${w}%`)
  }
  const rel = (path: string, column: string, ids: string, values: readonly string[]) => {
    parts.push(
      `EXISTS (SELECT 1 FROM knowledge_products_rels r WHERE r.parent_id = kp.id AND r.path = '${path}' AND r.${column} IN (${ids}))`,
    )
    args.push(...values)
  }
  if (filter.themes.length > 0) {
    rel(
      'themes',
      'themes_id',
      `SELECT id FROM themes WHERE slug IN (${marks(filter.themes)})`,
      filter.themes,
    )
  }
  if (filter.partnerships.length > 0) {
    rel(
      'partnerships',
      'partnerships_id',
      `SELECT id FROM partnerships WHERE slug IN (${marks(filter.partnerships)})`,
      filter.partnerships,
    )
  }
  if (filter.programmes.length > 0) {
    rel(
      'partnerships',
      'partnerships_id',
      `SELECT p.id FROM partnerships p JOIN programmes g ON g.id = p.programme_id WHERE g.slug IN (${marks(filter.programmes)})`,
      filter.programmes,
    )
  }
  if (filter.learningNeeds.length > 0) {
    rel(
      'learningNeeds',
      'learning_needs_id',
      `SELECT id FROM learning_needs WHERE slug IN (${marks(filter.learningNeeds)})`,
      filter.learningNeeds,
    )
  }
  if (filter.types.length > 0) {
    parts.push(`kp.type IN (${marks(filter.types)})`)
    args.push(...filter.types)
  }
  if (filter.yearFrom !== undefined) {
    parts.push('kp.year >= ?')
    args.push(filter.yearFrom)
  }
  if (filter.yearTo !== undefined) {
    parts.push('kp.year <= ?')
    args.push(filter.yearTo)
  }
  if (filter.languages.length > 0) {
    parts.push(
      `EXISTS (SELECT 1 FROM knowledge_products_languages l WHERE l.parent_id = kp.id AND l.value IN (${marks(filter.languages)}))`,
    )
    args.push(...filter.languages)
  }
  if (filter.countries.length > 0) {
    parts.push(
      `EXISTS (SELECT 1 FROM knowledge_products_texts t WHERE t.parent_id = kp.id AND t.path = 'countries' AND t.text IN (${marks(filter.countries)}))`,
    )
    args.push(...filter.countries)
  }
  return { sql: parts.join(' AND '), args }
}

const SORT_COLUMN: Record<string, string> = {
  year: 'kp.year',
  title: 'kp.title',
  updatedAt: 'kp.updated_at',
}

/** ORDER BY for a filter's sort, with the id tie-breaker in the same direction (as the SDK). */
export function orderSql(sort: string): string {
  const desc = sort.startsWith('-')
  const column = SORT_COLUMN[desc ? sort.slice(1) : sort] ?? 'kp.id'
  const dir = desc ? 'DESC' : 'ASC'
  return `${column} ${dir}, kp.id ${dir}`
}

/** The statements of one listing page: count, page, then the page's child rows and refs. */
export function listingSql(filter: ProductFilter) {
  const where = whereSql(filter)
  return {
    count: {
      sql: `SELECT count(*) AS n FROM knowledge_products kp WHERE ${where.sql}`,
      args: where.args,
    },
    page: {
      sql: `SELECT kp.id, kp.title, kp.slug, kp.summary, kp.type, kp.year, kp.external_url, kp.licence, kp.updated_at, kp.created_at FROM knowledge_products kp WHERE ${where.sql} ORDER BY ${orderSql(filter.sort)} LIMIT ? OFFSET ?`,
      args: [...where.args, filter.limit, (filter.page - 1) * filter.limit],
    },
  }
}

/** Child rows and related records for a page of product ids. */
export function hydrateSql(ids: number[]) {
  const m = marks(ids)
  return {
    rels: `SELECT parent_id, path, partnerships_id, themes_id, organisations_id, learning_needs_id FROM knowledge_products_rels WHERE parent_id IN (${m}) ORDER BY parent_id, path, "order"`,
    texts: `SELECT parent_id, path, text FROM knowledge_products_texts WHERE parent_id IN (${m}) ORDER BY parent_id, path, "order"`,
    languages: `SELECT parent_id, value FROM knowledge_products_languages WHERE parent_id IN (${m}) ORDER BY parent_id, "order"`,
    audience: `SELECT parent_id, value FROM knowledge_products_audience WHERE parent_id IN (${m}) ORDER BY parent_id, "order"`,
  }
}

export const REF_SQL = {
  themes: (m: string) =>
    `SELECT id, title, slug, short_title, "order", colour FROM themes WHERE id IN (${m})`,
  partnerships: (m: string) =>
    `SELECT id, name, slug, programme_id FROM partnerships WHERE id IN (${m})`,
  organisations: (m: string) =>
    `SELECT id, name, slug, country FROM organisations WHERE id IN (${m})`,
  learningNeeds: (m: string) =>
    `SELECT id, title, slug, kind, coverage FROM learning_needs WHERE id IN (${m}) AND _status = 'published' AND deleted_at IS NULL`,
}
