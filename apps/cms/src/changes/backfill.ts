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
import { byteOrder, deriveChanges, type RawChange, recordKey, TRACKED } from './derive'
import { MAP_CELL_DATES, MAP_CHANGES } from './slugs'
import { cellOf, toStored } from './store'

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

/** Rebuilds the stored log and cell dates from the history, inside `req`'s transaction. */
export async function backfillChangeLog(
  payload: Payload,
  req?: PayloadRequest,
): Promise<BackfillReport> {
  const started = Date.now()
  const { changes, cells } = await expectedLog(payload, req)
  payload.logger.info(
    `Changelog backfill: ${changes.length} changes derived from the history in ${Date.now() - started} ms`,
  )
  for (const collection of [MAP_CHANGES, MAP_CELL_DATES] as const) {
    await payload.db.deleteMany({ collection, where: {}, req })
  }
  const now = new Date().toISOString()
  // The adapter's own insert: a Local API create per entry (hooks, validation, a read back)
  // would take minutes at 100k products; the entries are built by our code, not a user.
  for (const c of changes) {
    await payload.db.create({
      collection: MAP_CHANGES,
      data: { ...toStored(c, c.listed), createdAt: now, updatedAt: now },
      req,
      returning: false,
    } as never)
  }
  for (const [key, at] of cells) {
    await payload.db.create({
      collection: MAP_CELL_DATES,
      data: { key, ...cellOf(key), at, createdAt: now, updatedAt: now },
      req,
      returning: false,
    } as never)
  }
  return { changes: changes.length, cells: cells.size }
}

/** Rebuilds the log in a transaction of its own (serialised with the process's other writes). */
export async function rebuildChangeLog(payload: Payload): Promise<BackfillReport> {
  return serialisedWrite(payload, async () => {
    const req = await createLocalReq({}, payload)
    const own = await initTransaction(req)
    try {
      const report = await backfillChangeLog(payload, req)
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
