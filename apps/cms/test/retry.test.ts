import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { backoffDelay, isWriteConflict, retryOnConflict } from '../src/lib/retry'
import { mongoUrl } from './helpers/payload'

/** The shape of the MongoDB driver's error for a write conflict inside a transaction. */
const mongoWriteConflict = () =>
  Object.assign(new Error('WriteConflict error: this operation conflicted with another one'), {
    code: 112,
    codeName: 'WriteConflict',
    errorLabels: ['TransientTransactionError'],
  })

describe('isWriteConflict', () => {
  it('should recognise MongoDB write conflicts by code, name or transient label', () => {
    expect(isWriteConflict(mongoWriteConflict())).toBe(true)
    expect(isWriteConflict({ code: 112 })).toBe(true)
    expect(isWriteConflict({ codeName: 'WriteConflict' })).toBe(true)
    expect(isWriteConflict({ errorLabelSet: new Set(['TransientTransactionError']) })).toBe(true)
    expect(
      isWriteConflict({ hasErrorLabel: (l: string) => l === 'TransientTransactionError' }),
    ).toBe(true)
  })

  it('should recognise SQLite busy and locked errors', () => {
    expect(
      isWriteConflict({ code: 'SQLITE_BUSY', message: 'SQLITE_BUSY: database is locked' }),
    ).toBe(true)
    expect(isWriteConflict({ rawCode: 5 })).toBe(true)
    expect(isWriteConflict(new Error('database is locked'))).toBe(true)
  })

  it('should look through wrapped causes', () => {
    const wrapped = new Error('Payload: could not save', {
      cause: new Error('drizzle: query failed', { cause: mongoWriteConflict() }),
    })
    expect(isWriteConflict(wrapped)).toBe(true)
  })

  it('should not retry anything else', () => {
    expect(isWriteConflict(new Error('E11000 duplicate key error'))).toBe(false)
    expect(isWriteConflict({ code: 11000 })).toBe(false)
    expect(isWriteConflict({ code: 'SQLITE_CONSTRAINT' })).toBe(false)
    expect(isWriteConflict({ errorLabels: ['UnknownTransactionCommitResult'] })).toBe(false)
    expect(isWriteConflict(null)).toBe(false)
    expect(isWriteConflict('WriteConflict')).toBe(false)
    const loop: { cause?: unknown } = {}
    loop.cause = loop
    expect(isWriteConflict(loop)).toBe(false)
  })
})

describe('backoffDelay', () => {
  it('should double from the base delay up to the cap, without jitter', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) =>
      backoffDelay(n, { baseDelayMs: 100, maxDelayMs: 1000, jitter: 0 }),
    )
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000, 1000])
  })

  it('should add at most the jitter fraction and never pass the cap', () => {
    expect(backoffDelay(1, { baseDelayMs: 100, jitter: 0.5, random: () => 0.999 })).toBe(150)
    expect(backoffDelay(1, { baseDelayMs: 100, jitter: 0.5, random: () => 0 })).toBe(100)
    expect(backoffDelay(4, { baseDelayMs: 100, maxDelayMs: 900, random: () => 0.99 })).toBe(900)
  })
})

describe('retryOnConflict', () => {
  const noSleep = { sleep: async () => {}, random: () => 0 }

  it('should return at once when the first attempt succeeds', async () => {
    let calls = 0
    await expect(retryOnConflict(async () => ++calls, noSleep)).resolves.toBe(1)
    expect(calls).toBe(1)
  })

  it('should retry write conflicts with growing delays until it succeeds', async () => {
    const slept: number[] = []
    const retries: number[] = []
    const result = await retryOnConflict(
      async (attempt) => {
        if (attempt < 4) throw mongoWriteConflict()
        return `done on ${attempt}`
      },
      {
        baseDelayMs: 10,
        random: () => 0,
        sleep: async (ms) => void slept.push(ms),
        onRetry: ({ attempt }) => void retries.push(attempt),
      },
    )
    expect(result).toBe('done on 4')
    expect(slept).toEqual([10, 20, 40])
    expect(retries).toEqual([1, 2, 3])
  })

  it('should give up after the last attempt and rethrow the last error', async () => {
    let calls = 0
    const err = retryOnConflict(
      async () => {
        calls++
        throw Object.assign(mongoWriteConflict(), { attemptNo: calls })
      },
      { ...noSleep, attempts: 3 },
    )
    await expect(err).rejects.toMatchObject({ codeName: 'WriteConflict', attemptNo: 3 })
    expect(calls).toBe(3)
  })

  it('should not retry other errors', async () => {
    let calls = 0
    await expect(
      retryOnConflict(async () => {
        calls++
        throw new Error('validation failed')
      }, noSleep),
    ).rejects.toThrow('validation failed')
    expect(calls).toBe(1)
  })

  it('should wait for real between attempts by default', async () => {
    let calls = 0
    const started = Date.now()
    await retryOnConflict(
      async () => {
        if (++calls < 3) throw mongoWriteConflict()
      },
      { baseDelayMs: 20, jitter: 0 },
    )
    expect(Date.now() - started).toBeGreaterThanOrEqual(55)
  })
})

/**
 * A real SQLite lock: one connection holds a write transaction, another (with no busy timeout)
 * fails with SQLITE_BUSY until the first commits. libsql is the driver Payload's SQLite adapter
 * uses; it is loaded through the adapter's own dependency tree.
 */
describe('retryOnConflict on a locked SQLite database', () => {
  type Client = {
    execute: (sql: string) => Promise<unknown>
    close: () => void
  }
  let dir: string
  let holder: Client
  let writer: Client

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'km-retry-'))
    const requireHere = createRequire(import.meta.url)
    const requireFromAdapter = createRequire(requireHere.resolve('@payloadcms/db-sqlite'))
    const { createClient } = (await import(requireFromAdapter.resolve('@libsql/client'))) as {
      createClient: (config: { url: string }) => Client
    }
    const url = `file:${path.join(dir, 'lock.db')}`
    holder = createClient({ url })
    writer = createClient({ url })
    await holder.execute('CREATE TABLE t (n INTEGER)')
    await writer.execute('PRAGMA busy_timeout = 0')
  })

  afterAll(() => {
    holder?.close()
    writer?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('should see SQLITE_BUSY as a conflict and succeed once the lock is released', async () => {
    await holder.execute('BEGIN IMMEDIATE')
    await holder.execute('INSERT INTO t VALUES (1)')
    const seen: unknown[] = []
    const write = retryOnConflict(() => writer.execute('INSERT INTO t VALUES (2)'), {
      attempts: 20,
      baseDelayMs: 20,
      maxDelayMs: 50,
      onRetry: ({ error }) => void seen.push(error),
    })
    await new Promise((r) => setTimeout(r, 120))
    await holder.execute('COMMIT')
    await write
    expect(seen.length).toBeGreaterThan(0)
    expect(isWriteConflict(seen[0])).toBe(true)
    expect(String((seen[0] as Error).message)).toMatch(/SQLITE_BUSY|locked/i)
    const rows = (await writer.execute('SELECT n FROM t ORDER BY n')) as { rows: { n: number }[] }
    expect(rows.rows.map((r) => Number(r.n))).toEqual([1, 2])
  })
})

/** A real MongoDB write conflict between two transactions, when MONGODB_URL is set. */
describe.skipIf(!mongoUrl())('retryOnConflict on MongoDB transactions', () => {
  it('should see WriteConflict as a conflict and succeed once the other transaction ends', async () => {
    const { MongoClient } = await import('mongodb')
    const client = new MongoClient(mongoUrl()!, { serverSelectionTimeoutMS: 3000 })
    await client.connect()
    const db = client.db(`km_retry_${process.pid}_${Date.now()}`)
    try {
      const coll = db.collection<{ _id: string; n: number }>('counters')
      await coll.insertOne({ _id: 'c', n: 0 })
      const first = client.startSession()
      first.startTransaction()
      await coll.updateOne({ _id: 'c' }, { $inc: { n: 1 } }, { session: first })
      const seen: unknown[] = []
      const second = retryOnConflict(
        async () => {
          // A plain transaction: withTransaction() would retry the conflict itself.
          const session = client.startSession()
          try {
            session.startTransaction()
            await coll.updateOne({ _id: 'c' }, { $inc: { n: 10 } }, { session })
            await session.commitTransaction()
          } catch (err) {
            await session.abortTransaction().catch(() => {})
            throw err
          } finally {
            await session.endSession()
          }
        },
        { attempts: 10, baseDelayMs: 50, onRetry: ({ error }) => void seen.push(error) },
      )
      await new Promise((r) => setTimeout(r, 200))
      await first.commitTransaction()
      await first.endSession()
      await second
      expect(await coll.findOne({ _id: 'c' })).toEqual({ _id: 'c', n: 11 })
      expect(seen.length).toBeGreaterThan(0)
      for (const e of seen) expect(isWriteConflict(e)).toBe(true)
    } finally {
      await db.dropDatabase()
      await client.close()
    }
  })
})
