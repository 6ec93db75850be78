/**
 * The SQLite search index's migration steps: fill the hidden `search_*` columns of the records
 * already in the database (the beforeChange hook fills them from now on), then create the FTS5
 * tables and their triggers, then index the public rows.
 */
import { sql } from '@payloadcms/db-sqlite'

import { analyzeDocument } from '../analyze'
import { SEARCH_SOURCES } from '../fields'
import type { SearchCollection } from '../types'
import {
  backfillFtsStatement,
  createFtsStatements,
  dropFtsStatements,
  FTS_COLUMNS,
  FTS_TABLES,
} from './ddl'
import { backfillFacetStatements, createFacetStatements, dropFacetStatements } from './facetsDdl'

type Db = {
  run(query: ReturnType<typeof sql>): Promise<unknown>
  all(query: ReturnType<typeof sql>): Promise<unknown[]>
}
type Row = Record<string, unknown>

/** The columns each collection's source reads, and its `_texts` paths (hasMany text fields). */
const READ: Record<SearchCollection, { columns: string[]; texts: string[] }> = {
  'knowledge-products': { columns: ['title', 'summary'], texts: ['keywords', 'countries'] },
  'learning-needs': { columns: ['title', 'description', 'topic'], texts: [] },
  insights: { columns: ['title', 'body'], texts: [] },
  partnerships: { columns: ['name', 'focus', 'summary'], texts: ['countries'] },
}

const PAGE = 500

async function fillColumns(db: Db, collection: SearchCollection): Promise<void> {
  const { table } = FTS_TABLES[collection]
  const { columns, texts } = READ[collection]
  const sets = FTS_COLUMNS.map((c) => `"${c}" = v."${c}"`).join(', ')
  for (let after = 0; ;) {
    const rows = (await db.all(
      sql.raw(
        `SELECT "id", ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" WHERE "id" > ${after} ORDER BY "id" LIMIT ${PAGE}`,
      ),
    )) as Row[]
    if (rows.length === 0) return
    const byId = new Map<number, Row>(rows.map((r) => [Number(r.id), { ...r }]))
    if (texts.length > 0) {
      const ids = [...byId.keys()]
      const found = (await db.all(
        sql.raw(
          `SELECT "parent_id", "path", "text" FROM "${table}_texts" WHERE "parent_id" BETWEEN ${ids[0]} AND ${ids[ids.length - 1]} ORDER BY "parent_id", "path", "order"`,
        ),
      )) as Row[]
      for (const t of found) {
        const row = byId.get(Number(t.parent_id))
        if (!row || !texts.includes(String(t.path))) continue
        ;((row[String(t.path)] ??= []) as unknown[]).push(t.text)
      }
    }
    // One UPDATE … FROM per page: a statement per row would commit (and sync) 100k times.
    const values = [...byId].map(([id, row]) => [
      id,
      ...Object.values(analyzeDocument(SEARCH_SOURCES[collection](row))),
    ])
    const chunks = [
      sql.raw(`WITH v("id", ${FTS_COLUMNS.map((c) => `"${c}"`).join(', ')}) AS (VALUES `),
    ]
    values.forEach((tuple, i) => {
      chunks.push(sql.raw(i === 0 ? '(' : ', ('))
      tuple.forEach((value, k) => {
        if (k > 0) chunks.push(sql.raw(', '))
        chunks.push(sql`${value}`)
      })
      chunks.push(sql.raw(')'))
    })
    chunks.push(sql.raw(`) UPDATE "${table}" SET ${sets} FROM v WHERE "${table}"."id" = v."id"`))
    await db.run(sql.join(chunks))
    after = Number(rows[rows.length - 1]!.id)
  }
}

export async function upSearchIndex(db: Db): Promise<void> {
  for (const statement of [...createFacetStatements(), ...backfillFacetStatements()]) {
    await db.run(sql.raw(statement))
  }
  for (const collection of Object.keys(FTS_TABLES) as SearchCollection[]) {
    await fillColumns(db, collection)
    const t = FTS_TABLES[collection]
    for (const statement of createFtsStatements(t)) await db.run(sql.raw(statement))
    await db.run(sql.raw(backfillFtsStatement(t)))
  }
}

export async function downSearchIndex(db: Db): Promise<void> {
  for (const statement of dropFacetStatements()) await db.run(sql.raw(statement))
  for (const t of Object.values(FTS_TABLES)) {
    for (const statement of dropFtsStatements(t)) await db.run(sql.raw(statement))
  }
}
