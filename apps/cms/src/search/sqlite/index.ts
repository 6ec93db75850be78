/**
 * The SQLite adapter: FTS5 (bm25) for text, plain SQL over the collection tables for filters,
 * facets and the matrix. Runs on `payload.db.drizzle` (Payload's documented escape hatch); the
 * tables are Payload's own plus the FTS5 tables of the `search_index` migration.
 */
import type { Payload } from 'payload'

import { questionMarks, sqliteStatements } from '../../lib/sql'
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

const num = (id: Id) => (typeof id === 'number' ? id : Number(id))

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
  // Relations, languages and countries through `search_facets` (public products only), by
  // its (facet, value, product_id) index.
  const anyOf = (facet: string, values: (string | number)[] | undefined) => {
    if (values === undefined) return
    if (values.length === 0) return void parts.push('0')
    parts.push(
      `kp."id" IN (SELECT sf."product_id" FROM "search_facets" sf WHERE sf."facet" = '${facet}' AND sf."value" IN (${questionMarks(values)}))`,
    )
    args.push(...values)
  }
  anyOf('themes', c.themes?.map(num))
  anyOf('partnerships', c.partnerships?.map(num))
  anyOf('learningNeeds', c.learningNeeds?.map(num))
  if (c.types) {
    if (c.types.length === 0) parts.push('0')
    else {
      parts.push(`kp."type" IN (${questionMarks(c.types)})`)
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
  if (c.publishedBy !== undefined) {
    parts.push(
      '(kp."first_published_at" <= ? OR (kp."first_published_at" IS NULL AND kp."created_at" <= ?))',
    )
    args.push(c.publishedBy, c.publishedBy)
  }
  if (c.languages && c.languages.length > 0) anyOf('languages', c.languages)
  if (c.countries && c.countries.length > 0) anyOf('countries', c.countries)
  return { text: parts.join(' AND '), args }
}

/** True when the conditions narrow nothing (every public product matches). */
const unfiltered = (c: ProductConditions) =>
  !c.text &&
  c.themes === undefined &&
  c.partnerships === undefined &&
  c.learningNeeds === undefined &&
  c.types === undefined &&
  c.yearFrom === undefined &&
  c.yearTo === undefined &&
  c.publishedBy === undefined &&
  !c.languages?.length &&
  !c.countries?.length

/** Facets stored under another name in `search_facets`, and the counted ones computed. */
const STORED = ['themes', 'partnerships', 'types', 'years', 'languages', 'countries'] as const

export function createSqliteSearch(payload: Payload): SearchAdapter {
  const { execute } = sqliteStatements(payload)
  const query = async (text: string, args: Value[] = []) =>
    (await execute({ sql: text, args })).rows as Row[]

  /**
   * Facet counts over the matching products: a GROUP BY over `search_facets` (its covering
   * index), joined to the matching ids only when the conditions narrow the set.
   */
  async function facetGroup(c: ProductConditions, facets: CountedFacet[]): Promise<FacetCounts> {
    const everything = unfiltered(c)
    const where = productWhere(c)
    const stored = facets.filter((f) => (STORED as readonly string[]).includes(f))
    const from = everything
      ? `"search_facets" f`
      : `ids CROSS JOIN "search_facets" f ON f."product_id" = ids."id"`
    const selects = [
      everything
        ? `SELECT 'total' AS facet, NULL AS v, count(*) AS n FROM "knowledge_products" kp WHERE ${where.text}`
        : `SELECT 'total' AS facet, NULL AS v, count(*) AS n FROM ids`,
    ]
    if (stored.length > 0) {
      selects.push(
        `SELECT f."facet", f."value", count(DISTINCT f."product_id") FROM ${from} WHERE f."facet" IN (${stored.map((f) => `'${f}'`).join(', ')}) GROUP BY 1, 2`,
      )
    }
    if (facets.includes('programmes')) {
      selects.push(
        `SELECT 'programmes', p."programme_id", count(DISTINCT f."product_id") FROM ${from} JOIN "partnerships" p ON p."id" = f."value" WHERE f."facet" = 'partnerships' AND p."programme_id" IS NOT NULL GROUP BY 2`,
      )
    }
    const rows = await query(
      `${everything ? '' : `WITH ids AS MATERIALIZED (SELECT kp."id" FROM "knowledge_products" kp WHERE ${where.text}) `}${selects.join(' UNION ALL ')}`,
      where.args,
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
      if (c.text && order === 'relevance' && unfiltered({ ...c, text: undefined })) {
        // Text alone: the FTS index holds exactly the public products (its triggers), so it
        // ranks and counts on its own, without a join to the products table.
        const match = matchExpression(c.text)
        const [rows, count] = await Promise.all([
          limit > 0
            ? query(
                `SELECT rowid AS id, -bm25("${PRODUCTS.fts}", ${WEIGHTS}) AS score FROM "${PRODUCTS.fts}" WHERE "${PRODUCTS.fts}" MATCH ? ORDER BY bm25("${PRODUCTS.fts}", ${WEIGHTS}), rowid LIMIT ? OFFSET ?`,
                [match, limit, offset],
              )
            : [],
          query(`SELECT count(*) AS n FROM "${PRODUCTS.fts}" WHERE "${PRODUCTS.fts}" MATCH ?`, [
            match,
          ]),
        ])
        return {
          total: Number(count[0]?.n ?? 0),
          hits: rows.map((r) => ({ id: r.id as Id, score: Number(r.score) })),
        }
      }
      const page = pageSql(c, order)
      const where = productWhere(c)
      const [rows, count] = await Promise.all([
        limit > 0 ? query(`${page.text} LIMIT ? OFFSET ?`, [...page.args, limit, offset]) : [],
        query(`SELECT count(*) AS n FROM "knowledge_products" kp WHERE ${where.text}`, where.args),
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
      return (await query(page.text, page.args)).map((r) => r.id as Id)
    },

    async facets(groups) {
      return Promise.all(groups.map((g) => facetGroup(g.conditions, g.facets)))
    },

    async matrix(c, rows): Promise<MatrixCounts> {
      const args: Value[] = []
      let pairs = `SELECT n."value" AS row_key, n."product_id" AS pid FROM "search_facets" n WHERE n."facet" = '${rows.axis === 'learning-needs' ? 'learningNeeds' : 'types'}'`
      if (rows.axis === 'learning-needs') {
        if (rows.needIds.length === 0)
          return { cells: [], rows: new Map(), themes: new Map(), total: 0 }
        pairs += ` AND n."value" IN (${questionMarks(rows.needIds)})`
        args.push(...rows.needIds.map(num))
      }
      let head = 'WITH '
      if (!unfiltered(c)) {
        const where = productWhere(c)
        head = `WITH ids AS MATERIALIZED (SELECT kp."id" FROM "knowledge_products" kp WHERE ${where.text}), `
        args.unshift(...where.args)
        pairs += ` AND n."product_id" IN (SELECT "id" FROM ids)`
      }
      // The (row, product) pairs and their themes are materialised once, then counted four ways.
      const res = await query(
        `${head}p AS MATERIALIZED (${pairs}),
      pt AS MATERIALIZED (SELECT p.row_key, p.pid, t."value" AS theme FROM p CROSS JOIN "search_facets" t ON t."product_id" = p.pid AND t."facet" = 'themes')
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
      // The index holds only public records (its triggers): it ranks and counts on its own.
      const [rows, count] = await Promise.all([
        limit > 0
          ? query(
              `SELECT rowid AS id, -bm25("${t.fts}", ${WEIGHTS}) AS score FROM "${t.fts}" WHERE "${t.fts}" MATCH ? ORDER BY bm25("${t.fts}", ${WEIGHTS}), rowid LIMIT ? OFFSET ?`,
              [match, limit, offset],
            )
          : [],
        query(`SELECT count(*) AS n FROM "${t.fts}" WHERE "${t.fts}" MATCH ?`, [match]),
      ])
      return {
        total: Number(count[0]?.n ?? 0),
        hits: rows.map((r) => ({ id: r.id as Id, score: Number(r.score) })),
      }
    },

    async indexed(collection) {
      const t = FTS_TABLES[collection]
      // `_docsize` has one row per indexed record: the index's own list, not the content table's.
      const rows = await query(
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
        const rows = await query(
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

    async similar(collection, items, limit) {
      const t = FTS_TABLES[collection]
      const stems = items.filter((i) => i.kind === 'stems')
      if (stems.length === 0 || limit <= 0) return []
      const match = matchExpression({ groups: [stems], exclude: [] })
      const rows = await query(
        `SELECT r."id" AS id, -bm25("${t.fts}", ${WEIGHTS}) AS score FROM "${t.fts}" f CROSS JOIN "${t.table}" r ON r."id" = f.rowid WHERE "${t.fts}" MATCH ? AND ${t.publicRow('r')} ORDER BY bm25("${t.fts}", ${WEIGHTS}), r."id" LIMIT ?`,
        [match, limit],
      )
      return rows.map((r) => ({ id: r.id as Id, score: Number(r.score) }))
    },

    async stemFrequencies(collection, stems) {
      const t = FTS_TABLES[collection]
      const wanted = [...new Set(stems)]
      const docs = new Map<string, number>()
      // A record holding the stem in several columns counts once per column in the vocabulary:
      // the largest column count is the closest lower bound of the records holding it.
      const [rows, count] = await Promise.all([
        wanted.length === 0
          ? []
          : query(
              `SELECT term, max(doc) AS docs FROM "${t.vocab}" WHERE term IN (${questionMarks(wanted)}) AND col IN ('${T}', '${S}', '${K}') GROUP BY term`,
              wanted,
            ),
        query(`SELECT count(*) AS n FROM "${t.fts}_docsize"`),
      ])
      for (const r of rows) docs.set(String(r.term), Number(r.docs))
      return { records: Number(count[0]?.n ?? 0), docs }
    },
  }
}
