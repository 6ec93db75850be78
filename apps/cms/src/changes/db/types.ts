/**
 * What of the changelog a database does its own way. The page of listed entries, newest first,
 * in a `seq` range and with any of some themes, and how many match: the SQLite adapter's query
 * for a hasMany filter (a join and a distinct over every entry) took 21 s at 100k products, the
 * SQL here milliseconds; MongoDB's multikey index serves the Local API query. And the backfill's
 * bulk write: an adapter insert per row took 31 s and 2.6 GB of native memory at 100k products on
 * SQLite; multi-row INSERTs take a fraction of it.
 */
import type { PayloadRequest } from 'payload'

import type { StoredChange } from '../store'

export type Id = string | number

export type CellRow = { key: string; axis: string; row: string; theme: string | null; at: string }

/** The whole stored log, as the backfill writes it. */
export type LogRows = { changes: Omit<StoredChange, 'id'>[]; cells: CellRow[] }

/** Runs SQL: a migration's `db` (inside the migration's transaction). */
export type SqlRunner = { run(query: unknown): Promise<unknown> }

export type ChangePageQuery = {
  /** Inclusive bounds on `seq` (`at|eventId`). */
  seqFrom?: string
  seqTo?: string
  /** Theme ids: an entry with any of them matches; undefined does not filter. */
  themes?: string[]
  offset: number
  limit: number
}

export type ChangeLogQueries = {
  page(query: ChangePageQuery): Promise<{ ids: Id[]; totalDocs: number }>
  /**
   * Replaces the stored log and cell dates with `rows`, atomically: in `req`'s transaction (or,
   * on SQLite, the migration's `db`), else in one of its own.
   */
  replaceLog(rows: LogRows, options: { req?: PayloadRequest; db?: SqlRunner }): Promise<void>
}
