/**
 * SQL with `?` placeholders on SQLite, run through `payload.db.drizzle` (Payload's documented
 * escape hatch to the database), for the few places that need raw SQL: the search adapter, its
 * migration and the synthetic load.
 */
import { sql } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

export type SqlValue = string | number | null
export type SqlStatement = { sql: string; args: readonly SqlValue[] }
type Query = ReturnType<typeof sql>
type Drizzle = {
  all(query: Query): Promise<unknown[]>
  run(query: Query): Promise<unknown> & object
  batch(queries: readonly unknown[]): Promise<unknown>
}

/** A `?`-placeholder statement as a drizzle SQL object (values bound, never spliced). */
export function placeholders(text: string, args: readonly SqlValue[]): Query {
  const parts = text.split('?')
  if (parts.length !== args.length + 1) {
    throw new Error(`${parts.length - 1} placeholders for ${args.length} values`)
  }
  const chunks: Query[] = [sql.raw(parts[0]!)]
  args.forEach((arg, i) => chunks.push(sql`${arg}`, sql.raw(parts[i + 1]!)))
  return sql.join(chunks)
}

/** `?, ?, ?` for a list bound as parameters. */
export const questionMarks = (list: readonly unknown[]) => list.map(() => '?').join(', ')

/** `execute` (rows as objects) and `batch` (one transaction) over the adapter's drizzle. */
export function sqliteStatements(payload: Payload) {
  const db = payload.db.drizzle as unknown as Drizzle
  const toQuery = (s: string | SqlStatement) =>
    typeof s === 'string' ? sql.raw(s) : placeholders(s.sql, s.args)
  return {
    execute: async (s: string | SqlStatement) => ({
      rows: (await db.all(toQuery(s))) as Record<string, unknown>[],
    }),
    batch: async (statements: readonly SqlStatement[]) => {
      if (statements.length > 0) await db.batch(statements.map((s) => db.run(toQuery(s))))
    },
  }
}

/** SQLite allows 32766 bound parameters per statement; stay well under it. */
const MAX_PARAMS = 30_000

/** Multi-row `INSERT`s of `rows` into `table`, as few statements as the parameter limit allows. */
export function multiRowInserts(
  table: string,
  columns: string[],
  rows: readonly (readonly SqlValue[])[],
): SqlStatement[] {
  const out: SqlStatement[] = []
  const perStatement = Math.max(1, Math.min(500, Math.floor(MAX_PARAMS / columns.length)))
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `
  const tuple = `(${columns.map(() => '?').join(', ')})`
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement)
    out.push({ sql: head + chunk.map(() => tuple).join(', '), args: chunk.flat() })
  }
  return out
}
