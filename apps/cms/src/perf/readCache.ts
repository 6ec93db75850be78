/**
 * An in-process cache for the expensive public reads of the map: matrix and facet counts,
 * listing counts, and slug → id lookups. Keyed by the query, bounded in size and age, and
 * emptied whenever content changes (`clearReadCache`, from the collections' afterChange and
 * afterDelete hooks, and again when their transaction commits, see `install.ts`).
 *
 * It is per process: with several CMS processes each has its own, and a write made directly
 * in the database (not through Payload) is seen after at most `READ_CACHE_TTL_MS`.
 */

/** The longest an answer is served from the cache. */
export const READ_CACHE_TTL_MS = 60_000
/** The most answers kept; the oldest go first. */
export const READ_CACHE_MAX_ENTRIES = 2_000

type Entry = { value: Promise<unknown>; at: number; generation: number }

const entries = new Map<string, Entry>()
let generation = 0
let hits = 0
let misses = 0

const scopes = new WeakMap<object, number>()
let scopeCount = 0

/**
 * The cached answer for `key` in `scope` (the Payload instance or its database adapter: two
 * instances in one process, as in the tests, never share answers), or `compute()`'s, stored for
 * the next call. Concurrent callers share one computation. A computation that started before a
 * `clearReadCache` is not kept, and a failed one is never kept.
 */
export function cachedRead<T>(scope: object, name: string, compute: () => Promise<T>): Promise<T> {
  let id = scopes.get(scope)
  if (id === undefined) scopes.set(scope, (id = scopeCount++))
  const key = `${id}:${name}`
  const now = Date.now()
  const found = entries.get(key)
  if (found && found.generation === generation && now - found.at < READ_CACHE_TTL_MS) {
    hits++
    return found.value as Promise<T>
  }
  misses++
  const started = generation
  const value = compute()
  const entry: Entry = { value, at: now, generation: started }
  entries.set(key, entry)
  value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key)
  })
  if (entries.size > READ_CACHE_MAX_ENTRIES) {
    const oldest = entries.keys().next().value
    if (oldest !== undefined) entries.delete(oldest)
  }
  return value
}

/** Forgets every cached answer (content changed). */
export function clearReadCache(): void {
  generation++
  entries.clear()
}

const pendingCommits = new Set<string | number>()

/** Clears the cache again once the transaction `id` commits (see `perf/install.ts`). */
export function clearReadCacheOnCommit(id: string | number): void {
  pendingCommits.add(id)
}

/** Called by the adapter after a commit or rollback: clears when the transaction changed content. */
export function transactionEnded(id: string | number): void {
  if (pendingCommits.delete(id)) clearReadCache()
}

/** Hit and miss counters, for tests and the benchmark. */
export function readCacheStats(): { hits: number; misses: number; entries: number } {
  return { hits, misses, entries: entries.size }
}
