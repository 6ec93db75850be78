/**
 * The map's and the facets' counts as SQL aggregates on SQLite. Payload's `find` would hydrate
 * every matching product (up to 100k documents, each with its relationship subqueries) to count
 * them in JavaScript: 8–12 s at 100k products. Here the database counts, from the indexes on the
 * rels/texts tables (migration `…_list_indexes`), and only the counts cross into JavaScript.
 *
 * The semantics are the endpoints' own: published, not trashed products; a product counts once
 * per distinct value it carries (`count(DISTINCT parent_id)`).
 */
import type { ProductFilter } from '@repo/types'
import type { Payload } from 'payload'

type Value = string | number | null
type Row = Record<string, unknown>
type LibsqlClient = {
  execute(stmt: { sql: string; args: Value[] }): Promise<{ rows: Row[] }>
}

/** The libsql client behind Payload's SQLite adapter, or undefined on MongoDB. */
export function sqliteClient(payload: Payload): LibsqlClient | undefined {
  if (payload.db.name !== 'sqlite') return undefined
  return (payload.db as unknown as { client?: LibsqlClient }).client
}

const PUBLISHED = `kp."_status" = 'published' AND kp."deleted_at" IS NULL`
const marks = (list: readonly unknown[]) => list.map(() => '?').join(', ')

/** A condition on `kp` plus its parameters. */
type Clause = { sql: string; args: Value[] }

/**
 * The SQL of a product filter over `knowledge_products kp`: the same records as
 * `productFilters.toPayloadWhere(filter)` plus published-only.
 */
export function productFilterSql(filter: ProductFilter): Clause {
  const parts: string[] = [PUBLISHED]
  const args: Value[] = []
  if (filter.q) {
    // Payload's `like`: every word, anywhere, case-insensitive.
    const words = filter.q.split(/\s+/).filter(Boolean)
    const all = (column: string) => words.map(() => `kp."${column}" LIKE ?`).join(' AND ')
    parts.push(`((${all('title')}) OR (${all('summary')}))`)
    for (const w of [...words, ...words]) args.push(`%${w}%`)
  }
  const viaRels = (path: string, column: string, ids: string) =>
    `kp."id" IN (SELECT r."parent_id" FROM "knowledge_products_rels" r WHERE r."${column}" IN (${ids}) AND r."path" = '${path}')`
  if (filter.themes.length > 0) {
    parts.push(
      viaRels(
        'themes',
        'themes_id',
        `SELECT "id" FROM "themes" WHERE "slug" IN (${marks(filter.themes)})`,
      ),
    )
    args.push(...filter.themes)
  }
  if (filter.partnerships.length > 0) {
    parts.push(
      viaRels(
        'partnerships',
        'partnerships_id',
        `SELECT "id" FROM "partnerships" WHERE "slug" IN (${marks(filter.partnerships)})`,
      ),
    )
    args.push(...filter.partnerships)
  }
  if (filter.programmes.length > 0) {
    parts.push(
      viaRels(
        'partnerships',
        'partnerships_id',
        `SELECT p."id" FROM "partnerships" p JOIN "programmes" g ON g."id" = p."programme_id" WHERE g."slug" IN (${marks(filter.programmes)})`,
      ),
    )
    args.push(...filter.programmes)
  }
  if (filter.learningNeeds.length > 0) {
    parts.push(
      viaRels(
        'learningNeeds',
        'learning_needs_id',
        `SELECT "id" FROM "learning_needs" WHERE "slug" IN (${marks(filter.learningNeeds)})`,
      ),
    )
    args.push(...filter.learningNeeds)
  }
  if (filter.types.length > 0) {
    parts.push(`kp."type" IN (${marks(filter.types)})`)
    args.push(...filter.types)
  }
  if (filter.yearFrom !== undefined) {
    parts.push(`kp."year" >= ?`)
    args.push(filter.yearFrom)
  }
  if (filter.yearTo !== undefined) {
    parts.push(`kp."year" <= ?`)
    args.push(filter.yearTo)
  }
  if (filter.languages.length > 0) {
    parts.push(
      `kp."id" IN (SELECT l."parent_id" FROM "knowledge_products_languages" l WHERE l."value" IN (${marks(filter.languages)}))`,
    )
    args.push(...filter.languages)
  }
  if (filter.countries.length > 0) {
    parts.push(
      `kp."id" IN (SELECT t."parent_id" FROM "knowledge_products_texts" t WHERE t."text" IN (${marks(filter.countries)}) AND t."path" = 'countries')`,
    )
    args.push(...filter.countries)
  }
  return { sql: parts.join(' AND '), args }
}

/** The facets counted in SQL (the keys of `Facets['facets']`). */
export type SqlFacet =
  'themes' | 'partnerships' | 'programmes' | 'types' | 'years' | 'languages' | 'countries'

/** Per facet: the SELECT over the matching ids (`ids`) or, for columns of the product, `kp`. */
const FACET_SELECT: Record<SqlFacet, (where: string) => string> = {
  themes: () =>
    `SELECT 'themes' AS facet, rel."themes_id" AS v, count(DISTINCT rel."parent_id") AS n FROM rel WHERE rel."path" = 'themes' AND rel."themes_id" IS NOT NULL GROUP BY 2`,
  partnerships: () =>
    `SELECT 'partnerships', rel."partnerships_id", count(DISTINCT rel."parent_id") FROM rel WHERE rel."path" = 'partnerships' AND rel."partnerships_id" IS NOT NULL GROUP BY 2`,
  programmes: () =>
    `SELECT 'programmes', p."programme_id", count(DISTINCT rel."parent_id") FROM rel JOIN "partnerships" p ON p."id" = rel."partnerships_id" WHERE rel."path" = 'partnerships' AND p."programme_id" IS NOT NULL GROUP BY 2`,
  types: (where) =>
    `SELECT 'types', kp."type", count(*) FROM "knowledge_products" kp WHERE ${where} GROUP BY 2`,
  years: (where) =>
    `SELECT 'years', kp."year", count(*) FROM "knowledge_products" kp WHERE ${where} AND kp."year" IS NOT NULL GROUP BY 2`,
  languages: () =>
    `SELECT 'languages', l."value", count(DISTINCT l."parent_id") FROM ids CROSS JOIN "knowledge_products_languages" l ON l."parent_id" = ids."id" WHERE l."value" IS NOT NULL GROUP BY 2`,
  countries: () =>
    `SELECT 'countries', t."text", count(DISTINCT t."parent_id") FROM ids CROSS JOIN "knowledge_products_texts" t ON t."parent_id" = ids."id" AND t."path" = 'countries' WHERE t."text" IS NOT NULL GROUP BY 2`,
}

/**
 * Counts per value of several facets over the published products matching `filter`, in one
 * statement: the matching ids are materialised once (CROSS JOIN then fixes the order: from each
 * id to its few child rows by index), and each facet is a GROUP BY over them. Also returns the
 * number of matching products.
 */
export async function facetCountsSql(
  client: LibsqlClient,
  filter: ProductFilter,
  facets: SqlFacet[],
): Promise<{ total: number; counts: Map<SqlFacet, Map<string, number>> }> {
  const where = productFilterSql(filter)
  const needsRels = facets.some((f) => f === 'themes' || f === 'partnerships' || f === 'programmes')
  const selects = [
    `SELECT 'total' AS facet, NULL AS v, count(*) AS n FROM ids`,
    ...facets.map((f) => FACET_SELECT[f](where.sql)),
  ]
  // The WHERE appears once in `ids` and once per product-column facet (types, years).
  const args = [
    ...where.args,
    ...facets.filter((f) => f === 'types' || f === 'years').flatMap(() => where.args),
  ]
  const res = await client.execute({
    sql: `WITH ids AS MATERIALIZED (SELECT kp."id" FROM "knowledge_products" kp WHERE ${where.sql})${
      needsRels
        ? `, rel AS MATERIALIZED (SELECT r."path", r."themes_id", r."partnerships_id", r."parent_id" FROM ids CROSS JOIN "knowledge_products_rels" r ON r."parent_id" = ids."id" AND r."path" IN ('themes', 'partnerships'))`
        : ''
    } ${selects.join(' UNION ALL ')}`,
    args,
  })
  const counts = new Map<SqlFacet, Map<string, number>>(facets.map((f) => [f, new Map()]))
  let total = 0
  for (const r of res.rows) {
    if (r.facet === 'total') total = Number(r.n)
    else counts.get(r.facet as SqlFacet)?.set(String(r.v), Number(r.n))
  }
  return { total, counts }
}

/** The number of published products matching `filter`. */
export async function productCountSql(
  client: LibsqlClient,
  filter: ProductFilter,
): Promise<number> {
  const where = productFilterSql(filter)
  const res = await client.execute({
    sql: `SELECT count(*) AS n FROM "knowledge_products" kp WHERE ${where.sql}`,
    args: where.args,
  })
  return Number(res.rows[0]?.n ?? 0)
}

/** The matrix's counts: per (row, theme) cell, per row, per theme, and overall. */
export type MatrixCounts = {
  cells: { row: string; theme: string; n: number }[]
  rows: Map<string, number>
  themes: Map<string, number>
  total: number
}

/**
 * Matrix counts from SQL. `rows` says what a row is: learning needs (`learningNeeds` rels, the
 * given need ids) or product types (the `type` column; optionally only products of the given
 * partnerships).
 */
export async function matrixCountsSql(
  client: LibsqlClient,
  rows:
    | { axis: 'learning-needs'; needIds: (string | number)[] }
    | { axis: 'types'; types: string[]; partnershipIds?: (string | number)[] },
): Promise<MatrixCounts> {
  let pairs: string
  const args: Value[] = []
  if (rows.axis === 'learning-needs') {
    if (rows.needIds.length === 0)
      return { cells: [], rows: new Map(), themes: new Map(), total: 0 }
    // CROSS JOIN fixes the order: from the needs' links (covering index) to each product by id.
    // Left to itself SQLite walks all products and probes every need for each (100× slower).
    pairs = `SELECT n."learning_needs_id" AS row_key, n."parent_id" AS pid FROM "knowledge_products_rels" n CROSS JOIN "knowledge_products" kp ON kp."id" = n."parent_id" WHERE n."path" = 'learningNeeds' AND n."learning_needs_id" IN (${marks(rows.needIds)}) AND ${PUBLISHED}`
    args.push(...rows.needIds.map((id) => (typeof id === 'number' ? id : Number(id))))
  } else {
    pairs = `SELECT kp."type" AS row_key, kp."id" AS pid FROM "knowledge_products" kp WHERE ${PUBLISHED} AND kp."type" IN (${marks(rows.types)})`
    args.push(...rows.types)
    if (rows.partnershipIds) {
      if (rows.partnershipIds.length === 0) {
        return { cells: [], rows: new Map(), themes: new Map(), total: 0 }
      }
      pairs += ` AND kp."id" IN (SELECT r."parent_id" FROM "knowledge_products_rels" r WHERE r."path" = 'partnerships' AND r."partnerships_id" IN (${marks(rows.partnershipIds)}))`
      args.push(...rows.partnershipIds.map(Number))
    }
  }
  // One statement: the (row, product) pairs and their themes are materialised once, then
  // counted four ways (cells, rows, themes, overall).
  const res = await client.execute({
    sql: `WITH p AS MATERIALIZED (${pairs}),
      pt AS MATERIALIZED (SELECT p.row_key, p.pid, t."themes_id" AS theme FROM p CROSS JOIN "knowledge_products_rels" t ON t."parent_id" = p.pid AND t."path" = 'themes' AND t."themes_id" IS NOT NULL)
      SELECT 'cell' AS kind, row_key, theme, count(DISTINCT pid) AS n FROM pt GROUP BY 2, 3
      UNION ALL SELECT 'row', row_key, NULL, count(DISTINCT pid) FROM p GROUP BY 2
      UNION ALL SELECT 'theme', NULL, theme, count(DISTINCT pid) FROM pt GROUP BY 3
      UNION ALL SELECT 'total', NULL, NULL, count(DISTINCT pid) FROM p`,
    args,
  })
  const out: MatrixCounts = { cells: [], rows: new Map(), themes: new Map(), total: 0 }
  for (const r of res.rows) {
    const n = Number(r.n)
    if (r.kind === 'cell') out.cells.push({ row: String(r.row_key), theme: String(r.theme), n })
    else if (r.kind === 'row') out.rows.set(String(r.row_key), n)
    else if (r.kind === 'theme') out.themes.set(String(r.theme), n)
    else out.total = n
  }
  return out
}
