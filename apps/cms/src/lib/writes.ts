import { AsyncLocalStorage } from 'node:async_hooks'

import type { Payload, PayloadRequest, SanitizedConfig } from 'payload'

/**
 * How writes share one SQLite file, and what runs after their commit.
 *
 * SQLite has one writer at a time. libsql (the SQLite adapter's driver) runs each transaction as
 * `BEGIN IMMEDIATE` on its own connection, synchronously, and the connections it opens for later
 * transactions have no busy timeout: a second transaction in the same process fails at once with
 * SQLITE_BUSY, and a busy timeout would only block the event loop the first one needs to finish.
 * So on SQLite every write of this process takes `writeLock` first (REST, GraphQL, the admin's
 * schedule function, import batches, jobs). Other processes on the same file (the CLI) retry with
 * `retryOnConflict`. MongoDB needs neither.
 */

const holdsLock = new AsyncLocalStorage<true>()
let tail: Promise<void> = Promise.resolve()

/** Runs `fn` once no other write of this process runs; re-entrant within `fn`. */
export async function writeLock<T>(fn: () => Promise<T>): Promise<T> {
  if (holdsLock.getStore()) return fn()
  const before = tail
  let release!: () => void
  tail = new Promise<void>((resolve) => (release = resolve))
  await before
  try {
    return await holdsLock.run(true, fn)
  } finally {
    release()
  }
}

/** Whether writes of this config must take `writeLock`. */
export const serialisesWrites = (db: { name: string }): boolean => db.name === 'sqlite'

/** Runs `fn` under `writeLock` on SQLite, as is on MongoDB. */
export const serialisedWrite = <T>(payload: Payload, fn: () => Promise<T>): Promise<T> =>
  serialisesWrites(payload.db) ? writeLock(fn) : fn()

type Scope = { callbacks: Array<() => void> }
const scopes = new AsyncLocalStorage<Scope>()

/**
 * Runs `fn` as one write: callbacks registered with `afterCommit` inside it run once it has
 * returned, so after Payload committed the transactions it opened; if it throws, they are dropped.
 */
export async function writeScope<T>(fn: () => Promise<T>): Promise<T> {
  if (scopes.getStore()) return fn()
  const scope: Scope = { callbacks: [] }
  const result = await scopes.run(scope, fn)
  for (const callback of scope.callbacks) callback()
  return result
}

// A transaction of a caller outside any write scope that outlives this is reported, not waited on.
const MAX_TRANSACTION_WAIT_MS = 5 * 60_000
const POLL_MS = 20

/**
 * Calls `callback` once the write of `req` is committed: at the end of the enclosing
 * `writeScope` (every HTTP write runs in one); outside it (Local API in a script or a test), once
 * the request's transaction has ended, which Payload's `commitTransaction(req)` and
 * `killTransaction(req)` mark by removing `req.transactionID`. It is never called while the
 * transaction is still open.
 */
export function afterCommit(req: PayloadRequest, callback: () => void): void {
  const scope = scopes.getStore()
  if (scope) {
    scope.callbacks.push(callback)
    return
  }
  void (async () => {
    // Without a transaction Payload leaves a promise of `null` on the request.
    const id = req.transactionID instanceof Promise ? await req.transactionID : req.transactionID
    if (!id) return callback()
    const started = Date.now()
    const poll = () => {
      if (req.transactionID !== id) return callback()
      if (Date.now() - started > MAX_TRANSACTION_WAIT_MS) {
        req.payload.logger.warn('A write outside any write scope kept its transaction open.')
        return
      }
      setTimeout(poll, POLL_MS).unref?.()
    }
    poll()
  })()
}

type RouteHandler = (request: Request, context: never) => Promise<Response>

export type WriteRouteOptions = {
  /** Paths (under the API route) that lock per step themselves: the import, per batch. */
  selfLocking?: string[]
  /** Whether a request may write; default: any method but GET, HEAD and OPTIONS, and the job runs. */
  writes?: (request: Request) => boolean | Promise<boolean>
}

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS'])
// Payload's job endpoints run (and so write) on GET.
const writingGets = /\/payload-jobs\/(run|handle-schedules)\/?$/

const mayWrite = (request: Request) =>
  !readMethods.has(request.method) || writingGets.test(new URL(request.url).pathname)

/**
 * A Next route handler (REST, GraphQL) run as one write: after-commit callbacks run once it has
 * answered, and on SQLite a request that may write takes `writeLock`.
 */
export function withWrites<H extends RouteHandler>(
  config: Promise<SanitizedConfig> | SanitizedConfig,
  handler: H,
  options: WriteRouteOptions = {},
): H {
  const { selfLocking = [], writes = mayWrite } = options
  return (async (request: Request, context: never) => {
    const resolved = await config
    const run = () => handler(request, context)
    if (!serialisesWrites(resolved.db)) return writeScope(run)
    const path = new URL(request.url).pathname
    const lock =
      !selfLocking.some((p) => path === `${resolved.routes.api}${p}`) && (await writes(request))
    return writeScope(() => (lock ? writeLock(run) : run()))
  }) as H
}

/**
 * The admin's server functions run as one write each, serialised on SQLite: some write (the
 * document lock kept by `form-state`, `schedule-publish`), and which do is Payload's business.
 */
export async function withServerFunctionWrites<T>(
  config: Promise<SanitizedConfig> | SanitizedConfig,
  fn: () => Promise<T>,
): Promise<T> {
  const resolved = await config
  return writeScope(() => (serialisesWrites(resolved.db) ? writeLock(fn) : fn()))
}

/** For GraphQL: only a request that names a mutation may write. */
export const graphqlMayWrite = async (request: Request): Promise<boolean> =>
  /\bmutation\b/.test(await request.clone().text())

const JOBS_EVERY_MS = 60_000

/**
 * Runs due jobs every minute (what Payload's `jobs.autoRun` does) inside `writeLock`, since the
 * jobs runner writes in transactions of its own, and as one write scope, so a scheduled publish
 * revalidates the site after its commit. Used on SQLite in place of `autoRun`'s crons.
 */
export function runJobsSerialised(
  payload: Pick<Payload, 'jobs' | 'logger'>,
  everyMs = JOBS_EVERY_MS,
): () => void {
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    writeScope(() =>
      writeLock(async () => {
        await payload.jobs.handleSchedules({ allQueues: true })
        // One job at a time: two jobs' transactions at once would lock each other out.
        await payload.jobs.run({ allQueues: true, limit: 20, sequential: true })
      }),
    )
      .catch((err: unknown) => payload.logger.error({ err, msg: 'Job queue run failed' }))
      .finally(() => (running = false))
  }, everyMs)
  timer.unref?.()
  return () => clearInterval(timer)
}
