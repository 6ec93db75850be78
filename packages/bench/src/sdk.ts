/**
 * A full pass over every published product through the built CMS: the SDK's keyset iterator
 * (`products.iterate`, `MAX_ITERATE_PAGE` per REST request, no counts) and its NDJSON stream
 * (`products.stream`, what the export service reads), against the raw driver's cursor
 * (`libsql`, better-sqlite3's `iterate()`) over the same rows.
 */
import { createClient, MAX_ITERATE_PAGE } from '@repo/types'
import Database from 'libsql'

import { printTable, writeResult } from './results.js'
import { median, round } from './stats.js'

export type SdkOptions = { repoRoot: string; cmsUrl: string; dbFile: string; runs: number }

export async function benchSdk(o: SdkOptions) {
  const client = createClient({ baseUrl: o.cmsUrl, timeoutMs: 60_000 })
  const db = new Database(o.dbFile, { readonly: true })
  const rawStatement = db.prepare(
    `SELECT id, title, slug, summary, type, year, external_url, licence, updated_at, created_at FROM knowledge_products WHERE _status = 'published' AND deleted_at IS NULL ORDER BY id`,
  )
  const sdkRuns: { rows: number; seconds: number; rowsPerSecond: number }[] = []
  const streamRuns: typeof sdkRuns = []
  const rawRuns: typeof sdkRuns = []
  for (let i = 0; i < o.runs; i++) {
    let start = performance.now()
    let n = 0
    for await (const _ of client.products.iterate({}, { pageSize: MAX_ITERATE_PAGE })) n++
    let s = (performance.now() - start) / 1000
    sdkRuns.push({ rows: n, seconds: round(s), rowsPerSecond: round(n / s) })
    // The NDJSON stream the export service reads (`products.stream`): paged in the database.
    start = performance.now()
    n = 0
    for await (const _ of client.products.stream({})) n++
    s = (performance.now() - start) / 1000
    streamRuns.push({ rows: n, seconds: round(s), rowsPerSecond: round(n / s) })
    start = performance.now()
    n = 0
    for (const _ of rawStatement.iterate()) n++
    s = (performance.now() - start) / 1000
    rawRuns.push({ rows: n, seconds: round(s), rowsPerSecond: round(n / s) })
  }
  db.close()
  const sdk = median(sdkRuns.map((r) => r.rowsPerSecond))
  const stream = median(streamRuns.map((r) => r.rowsPerSecond))
  const raw = median(rawRuns.map((r) => r.rowsPerSecond))
  const summary = {
    rows: sdkRuns[0]?.rows ?? 0,
    sdkRowsPerSecond: round(sdk),
    streamRowsPerSecond: round(stream),
    rawCursorRowsPerSecond: round(raw),
    rawOverSdk: round(raw / sdk),
  }
  printTable('SDK full pass vs raw driver cursor (rows/s, median of runs)', [summary])
  writeResult(o.repoRoot, 'sdk', { runs: o.runs, summary, sdkRuns, streamRuns, rawRuns })
  return summary
}
