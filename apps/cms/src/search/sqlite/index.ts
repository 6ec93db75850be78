/**
 * The SQLite adapter: FTS5 (bm25) for text, plain SQL over the collection tables for filters,
 * facets and the matrix. Runs on `payload.db.drizzle` (Payload's documented escape hatch); the
 * tables are Payload's own plus the FTS5 tables of the `search_index` migration.
 */
import { sql } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import type { AnalyzedDocument, AnalyzedItem, AnalyzedQuery } from '../analyze'
import { SEARCH_COLUMNS } from '../fields'
import { nearestWords } from '../suggest'
import type {
  CountedFacet,
  FacetCounts,
  Id,
  MatrixCounts,
  ProductConditions,
  ProductOrder,
  SearchAdapter,
  SearchCollection,
} from '../types'
import { FTS_COLUMNS, FTS_TABLES } from './ddl'

type Value = string | number | null
type Row = Record<string, unknown>
type Clause = { text: string; args: Value[] }
type SQL = ReturnType<typeof sql>
type Drizzle = { all(query: SQL): Promise<unknown[]> }

const [T, S, K, TE, SE, KE] = FTS_COLUMNS as [string, string, string, string, string, string]
/** bm25 weights in FTS column order: title over summary over keywords. */
const WEIGHTS = '10.0, 4.0, 2.0, 10.0, 4.0, 2.0'

const STEMMED = `{"${T}" "${S}" "${K}"}`
const EXACT = `{"${TE}" "${SE}" "${KE}"}`
const quote = (token: string) => `"${token.replace(/"/g, '""')}"`

function matchItem(item: AnalyzedItem): string {
  if (item.kind === 'stems') return `${STEMMED} : (${item.stems.map(quote).join(' OR ')})`
  if (item.kind === 'prefix') return `${EXACT} : ${quote(item.prefix)}*`
  return `${EXACT} : ${quote(item.words.join(' '))}`
}

/** The FTS5 MATCH expression of an analysed query. */
export function matchExpression(query: AnalyzedQuery): string {
  const all = query.groups.map((g) => `(${g.map(matchItem).join(' OR ')})`).join(' AND ')
  if (query.exclude.length === 0) return all
  return `(${all}) NOT (${query.exclude.map(matchItem).join(' OR ')})`
}

const marks = (list: readonly unknown[]) => list.map(() => '?').join(', ')
const num = (id: Id) => (typeof id === 'number' ? id : Number(id))

/** Turns `?` placeholders and their values into a drizzle SQL object. */
function toSql(text: string, args: Value[]): SQL {
  const parts = text.split('?')
  if (parts.length !== args.length + 1) throw new Error('placeholder count mismatch')
  const chunks: SQL[] = [sql.raw(parts[0]!)]
  args.forEach((arg, i) => {
    chunks.push(sql`${arg}`, sql.raw(parts[i + 1]!))
  })
  return sql.join(chunks)
}

const ORDER_BY: Record<Exclude<ProductOrder, 'relevance'>, string> = {
  '-year': 'kp."year" DESC, kp."id" DESC',
  year: 'kp."year" ASC, kp."id" ASC',
  title: 'kp."title" ASC, kp."id" ASC',
  '-title': 'kp."title" DESC, kp."id" DESC',
  '-updatedAt': 'kp."updated_at" DESC, kp."id" DESC',
}

const PRODUCTS = FTS_TABLES['knowledge-products']

/**
 * The product conditions as SQL on `kp` (a public product row). `withText: false` leaves the
 * text out, for a query that joins the FTS table itself (and ranks).
 */
function productWhere(c: ProductConditions, withText = true): Clause {
  const parts = [PRODUCTS.publicRow('kp')]
  const args: Value[] = []
  if (c.text && withText) {
    parts.push(`kp."id" IN (SELECT rowid FROM "${PRODUCTS.fts}" WHERE "${PRODUCTS.fts}" MATCH ?)`)
    args.push(matchExpression(c.text))
  }
  const rel = (path: string, column: string, ids: Id[] | undefined) => {
    if (ids === undefined) return
    if (ids.length === 0) return void parts.push('0')
    parts.push(
      `kp."id" IN (SELECT r."parent_id" FROM "knowledge_products_rels" r WHERE r."path" = '${path}' AND r."${column}" IN (${marks(ids)}))`,
    )
    args.push(...ids.map(num))
  }
  rel('themes', 'themes_id', c.themes)
  rel('partnerships', 'partnerships_id', c.partnerships)
  rel('learningNeeds', 'learning_needs_id', c.learningNeeds)
  if (c.types) {
    if (c.types.length === 0) parts.push('0')
    else {
      parts.push(`kp."type" IN (${marks(c.types)})`)
      args.push(...c.types)
    }
  }
  if (c.yearFrom !== undefined) {
    parts.push('kp."year" >= ?')
    args.push(c.yearFrom)
  }
  if (c.yearTo !== undefined) {
    parts.push('kp."year" <= ?')
    args.push(c.yearTo)
  }
  if (c.languages && c.languages.length > 0) {
    parts.push(
      `kp."id" IN (SELECT l."parent_id" FROM "knowledge_products_languages" l WHERE l."value" IN (${marks(c.languages)}))`,
    )
    args.push(...c.languages)
  }
  if (c.countries && c.countries.length > 0) {
    parts.push(
      `kp."id" IN (SELECT t."parent_id" FROM "knowledge_products_texts" t WHERE t."path" = 'countries' AND t."text" IN (${marks(c.countries)}))`,
    )
    args.push(...c.countries)
  }
  return { text: parts.join(' AND '), args }
}

/** Per facet: a SELECT over the materialised matching ids (`ids`, `rel`) or over `kp`. */
const FACET_SELECT: Record<CountedFacet, (where: string) => string> = {
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

export function createSqliteSearch(payload: Payload): SearchAdapter {
  const db = (): Drizzle => payload.db.drizzle as unknown as Drizzle
  const all = async (text: string, args: Value[] = []) =>
    (await db().all(toSql(text, args))) as Row[]

  async function facetGroup(c: ProductConditions, facets: CountedFacet[]): Promise<FacetCounts> {
    const where = productWhere(c)
    const needsRels = facets.some(
      (f) => f === 'themes' || f === 'partnerships' || f === 'programmes',
    )
    const selects = [
      `SELECT 'total' AS facet, NULL AS v, count(*) AS n FROM ids`,
      ...facets.map((f) => FACET_SELECT[f](where.text)),
    ]
    // The WHERE appears once in `ids` and once per product-column facet (types, years).
    const args = [
      ...where.args,
      ...facets.filter((f) => f === 'types' || f === 'years').flatMap(() => where.args),
    ]
    // The matching ids are materialised once; CROSS JOIN then fixes the order (from each id to
    // its few child rows by index) and each facet is a GROUP BY over them.
    const rows = await all(
      `WITH ids AS MATERIALIZED (SELECT kp."id" FROM "knowledge_products" kp WHERE ${where.text})${
        needsRels
          ? `, rel AS MATERIALIZED (SELECT r."path", r."themes_id", r."partnerships_id", r."parent_id" FROM ids CROSS JOIN "knowledge_products_rels" r ON r."parent_id" = ids."id" AND r."path" IN ('themes', 'partnerships'))`
          : ''
      } ${selects.join(' UNION ALL ')}`,
      args,
    )
    const counts = new Map<CountedFacet, Map<string, number>>(facets.map((f) => [f, new Map()]))
    let total = 0
    for (const r of rows) {
      if (r.facet === 'total') total = Number(r.n)
      else counts.get(r.facet as CountedFacet)?.set(String(r.v), Number(r.n))
    }
    return { total, counts }
  }

  const pageSql = (c: ProductConditions, order: ProductOrder) => {
    if (order === 'relevance' && c.text) {
      const where = productWhere(c, false)
      // Ranked by bm25 (lower is better in SQLite; the score reported is its negation).
      return {
        text: `SELECT kp."id" AS id, -bm25("${PRODUCTS.fts}", ${WEIGHTS}) AS score FROM "${PRODUCTS.fts}" f CROSS JOIN "knowledge_products" kp ON kp."id" = f.rowid WHERE "${PRODUCTS.fts}" MATCH ? AND ${where.text} ORDER BY bm25("${PRODUCTS.fts}", ${WEIGHTS}), kp."id"`,
        args: [matchExpression(c.text), ...where.args],
      }
    }
    const where = productWhere(c)
    const by = ORDER_BY[order === 'relevance' ? '-year' : order]
    return {
      text: `SELECT kp."id" AS id, NULL AS score FROM "knowledge_products" kp WHERE ${where.text} ORDER BY ${by}`,
      args: where.args,
    }
  }

  return {
    engine: 'sqlite-fts5',
    suggests: true,

    async products(c, order, { offset, limit }) {
      const page = pageSql(c, order)
      const where = productWhere(c)
      const [rows, count] = await Promise.all([
        limit > 0 ? all(`${page.text} LIMIT ? OFFSET ?`, [...page.args, limit, offset]) : [],
        all(`SELECT count(*) AS n FROM "knowledge_products" kp WHERE ${where.text}`, where.args),
      ])
      return {
        total: Number(count[0]?.n ?? 0),
        hits: rows.map((r) => ({
          id: r.id as Id,
          score: r.score === null ? null : Number(r.score),
        })),
      }
    },

    async productIds(c, order) {
      const page = pageSql(c, order)
      return (await all(page.text, page.args)).map((r) => r.id as Id)
    },

    async facets(groups) {
      return Promise.all(groups.map((g) => facetGroup(g.conditions, g.facets)))
    },

    async matrix(c, rows): Promise<MatrixCounts> {
      const where = productWhere(c)
      let pairs: string
      const args: Value[] = []
      if (rows.axis === 'learning-needs') {
        if (rows.needIds.length === 0)
          return { cells: [], rows: new Map(), themes: new Map(), total: 0 }
        // CROSS JOIN fixes the order: from the needs' links (covering index) to each product by
        // id. Left to itself SQLite walks all products and probes every need for each.
        pairs = `SELECT n."learning_needs_id" AS row_key, n."parent_id" AS pid FROM "knowledge_products_rels" n CROSS JOIN "knowledge_products" kp ON kp."id" = n."parent_id" WHERE n."path" = 'learningNeeds' AND n."learning_needs_id" IN (${marks(rows.needIds)}) AND ${where.text}`
        args.push(...rows.needIds.map(num), ...where.args)
      } else {
        pairs = `SELECT kp."type" AS row_key, kp."id" AS pid FROM "knowledge_products" kp WHERE ${where.text}`
        args.push(...where.args)
      }
      // The (row, product) pairs and their themes are materialised once, then counted four ways.
      const res = await all(
        `WITH p AS MATERIALIZED (${pairs}),
      pt AS MATERIALIZED (SELECT p.row_key, p.pid, t."themes_id" AS theme FROM p CROSS JOIN "knowledge_products_rels" t ON t."parent_id" = p.pid AND t."path" = 'themes' AND t."themes_id" IS NOT NULL)
      SELECT 'cell' AS kind, row_key, theme, count(DISTINCT pid) AS n FROM pt GROUP BY 2, 3
      UNION ALL SELECT 'row', row_key, NULL, count(DISTINCT pid) FROM p GROUP BY 2
      UNION ALL SELECT 'theme', NULL, theme, count(DISTINCT pid) FROM pt GROUP BY 3
      UNION ALL SELECT 'total', NULL, NULL, count(DISTINCT pid) FROM p`,
        args,
      )
      const out: MatrixCounts = { cells: [], rows: new Map(), themes: new Map(), total: 0 }
      for (const r of res) {
        const n = Number(r.n)
        if (r.kind === 'cell') out.cells.push({ row: String(r.row_key), theme: String(r.theme), n })
        else if (r.kind === 'row') out.rows.set(String(r.row_key), n)
        else if (r.kind === 'theme') out.themes.set(String(r.theme), n)
        else out.total = n
      }
      return out
    },

    async records(collection, text, { offset, limit }) {
      const t = FTS_TABLES[collection]
      const match = matchExpression(text)
      const from = `FROM "${t.fts}" f CROSS JOIN "${t.table}" r ON r."id" = f.rowid WHERE "${t.fts}" MATCH ? AND ${t.publicRow('r')}`
      const [rows, count] = await Promise.all([
        all(
          `SELECT r."id" AS id, -bm25("${t.fts}", ${WEIGHTS}) AS score ${from} ORDER BY bm25("${t.fts}", ${WEIGHTS}), r."id" LIMIT ? OFFSET ?`,
          [match, limit, offset],
        ),
        all(`SELECT count(*) AS n ${from}`, [match]),
      ])
      return {
        total: Number(count[0]?.n ?? 0),
        hits: rows.map((r) => ({ id: r.id as Id, score: Number(r.score) })),
      }
    },

    async indexed(collection) {
      const t = FTS_TABLES[collection]
      // `_docsize` has one row per indexed record: the index's own list, not the content table's.
      const rows = await all(
        `SELECT r."id" AS id, ${FTS_COLUMNS.map((c) => `r."${c}" AS "${c}"`).join(', ')} FROM "${t.fts}_docsize" d JOIN "${t.table}" r ON r."id" = d."id"`,
      )
      return new Map(
        rows.map((r) => [
          String(r.id),
          Object.fromEntries(
            SEARCH_COLUMNS.map((name, i) => [name, String(r[FTS_COLUMNS[i]!] ?? '')]),
          ) as AnalyzedDocument,
        ]),
      )
    },

    async suggest(collection: SearchCollection, words: string[]) {
      const t = FTS_TABLES[collection]
      const out = new Map<string, string>()
      for (const word of words) {
        if (word.length < 3) continue
        // Candidates share the first letter and are of similar length: a range scan of the
        // vocabulary's sorted terms, then edit distance on those few.
        const rows = await all(
          `SELECT term, sum(doc) AS docs FROM "${t.vocab}" WHERE term >= ? AND term < ? AND col IN ('${TE}', '${SE}', '${KE}') AND length(term) BETWEEN ? AND ? GROUP BY term`,
          [word[0]!, `${word[0]!}\uffff`, Math.max(1, word.length - 2), word.length + 2],
        )
        const best = nearestWords(
          word,
          rows.map((r) => ({ term: String(r.term), docs: Number(r.docs) })),
        )
        if (best) out.set(word, best)
      }
      return out
    },
  }
}
