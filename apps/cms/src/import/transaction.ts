import { randomUUID } from 'node:crypto'

import type { Payload } from 'payload'

type Session = { db: unknown; resolve: () => Promise<void>; reject: () => Promise<void> }
type DrizzleAdapter = {
  drizzle?: { transaction: (fn: (tx: unknown) => Promise<void>) => Promise<void> }
  sessions?: Record<string, Session>
  initializing?: Promise<void>
}

/**
 * Opens one database transaction for a bulk import and returns its id (for `req.transactionID`),
 * or null when the database offers none (MongoDB without a replica set).
 *
 * Payload's SQLite adapter leaves transactions off unless `transactionOptions` is set, and turning
 * them on for every request makes concurrent writes fail with SQLITE_BUSY (libsql opens each
 * transaction on its own connection). So the import opens its own, the way Payload's drizzle
 * adapter does, in its session registry: Payload's operations then run inside it when given the
 * request, and `payload.db.commitTransaction` / `rollbackTransaction` end it as usual.
 */
export async function beginImportTransaction(payload: Payload): Promise<string | number | null> {
  const native = await payload.db.beginTransaction?.()
  if (native) return native
  const db = payload.db as unknown as DrizzleAdapter
  if (!db.drizzle || !db.sessions) return null
  await db.initializing
  const id = randomUUID()
  let ready!: (session: Session) => void
  let failed!: (err: unknown) => void
  const opened = new Promise<Session>((res, rej) => {
    ready = res
    failed = rej
  })
  const done: Promise<void> = db.drizzle
    .transaction(async (tx) => {
      await new Promise<void>((res, rej) => {
        ready({
          db: tx,
          resolve: () => {
            res()
            return done
          },
          reject: () => {
            rej(new Error('rolled back'))
            return done.catch(() => undefined)
          },
        })
      })
    })
    .catch((err: unknown) => failed(err))
  db.sessions[id] = await opened
  return id
}
