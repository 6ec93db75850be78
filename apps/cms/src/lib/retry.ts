/**
 * Retries a write that lost a race with another write. Payload's transactions do not retry
 * write conflicts: on MongoDB a conflicting transaction fails with `WriteConflict` (code 112)
 * labelled `TransientTransactionError`, and on SQLite a writer that waits past `busyTimeout`
 * fails with `SQLITE_BUSY`. Both are safe to run again from the start; anything else is thrown
 * at once.
 */

export type RetryOptions = {
  /** Attempts in total, the first included (default 5). */
  attempts?: number
  /** Delay before the first retry, in ms (default 50); it doubles each time. */
  baseDelayMs?: number
  /** Upper bound for one delay, in ms (default 2000). */
  maxDelayMs?: number
  /** Adds up to this fraction of random jitter to each delay (default 0.5), to spread retries. */
  jitter?: number
  /** Decides which errors are worth retrying (default `isWriteConflict`). */
  isRetryable?: (error: unknown) => boolean
  /** Called before each retry, e.g. to log it. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void
  /** Injected in tests; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>
  /** Injected in tests; defaults to Math.random. */
  random?: () => number
}

const MONGO_WRITE_CONFLICT = 112
const TRANSIENT_LABEL = 'TransientTransactionError'
const SQLITE_BUSY = /SQLITE_BUSY|database is locked/i

type ErrorLike = {
  code?: unknown
  codeName?: unknown
  errorLabels?: unknown
  errorLabelSet?: unknown
  hasErrorLabel?: unknown
  message?: unknown
  rawCode?: unknown
  cause?: unknown
}

function hasTransientLabel(e: ErrorLike): boolean {
  if (typeof e.hasErrorLabel === 'function') {
    try {
      if ((e.hasErrorLabel as (l: string) => boolean).call(e, TRANSIENT_LABEL)) return true
    } catch {
      // not the driver's method after all
    }
  }
  if (Array.isArray(e.errorLabels) && e.errorLabels.includes(TRANSIENT_LABEL)) return true
  return e.errorLabelSet instanceof Set && e.errorLabelSet.has(TRANSIENT_LABEL)
}

/**
 * True for errors that mean "another write got there first; try again": MongoDB write conflicts
 * and transient transaction errors, and SQLite's busy/locked errors. Looks through `cause`
 * chains, since Payload and drizzle wrap driver errors.
 */
export function isWriteConflict(error: unknown): boolean {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current)
    const e = current as ErrorLike
    if (e.code === MONGO_WRITE_CONFLICT || e.codeName === 'WriteConflict') return true
    if (hasTransientLabel(e)) return true
    if (typeof e.code === 'string' && SQLITE_BUSY.test(e.code)) return true
    if (e.rawCode === 5 || e.rawCode === 6) return true // SQLITE_BUSY, SQLITE_LOCKED
    if (typeof e.message === 'string' && SQLITE_BUSY.test(e.message)) return true
    current = e.cause
  }
  return false
}

/** The delay before retry number `retry` (1-based): exponential, capped, with jitter. */
export function backoffDelay(
  retry: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'jitter' | 'random'> = {},
): number {
  const base = options.baseDelayMs ?? 50
  const max = options.maxDelayMs ?? 2000
  const jitter = options.jitter ?? 0.5
  const random = options.random ?? Math.random
  const exp = Math.min(max, base * 2 ** (retry - 1))
  return Math.round(Math.min(max, exp * (1 + jitter * random())))
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Runs `fn`, and runs it again after a growing delay while it fails with a write conflict, up
 * to `attempts` times in all. The last error is rethrown. `fn` must be safe to repeat: start its
 * own transaction (or none) on each call, rather than reuse a request's failed transaction.
 */
export async function retryOnConflict<T>(
  fn: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 5)
  const isRetryable = options.isRetryable ?? isWriteConflict
  const sleep = options.sleep ?? defaultSleep
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt)
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error
      const delayMs = backoffDelay(attempt, options)
      options.onRetry?.({ attempt, delayMs, error })
      await sleep(delayMs)
    }
  }
}
