import type { Payload } from 'payload'
import { sql } from '@payloadcms/db-sqlite'

import { cachedRead, clearReadCache, clearReadCacheOnCommit, transactionEnded } from './readCache'

/** Collections whose data the cached answers (counts, matrix, facets, slug lookups) read. */
const CACHED_COLLECTIONS = new Set([
  'knowledge-products',
  'learning-needs',
  'themes',
  'programmes',
  'partnerships',
  'organisations',
])

/** The adapter's write methods (both adapters): a write to a cached collection clears. */
const WRITE_METHODS = [
  'create',
  'createVersion',
  'deleteMany',
  'deleteOne',
  'deleteVersions',
  'updateMany',
  'updateOne',
  'updateVersion',
  'upsert',
] as const

/** Tables whose listing counts are cached: the collections whose hooks clear the cache. */
const COUNTED_TABLES = new Set(['knowledge_products', 'learning_needs'])

type Join = { table: unknown; condition: unknown; type?: string }
type CountArgs = { db: unknown; joins: Join[]; tableName: string; where: unknown; column?: unknown }
type DrizzleQuery = {
  where(w: unknown): DrizzleQuery
  $dynamic(): DrizzleQuery
  toSQL(): { sql: string; params: unknown[] }
} & Record<string, (table: unknown, condition: unknown) => DrizzleQuery>
type SqliteAdapter = {
  name: string
  drizzle: { select(fields: object): { from(table: unknown): DrizzleQuery } }
  tables: Record<string, unknown>
  countDistinct(args: CountArgs): Promise<number>
  commitTransaction(id?: unknown): Promise<void>
  rollbackTransaction(id?: unknown): Promise<void>
}

const ALIAS = /"[0-9a-f]{8}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{4}_[0-9a-f]{12}"/g

/** Payload names each join with a random UUID: number them in order so equal queries match. */
export function normaliseAliases(text: string): string {
  const names = new Map<string, string>()
  return text.replace(ALIAS, (alias) => {
    if (!names.has(alias)) names.set(alias, `"j${names.size + 1}"`)
    return names.get(alias)!
  })
}

/**
 * `onInit`: hooks the read cache into the database adapter.
 *
 * - Both adapters: a write to a collection the cache reads clears it, and so does the commit (or
 *   rollback) of its transaction, so a read made between the write and the commit is not kept.
 * - SQLite: the listing count behind every paginated REST `find` (`countDistinct`, a full
 *   count of the matching rows, the one part of a page that grows with the table) is cached per
 *   SQL statement for the public collections. Counts inside a transaction are never cached.
 */
export function installReadCache(payload: Payload): void {
  const adapter = payload.db as unknown as SqliteAdapter
  const methods = adapter as unknown as Record<string, unknown>
  // Writes made below the Local API (restore, migrations, scripts) skip the collections' hooks:
  // the adapter itself clears, then once more when the write's transaction commits.
  for (const method of WRITE_METHODS) {
    const original = methods[method]
    if (typeof original !== 'function') continue
    const bound = (original as (args: unknown) => Promise<unknown>).bind(adapter)
    methods[method] = async (args: { collection?: string; req?: { transactionID?: unknown } }) => {
      const result = await bound(args)
      if (args?.collection && CACHED_COLLECTIONS.has(args.collection)) {
        clearReadCache()
        const id = await args.req?.transactionID
        if (typeof id === 'string' || typeof id === 'number') clearReadCacheOnCommit(id)
      }
      return result
    }
  }
  for (const method of ['commitTransaction', 'rollbackTransaction'] as const) {
    const original = adapter[method].bind(adapter)
    adapter[method] = async (incoming?: unknown) => {
      const id = incoming instanceof Promise ? await incoming : incoming
      try {
        await original(id)
      } finally {
        if (typeof id === 'string' || typeof id === 'number') transactionEnded(id)
      }
    }
  }
  if (adapter.name !== 'sqlite' || typeof adapter.countDistinct !== 'function') return
  const countDistinct = adapter.countDistinct.bind(adapter)
  adapter.countDistinct = (args: CountArgs) => {
    if (args.db !== adapter.drizzle || !COUNTED_TABLES.has(args.tableName) || args.column) {
      return countDistinct(args)
    }
    let query = adapter.drizzle
      .select({ n: sql`1` })
      .from(adapter.tables[args.tableName])
      .where(args.where)
      .$dynamic()
    for (const join of args.joins) {
      query = query[join.type ?? 'leftJoin']!(join.table, join.condition)
    }
    const { sql: text, params } = query.toSQL()
    return cachedRead(adapter, `count:${normaliseAliases(text)}:${JSON.stringify(params)}`, () =>
      countDistinct(args),
    )
  }
}
