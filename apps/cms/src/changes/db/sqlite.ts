import type { Payload } from 'payload'

import {
  multiRowInserts,
  questionMarks,
  placeholders,
  type SqlStatement,
  type SqlValue,
  sqliteStatements,
} from '../../lib/sql'
import type { ChangeLogQueries, ChangePageQuery, Id, LogRows } from './types'

const CHANGE_COLUMNS = [
  'id',
  'event_id',
  'seq',
  'kind',
  'record_collection',
  'record_id',
  'at',
  'title',
  'listed',
  'related_collection',
  'related_id',
  'coverage_from',
  'coverage_to',
  'reason',
  'updated_at',
  'created_at',
]

/** The statements that replace the whole log: the tables emptied, then multi-row INSERTs. */
function replaceStatements(rows: LogRows): SqlStatement[] {
  const now = new Date().toISOString()
  const main: SqlValue[][] = []
  const texts: SqlValue[][] = []
  rows.changes.forEach((c, i) => {
    const id = i + 1
    main.push([
      id,
      c.eventId,
      c.seq,
      c.kind,
      c.recordCollection,
      c.recordId,
      c.at,
      c.title ?? null,
      c.listed ? 1 : 0,
      c.relatedCollection ?? null,
      c.relatedId ?? null,
      c.coverageFrom ?? null,
      c.coverageTo ?? null,
      c.reason ?? null,
      now,
      now,
    ])
    for (const path of ['fields', 'themes', 'cells'] as const) {
      ;(c[path] ?? []).forEach((text, k) => texts.push([k + 1, id, path, text]))
    }
  })
  const cells = rows.cells.map((c): SqlValue[] => [c.key, c.axis, c.row, c.theme, c.at, now, now])
  return [
    { sql: 'DELETE FROM "map_changes_texts"', args: [] },
    { sql: 'DELETE FROM "map_changes"', args: [] },
    { sql: 'DELETE FROM "map_cell_dates"', args: [] },
    ...multiRowInserts('map_changes', CHANGE_COLUMNS, main),
    ...multiRowInserts('map_changes_texts', ['order', 'parent_id', 'path', 'text'], texts),
    ...multiRowInserts(
      'map_cell_dates',
      ['key', 'axis', 'row', 'theme', 'at', 'updated_at', 'created_at'],
      cells,
    ),
  ]
}

/** The changelog's page on SQLite: the (listed, seq) index in order, themes by their texts. */
export function createSqliteChangeQueries(payload: Payload): ChangeLogQueries {
  const { execute } = sqliteStatements(payload)
  return {
    async page(q: ChangePageQuery) {
      const where = ['m.listed = 1']
      const args: SqlValue[] = []
      if (q.seqFrom !== undefined) {
        where.push('m.seq >= ?')
        args.push(q.seqFrom)
      }
      if (q.seqTo !== undefined) {
        where.push('m.seq <= ?')
        args.push(q.seqTo)
      }
      if (q.themes !== undefined) {
        if (q.themes.length === 0) return { ids: [], totalDocs: 0 }
        where.push(
          `m.id IN (SELECT t.parent_id FROM map_changes_texts t WHERE t.path = 'themes' AND t.text IN (${questionMarks(q.themes)}))`,
        )
        args.push(...q.themes)
      }
      const clause = where.join(' AND ')
      const [rows, count] = await Promise.all([
        execute({
          sql: `SELECT m.id AS id FROM map_changes m WHERE ${clause} ORDER BY m.seq DESC LIMIT ? OFFSET ?`,
          args: [...args, q.limit, q.offset],
        }),
        execute({ sql: `SELECT count(*) AS n FROM map_changes m WHERE ${clause}`, args }),
      ])
      return {
        ids: rows.rows.map((r) => r.id as Id),
        totalDocs: Number(count.rows[0]?.n ?? 0),
      }
    },

    async replaceLog(rows, { db: migration }) {
      const statements = replaceStatements(rows)
      if (migration) {
        for (const s of statements) await migration.run(placeholders(s.sql, s.args))
        return
      }
      await sqliteStatements(payload).batch(statements)
    },
  }
}
