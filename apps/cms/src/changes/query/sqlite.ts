import type { Payload } from 'payload'

import { placeholders, type SqlValue } from '../../lib/sql'
import type { ChangeLogQueries, ChangePageQuery, Id } from './types'

type Drizzle = { all(query: ReturnType<typeof placeholders>): Promise<unknown[]> }

/** The changelog's page on SQLite: the (listed, seq) index in order, themes by their texts. */
export function createSqliteChangeQueries(payload: Payload): ChangeLogQueries {
  const db = () => payload.db.drizzle as unknown as Drizzle
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
          `m.id IN (SELECT t.parent_id FROM map_changes_texts t WHERE t.path = 'themes' AND t.text IN (${q.themes.map(() => '?').join(', ')}))`,
        )
        args.push(...q.themes)
      }
      const clause = where.join(' AND ')
      const [rows, count] = await Promise.all([
        db().all(
          placeholders(
            `SELECT m.id AS id FROM map_changes m WHERE ${clause} ORDER BY m.seq DESC LIMIT ? OFFSET ?`,
            [...args, q.limit, q.offset],
          ),
        ),
        db().all(placeholders(`SELECT count(*) AS n FROM map_changes m WHERE ${clause}`, args)),
      ])
      return {
        ids: (rows as { id: Id }[]).map((r) => r.id),
        totalDocs: Number((count[0] as { n: number } | undefined)?.n ?? 0),
      }
    },
  }
}
