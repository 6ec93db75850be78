/**
 * Fills the stored log once from the history already in the database (the published versions,
 * the coverage histories, the review log and the trash), with the same derivation the hooks use
 * for one record (derive.ts). Idempotent: it replaces whatever log is stored. Runs on SQLite as
 * a migration (in the migration's transaction), on MongoDB at start-up when the log is empty
 * (MongoDB has no migrations here), and after a synthetic load (seed/synthetic), whose raw
 * inserts run no hooks.
 */
import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
  type PayloadRequest,
} from 'payload'

import { serialisedWrite } from '../lib/writes'
import { REVIEW_EVENTS } from '../review/states'
import { byteOrder, deriveChanges, type RawChange, recordKey, TRACKED } from './derive'
import { changeQueries, type LogRows, type SqlRunner } from './db'
import { MAP_CHANGES } from './slugs'
import { cellOf, toStored } from './store'

type Id = string | number

/** Each cell key → the newest change that dates it. */
export function cellDatesOf(changes: RawChange[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const c of changes) {
    for (const k of c.cells) {
      const was = out.get(k)
      if (!was || byteOrder(was, c.at) < 0) out.set(k, c.at)
    }
  }
  return out
}

/** The whole log as it follows from the history: each entry with whether it is listed. */
export async function expectedLog(payload: Payload, req?: PayloadRequest) {
  const { changes, visible } = await deriveChanges(payload, { req })
  return {
    changes: changes.map((c) => ({
      ...c,
      listed: c.kind === 'withdrawn' || visible.has(recordKey(c.collection, c.parent)),
    })),
    cells: cellDatesOf(changes),
  }
}

export type BackfillReport = { changes: number; cells: number }

/** Records per derivation: the history is read a batch at a time, never all in memory. */
const BATCH = 1000

/**
 * Every record whose history the log may hold, a batch at a time: all records of each
 * collection (the trash too), and those only the review log still names (deleted since).
 */
async function* recordBatches(payload: Payload, req?: PayloadRequest) {
  for (const collection of TRACKED) {
    const ids = new Map<string, Id>()
    const records = await payload.find({
      collection,
      trash: true,
      pagination: false,
      limit: 0,
      depth: 0,
      overrideAccess: true,
      select: {},
      req,
    })
    for (const d of records.docs) ids.set(String(d.id), d.id)
    const events = await payload.find({
      collection: REVIEW_EVENTS,
      where: {
        and: [
          { from: { equals: 'published' } },
          { to: { not_equals: 'published' } },
          { 'record.relationTo': { equals: collection } },
        ],
      },
      pagination: false,
      limit: 0,
      depth: 0,
      overrideAccess: true,
      select: { record: true },
      req,
    })
    for (const e of events.docs) {
      const value = (e.record as { value: unknown }).value
      const id = value && typeof value === 'object' ? (value as { id: Id }).id : (value as Id)
      if (id !== undefined && id !== null && !ids.has(String(id))) ids.set(String(id), id)
    }
    const all = [...ids.values()]
    for (let i = 0; i < all.length; i += BATCH) {
      yield { collection, ids: all.slice(i, i + BATCH) }
    }
  }
}

/**
 * Rebuilds the stored log and cell dates from the history: read through the Local API (with
 * `req`, inside its transaction), written by the database's bulk write (changes/db) in `req`'s
 * transaction, or the migration's `db`.
 */
export async function backfillChangeLog(
  payload: Payload,
  options: { req?: PayloadRequest; db?: SqlRunner } = {},
): Promise<BackfillReport> {
  const { req } = options
  const rows: LogRows = { changes: [], cells: [] }
  const cells = new Map<string, string>()
  for await (const records of recordBatches(payload, req)) {
    const derived = await deriveChanges(payload, { req, records })
    for (const c of derived.changes) {
      const listed =
        c.kind === 'withdrawn' || derived.visible.has(recordKey(c.collection, c.parent))
      rows.changes.push(toStored(c, listed))
    }
    for (const [key, at] of cellDatesOf(derived.changes)) {
      const was = cells.get(key)
      if (!was || byteOrder(was, at) < 0) cells.set(key, at)
    }
  }
  for (const [key, at] of cells) rows.cells.push({ key, ...cellOf(key), at })
  await changeQueries(payload).replaceLog(rows, options)
  return { changes: rows.changes.length, cells: rows.cells.length }
}

/**
 * Rebuilds the log atomically, serialised with the process's other writes: on SQLite in one
 * batch (its own transaction, after the reads), on MongoDB in a transaction of its own.
 */
export async function rebuildChangeLog(payload: Payload): Promise<BackfillReport> {
  return serialisedWrite(payload, async () => {
    if (payload.db.name !== 'mongoose') return backfillChangeLog(payload)
    const req = await createLocalReq({}, payload)
    const own = await initTransaction(req)
    try {
      const report = await backfillChangeLog(payload, { req })
      if (own) await commitTransaction(req)
      return report
    } catch (err) {
      if (own) await killTransaction(req)
      throw err
    }
  })
}

/** On a database whose log was never filled (MongoDB at start-up): fills it once. */
export async function backfillChangeLogIfEmpty(payload: Payload): Promise<BackfillReport | null> {
  const { totalDocs } = await payload.count({ collection: MAP_CHANGES, overrideAccess: true })
  if (totalDocs > 0) return null
  let history = 0
  for (const collection of TRACKED) {
    history += (await payload.countVersions({ collection, overrideAccess: true })).totalDocs
  }
  if (history === 0) return null
  return rebuildChangeLog(payload)
}
