/**
 * Export benchmark: `pnpm --filter @repo/export bench`.
 *
 * All data is SYNTHETIC ("SYNTHETIC benchmark product …", slugs `synthetic-bench-…`): never part
 * of the real seed, generated in memory or inserted into a temporary SQLite database that is
 * deleted at the end. The built export service (`dist/server.js`) runs as a child process, fresh
 * for each measurement, so its peak RSS (VmHWM) belongs to one export.
 *
 * 1. Ceilings, in memory: a bare csv-stringify over rows, and the service's own writers.
 * 2. The service against a synthetic CMS (bench/synthetic-cms.ts) that answers the SDK's requests
 *    from generated records: the service's rows/s, time to first byte and peak RSS at 100k and 1M
 *    rows, without the CMS's query cost.
 * 3. The service against the REAL, built CMS (its own process, as `pnpm start` runs it, on a
 *    temporary SQLite file: real seed plus bulk-inserted synthetic
 *    products), at the sizes it can serve here, and the CMS's page latency as the SDK's iterator
 *    requests it (with Payload's count) and without the count.
 *
 * Knobs (env): BENCH_SIZES (synthetic CMS, default "100000,1000000"), BENCH_CMS_SIZES (real CMS
 * exports, default "5000,20000"), BENCH_PROBE_SIZES (real CMS page latency, default
 * "20000,100000,1000000"), BENCH_FORMATS (default "csv,xlsx,ndjson").
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'

import { createClient as createSqlClient } from '@libsql/client'
import { findRepoRoot, startBuiltCms } from '@repo/testing'
import { createClient, type Product, restQuery } from '@repo/types'
import { stringify } from 'csv-stringify'

import { csvCell } from '../src/cells.js'
import { csvSink, ndjsonSink, xlsxSink, type Sink } from '../src/formats.js'
import { productColumns } from '../src/views.js'
import { freePort } from '../test/helpers.js'
import { startSyntheticCms, syntheticProduct } from './synthetic-cms.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
// Read through a record: this script is not the service, whose settings live in src/env.ts.
const knobs = process.env as Record<string, string | undefined>
const list = (v: string | undefined, d: string) => (v ?? d).split(',').filter(Boolean).map(Number)
const SIZES = list(knobs.BENCH_SIZES, '100000,1000000')
const CMS_SIZES = list(knobs.BENCH_CMS_SIZES, '5000,20000')
const PROBE_SIZES = list(knobs.BENCH_PROBE_SIZES, '20000,100000,1000000')
const FORMATS = (knobs.BENCH_FORMATS ?? 'csv,xlsx,ndjson').split(',') as (
  'csv' | 'xlsx' | 'ndjson'
)[]
const PAGE_SIZE = '100'

/** The CMS's SQLite file, opened beside the running CMS (WAL mode allows it) for bulk inserts. */
type Db = {
  client: { execute(q: string | { sql: string; args: unknown[] }): Promise<{ rows: unknown[] }> }
}

const log = (m: string) => console.log(`[bench] ${m}`)
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10

// --- Synthetic data ----------------------------------------------------------------------------

const TYPES = ['report', 'toolkit', 'policy-brief', 'case-study', 'method', 'video']

async function insertSynthetic(db: Db, from: number, to: number): Promise<void> {
  const ids = async (table: string) =>
    (await db.client.execute(`select id from ${table}`)).rows.map((r) => (r as { id: number }).id)
  const themes = await ids('themes')
  const partnerships = await ids('partnerships')
  const batch = 500
  await db.client.execute('BEGIN')
  try {
    for (let start = from; start < to; start += batch) {
      const end = Math.min(to, start + batch)
      const now = new Date().toISOString()
      const products: string[] = []
      const args: unknown[] = []
      for (let i = start; i < end; i++) {
        products.push('(?,?,?,?,?,?,?,?,?,?)')
        args.push(
          `SYNTHETIC benchmark product ${String(i).padStart(7, '0')}, not real data`,
          `synthetic-bench-${i}`,
          `Synthetic summary for benchmarking the export service; row ${i}, with "quotes", commas and a second sentence.`,
          TYPES[i % TYPES.length],
          1995 + (i % 30),
          `https://example.org/synthetic/${i}`,
          now,
          now,
          'published',
          'published',
        )
      }
      await db.client.execute({
        sql: `insert into knowledge_products (title, slug, summary, type, year, external_url, updated_at, created_at, _status, review_status) values ${products.join(',')}`,
        args,
      })
      const first = (
        await db.client.execute({
          sql: 'select id from knowledge_products where slug = ?',
          args: [`synthetic-bench-${start}`],
        })
      ).rows[0] as { id: number }
      const rels: string[] = []
      const relArgs: unknown[] = []
      for (let k = 0; k < end - start; k++) {
        const id = first.id + k
        const i = start + k
        rels.push('(?,?,?,?,NULL)', '(?,?,?,NULL,?)', '(?,?,?,NULL,?)')
        relArgs.push(1, id, 'partnerships', partnerships[i % partnerships.length])
        relArgs.push(1, id, 'themes', themes[i % themes.length])
        relArgs.push(2, id, 'themes', themes[(i + 1) % themes.length])
      }
      await db.client.execute({
        sql: `insert into knowledge_products_rels ("order", parent_id, path, partnerships_id, themes_id) values ${rels.join(',')}`,
        args: relArgs,
      })
    }
    await db.client.execute('COMMIT')
  } catch (err) {
    await db.client.execute('ROLLBACK')
    throw err
  }
}

// --- The service as a child process -----------------------------------------------------------

async function startService(cmsUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort()
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: root,
    env: {
      PATH: knobs.PATH,
      NODE_ENV: 'production',
      CMS_URL: cmsUrl,
      EXPORT_PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      EXPORT_PAGE_SIZE: PAGE_SIZE,
      EXPORT_MAX_ROWS: '10000000',
      CMS_TIMEOUT_MS: '120000',
      REQUEST_TIMEOUT_MS: '120000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      if (out.includes('listening')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`service exited (${code}): ${out}`)))
  })
  child.stdout!.resume()
  return { child, port }
}

function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024
  return { rss: kb('VmRSS'), peak: kb('VmHWM') }
}

type Measurement = {
  source: 'real cms' | 'synthetic cms' | 'memory' | 'ceiling'
  format: string
  rows: number
  seconds: number
  rowsPerSecond: number
  ttfbMs?: number
  bytes?: number
  baselineRssMb?: number
  peakRssMb?: number
  complete?: boolean
}

async function measureExport(
  source: 'real cms' | 'synthetic cms',
  cmsUrl: string,
  format: string,
  expected: number,
): Promise<Measurement> {
  const { child, port } = await startService(cmsUrl)
  try {
    const baseline = memoryOf(child.pid!).rss
    const started = performance.now()
    let ttfb = 0
    let bytes = 0
    let tail = ''
    await new Promise<void>((resolve, reject) => {
      http
        .get(
          { host: '127.0.0.1', port, path: `/v1/knowledge-products.${format}`, agent: false },
          (res) => {
            if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`))
            res.on('data', (c: Buffer) => {
              if (bytes === 0) ttfb = performance.now() - started
              bytes += c.length
              tail = (tail + c.toString('latin1')).slice(-300)
            })
            res.on('end', resolve)
            res.on('error', reject)
          },
        )
        .on('error', reject)
    })
    const seconds = (performance.now() - started) / 1000
    const { peak } = memoryOf(child.pid!)
    return {
      source,
      format,
      rows: expected,
      seconds: Math.round(seconds * 100) / 100,
      rowsPerSecond: Math.round(expected / seconds),
      ttfbMs: Math.round(ttfb),
      bytes,
      baselineRssMb: mb(baseline),
      peakRssMb: mb(peak),
      complete: !tail.includes('EXPORT INCOMPLETE') && !tail.includes('"error"'),
    }
  } finally {
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
}

// --- Ceilings: no CMS ---------------------------------------------------------------------------

const devNull = () =>
  new Writable({
    write(_chunk, _enc, cb) {
      cb()
    },
  })

const ctx = {
  siteUrl: 'http://localhost:3001',
  cmsPublicUrl: 'http://localhost:3000',
  programmes: new Map<string | number, string>([[1, 'A programme']]),
  suggestedNeeds: new Map<string, string[]>(),
}

async function measureCeiling(rows: number): Promise<Measurement> {
  const columns = productColumns(ctx)
  const data = Array.from({ length: rows }, (_, i) =>
    columns.map((c) => csvCell(c.value(syntheticProduct(i)))),
  )
  const started = performance.now()
  const stringifier = stringify({ record_delimiter: 'windows' })
  const sink = devNull()
  stringifier.pipe(sink)
  for (const row of data) {
    if (!stringifier.write(row)) await once(stringifier, 'drain')
  }
  stringifier.end()
  await once(sink, 'finish')
  const seconds = (performance.now() - started) / 1000
  return {
    source: 'ceiling',
    format: 'csv-stringify (bare)',
    rows,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(rows / seconds),
  }
}

async function measureWriters(format: string, rows: number): Promise<Measurement> {
  const out = devNull()
  const columns = productColumns(ctx)
  const meta = {
    view: 'knowledge-products',
    format: format as 'csv',
    query: '',
    generatedAt: new Date().toISOString(),
    url: 'http://bench/',
  }
  const sink: Sink<Product> =
    format === 'csv'
      ? csvSink(out, columns)
      : format === 'xlsx'
        ? xlsxSink(out, columns, { ...meta, sheetName: 'Bench' })
        : ndjsonSink(out)
  const started = performance.now()
  await sink.begin()
  for (let i = 0; i < rows; i++) await sink.row(syntheticProduct(i))
  await sink.end()
  const seconds = (performance.now() - started) / 1000
  return {
    source: 'memory',
    format,
    rows,
    seconds: Math.round(seconds * 100) / 100,
    rowsPerSecond: Math.round(rows / seconds),
  }
}

// --- The real CMS's page latency ---------------------------------------------------------------

type Probe = { rows: number; withCountMs: number; withoutCountMs: number }

/** The REST page the SDK's iterator asks for (deep in the keyset), with and without the count. */
async function probePages(
  cms: { fetch: typeof fetch; baseUrl: string },
  rows: number,
): Promise<Probe> {
  const params = restQuery('knowledge-products', {
    where: { and: [{ id: { greater_than: Math.floor(rows / 2) } }] },
    sort: 'id',
    limit: 100,
    page: 1,
    mode: 'list',
  })
  const time = async (extra: string) => {
    const runs = 5
    const started = performance.now()
    for (let i = 0; i < runs; i++) {
      await (await cms.fetch(`${cms.baseUrl}/api/knowledge-products?${params}${extra}`)).text()
    }
    return Math.round(((performance.now() - started) / runs) * 10) / 10
  }
  return { rows, withCountMs: await time(''), withoutCountMs: await time('&pagination=false') }
}

// --- Main -------------------------------------------------------------------------------------

async function main() {
  log('building the service (tsc)')
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    { cwd: root, stdio: 'inherit' },
  )
  const results: Measurement[] = []
  const ceilingRows = 100_000
  // A first, unmeasured pass warms the JIT up.
  await measureCeiling(10_000)
  log(`ceiling: bare csv-stringify over ${ceilingRows} in-memory rows`)
  const ceiling = await measureCeiling(ceilingRows)
  results.push(ceiling)
  for (const format of FORMATS) {
    log(`the service's ${format} writer over ${ceilingRows} in-memory products`)
    results.push(await measureWriters(format, ceilingRows))
  }

  for (const size of SIZES) {
    const synthetic = await startSyntheticCms(size)
    try {
      for (const format of FORMATS) {
        log(`export ${format} of ${size} rows from the synthetic CMS`)
        const m = await measureExport('synthetic cms', synthetic.url, format, size)
        log(`  ${m.rowsPerSecond} rows/s, first byte ${m.ttfbMs} ms, peak RSS ${m.peakRssMb} MB`)
        results.push(m)
      }
    } finally {
      await synthetic.close()
    }
  }

  log('starting the real CMS on a temporary SQLite database with the real seed')
  const server = await startBuiltCms({ repoRoot: findRepoRoot(root) })
  const cms = { baseUrl: server.url, fetch: globalThis.fetch }
  const sql = createSqlClient({ url: server.databaseUrl })
  await sql.execute('PRAGMA busy_timeout = 10000')
  const db: Db = { client: sql as unknown as Db['client'] }
  const realCount = (
    (
      await db.client.execute(
        "select count(*) as n from knowledge_products where _status = 'published'",
      )
    ).rows[0] as { n: number }
  ).n
  // Checks that the inserted rows are what the SDK reads: valid, published, with their relations.
  const sdk = createClient({ baseUrl: cms.baseUrl, fetch: cms.fetch })

  const probes: Probe[] = []
  let inserted = 0
  try {
    const steps = [...new Set([...CMS_SIZES, ...PROBE_SIZES])].sort((a, b) => a - b)
    for (const size of steps) {
      const started = performance.now()
      await insertSynthetic(db, inserted, size)
      log(
        `inserted synthetic products ${inserted}…${size - 1} in ${Math.round(performance.now() - started)} ms`,
      )
      inserted = size
      const rows = size + realCount
      const { totalDocs } = await sdk.products.list({ limit: 1 })
      if (totalDocs !== rows) throw new Error(`the CMS lists ${totalDocs} products, not ${rows}`)
      if (PROBE_SIZES.includes(size)) {
        const probe = await probePages(cms, rows)
        log(
          `  CMS page of 100: ${probe.withCountMs} ms with the count, ${probe.withoutCountMs} ms without`,
        )
        probes.push(probe)
      }
      if (!CMS_SIZES.includes(size)) continue
      for (const format of FORMATS) {
        log(`export ${format} of ${rows} rows through the real CMS`)
        const m = await measureExport('real cms', server.url, format, rows)
        log(`  ${m.rowsPerSecond} rows/s, first byte ${m.ttfbMs} ms, peak RSS ${m.peakRssMb} MB`)
        results.push(m)
      }
    }
  } finally {
    sql.close()
    await server.stop()
  }

  console.table(
    results.map((r) => ({
      source: r.source,
      format: r.format,
      rows: r.rows,
      'rows/s': r.rowsPerSecond,
      'vs csv-stringify': (r.rowsPerSecond / ceiling.rowsPerSecond).toFixed(2),
      'first byte ms': r.ttfbMs ?? '',
      'peak RSS MB': r.peakRssMb ?? '',
      'idle RSS MB': r.baselineRssMb ?? '',
      'MB out': r.bytes ? mb(r.bytes) : '',
      complete: r.complete ?? '',
    })),
  )
  const growth = (['synthetic cms', 'real cms'] as const).flatMap((source) =>
    FORMATS.map((format) => {
      const runs = results.filter((r) => r.source === source && r.format === format)
      const small = runs.at(0)
      const large = runs.at(-1)
      return {
        source,
        format,
        fromRows: small?.rows,
        toRows: large?.rows,
        peakRssGrowthMb:
          small && large && small !== large
            ? Math.round(((large.peakRssMb ?? 0) - (small.peakRssMb ?? 0)) * 10) / 10
            : null,
      }
    }),
  )
  console.table(growth)
  console.table(probes)

  const report = {
    generatedAt: new Date().toISOString(),
    note: 'All data synthetic (SYNTHETIC benchmark product …): generated in memory, or bulk-inserted into a temporary SQLite database next to the real seed. Not the real seed.',
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryMb: mb(os.totalmem()),
      node: process.version,
    },
    settings: {
      syntheticSizes: SIZES,
      realCmsSizes: CMS_SIZES,
      probeSizes: PROBE_SIZES,
      formats: FORMATS,
      cmsPageSize: Number(PAGE_SIZE),
      realRows: realCount,
    },
    results,
    rssGrowth: growth,
    cmsPageLatency: probes,
  }
  const dir = path.join(root, 'bench', 'results')
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `export-${report.generatedAt.replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`)
  log(`wrote ${path.relative(root, file)}`)
}

await main()
