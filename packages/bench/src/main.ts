/**
 * `pnpm bench` (root) → `turbo run bench` → this: every benchmark of issue 8 against the BUILT
 * CMS (`next start`, production mode) on the synthetic database that `pnpm seed:synthetic` fills
 * (default `apps/cms/data/synthetic.db`), the raw-driver twin of its product listing, and the
 * built site. Each bench prints a table and writes `bench/results/<name>.json`.
 *
 *   pnpm bench                                # all, 3 runs of 5 s per load figure
 *   pnpm --filter @repo/bench bench -- --only api,matrix --runs 1 --seconds 3
 *
 * Options: --only api,matrix,changes,sdk,site,search,default,sitemap,suggestions   --runs N   --seconds N
 *   --database <file>
 *   --cms-root <dir>   run the CMS built in another checkout (e.g. a worktree of an older commit,
 *                      for the "before" of the default-request figure; results labelled `before`)
 * The export service has its own benchmark (`pnpm --filter @repo/export bench`, run by
 * `pnpm bench` too): its figures are in apps/export/bench/results/.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { findRepoRoot, freePort, startBuiltCms, startBuiltSite } from '@repo/testing'
import Database from 'libsql'

import { benchApi } from './api.js'
import { benchDefaultRequest } from './default-request.js'
import { benchChanges } from './changes.js'
import { benchMatrix } from './matrix.js'
import { printTable, writeResult } from './results.js'
import { benchSdk } from './sdk.js'
import { benchSearch } from './search.js'
import { benchSite } from './site.js'
import { benchSitemap } from './sitemap.js'
import { benchSuggestions } from './suggestions.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const repoRoot = findRepoRoot(here)
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    only: {
      type: 'string',
      default: 'site,search,api,matrix,changes,sdk,default,sitemap,suggestions',
    },
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '5' },
    database: { type: 'string' },
    'cms-root': { type: 'string' },
  },
})
const only = new Set(values.only!.split(','))
const runs = Number(values.runs)
const seconds = Number(values.seconds)
const dbFile = path.resolve(
  values.database ??
    process.env.BENCH_DATABASE ??
    path.join(repoRoot, 'apps/cms/data/synthetic.db'),
)
const cmsRoot = path.resolve(values['cms-root'] ?? repoRoot)
const cmsLabel = values['cms-root'] ? 'before' : 'after'
const cmsCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: cmsRoot })
  .toString()
  .trim()
const admin = { email: 'bench-admin@example.org', password: 'bench-admin-password-1' }

// --- The data ---------------------------------------------------------------------------------
if (!existsSync(dbFile)) {
  console.error(
    `No benchmark database at ${dbFile}: run \`pnpm seed:synthetic --products 100000\` first.`,
  )
  process.exit(1)
}
const db = new Database(dbFile, { readonly: true })
const one = <T>(sql: string) => db.prepare(sql).get() as T
const counts = {
  products: one<{ n: number }>(`SELECT count(*) AS n FROM knowledge_products`).n,
  published: one<{ n: number }>(
    `SELECT count(*) AS n FROM knowledge_products WHERE _status = 'published' AND deleted_at IS NULL`,
  ).n,
  synthetic: one<{ n: number }>(
    `SELECT count(*) AS n FROM knowledge_products WHERE slug LIKE 'synthetic-%'`,
  ).n,
  needs: one<{ n: number }>(`SELECT count(*) AS n FROM learning_needs`).n,
}
const needSlug = one<{ slug: string } | undefined>(
  `SELECT slug FROM learning_needs WHERE slug LIKE 'synthetic-%' AND coverage = 'covered' ORDER BY published_product_count LIMIT 1 OFFSET 10`,
)?.slug
const productSlugs = (
  db
    .prepare(
      `SELECT slug FROM knowledge_products WHERE slug LIKE 'synthetic-%' AND _status = 'published' ORDER BY random() LIMIT 20`,
    )
    .all() as { slug: string }[]
).map((r) => r.slug)
db.close()
if (counts.synthetic === 0 || !needSlug) {
  console.error(
    `${dbFile} holds no synthetic products: run \`pnpm seed:synthetic --products 100000\` first.`,
  )
  process.exit(1)
}
printTable(`Data (${dbFile})`, [counts])

// In-process on the database, before the servers share the two cores.
const suggestions = only.has('suggestions')
  ? await benchSuggestions({ repoRoot, dbFile })
  : undefined
if ([...only].every((b) => b === 'suggestions')) {
  console.log(`\nResults written to ${path.join(repoRoot, 'bench/results')}/`)
  process.exit(0)
}

// --- The servers ------------------------------------------------------------------------------
const stops: (() => Promise<void>)[] = []
const stopAll = async () => {
  for (const stop of stops.reverse()) await stop().catch(() => {})
}
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)))

try {
  console.log('Starting the built CMS (next start, production) on the synthetic database…')
  console.log(`CMS from ${cmsRoot} (${cmsCommit}, "${cmsLabel}")`)
  const cms = await startBuiltCms({
    repoRoot: cmsRoot,
    env: {
      DATABASE_URL: `file:${dbFile}`,
      SEED_ADMIN_EMAIL: admin.email,
      SEED_ADMIN_PASSWORD: admin.password,
    },
    admin,
  })
  stops.push(cms.stop)
  const summaries: Record<string, unknown> = suggestions ? { suggestions } : {}

  if (only.has('site')) {
    // Cold means cold: the site's data cache starts empty.
    rmSync(path.join(repoRoot, 'apps/site/.next/cache/fetch-cache'), {
      recursive: true,
      force: true,
    })
    const site = await startBuiltSite({ repoRoot, cmsUrl: cms.url })
    stops.push(site.stop)
    summaries.site = await benchSite({ repoRoot, siteUrl: site.url, runs, productSlugs })
    if (only.has('search')) {
      summaries.search = await benchSearch({
        repoRoot,
        cmsUrl: cms.url,
        siteUrl: site.url,
        runs,
        seconds,
      })
    }
    await site.stop()
    stops.pop()
  } else if (only.has('search')) {
    summaries.search = await benchSearch({ repoRoot, cmsUrl: cms.url, runs, seconds })
  }
  if (only.has('api')) {
    const port = await freePort()
    const raw = await startRaw(port)
    stops.push(raw)
    summaries.api = await benchApi({
      repoRoot,
      cmsUrl: cms.url,
      rawUrl: `http://127.0.0.1:${port}`,
      runs,
      seconds,
      needSlug,
    })
    await raw()
    stops.pop()
  }
  if (only.has('default')) {
    summaries[`defaultRequest-${cmsLabel}`] = await benchDefaultRequest({
      repoRoot,
      cmsUrl: cms.url,
      runs,
      seconds,
      label: cmsLabel,
      commit: cmsCommit,
    })
  }
  if (only.has('sitemap')) {
    rmSync(path.join(repoRoot, 'apps/site/.next/cache/fetch-cache'), {
      recursive: true,
      force: true,
    })
    const site = await startBuiltSite({ repoRoot, cmsUrl: cms.url })
    stops.push(site.stop)
    summaries.sitemap = await benchSitemap({ repoRoot, siteUrl: site.url, runs })
    await site.stop()
    stops.pop()
  }
  if (only.has('matrix'))
    summaries.matrix = await benchMatrix({ repoRoot, cmsUrl: cms.url, runs, admin })
  if (only.has('changes'))
    summaries.changes = await benchChanges({ repoRoot, cmsUrl: cms.url, runs, admin })
  if (only.has('sdk'))
    summaries.sdk = await benchSdk({ repoRoot, cmsUrl: cms.url, dbFile, runs: Math.min(runs, 2) })

  // After every bench: what the CMS process group holds in memory at 100k products.
  summaries.cms = { rssMiB: Math.round((cms.rssKiB() ?? Number.NaN) / 1024) }
  printTable('CMS memory after the benchmarks', [summaries.cms as object])

  const exportDir = path.join(repoRoot, 'apps/export/bench/results')
  summaries.export = existsSync(exportDir)
    ? {
        note: 'Run by `pnpm bench` as @repo/export#bench (its own task); figures in apps/export/bench/results/.',
        files: readdirSync(exportDir).filter((f) => f.endsWith('.json')),
      }
    : { note: 'The export service has no benchmark results yet (apps/export/bench/results/).' }
  printTable('Export', [summaries.export as object])
  // A partial run (--only) keeps the other benches' last figures in the summary.
  const summaryFile = path.join(repoRoot, 'bench/results/summary.json')
  const previous = existsSync(summaryFile)
    ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as { summaries?: object }).summaries
    : undefined
  writeResult(repoRoot, 'summary', { data: counts, summaries: { ...previous, ...summaries } })
  console.log(`\nResults written to ${path.join(repoRoot, 'bench/results')}/`)
} finally {
  await stopAll()
}

function startRaw(port: number): Promise<() => Promise<void>> {
  const tsx = path.join(here, '../node_modules/.bin/tsx')
  const child: ChildProcess = spawn(tsx, [path.join(here, 'raw-server.ts'), dbFile, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  })
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r))
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // gone
      }
      await exited
    }
  }
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(stop))
    child.once('exit', (code) => reject(new Error(`the raw driver server exited (${code})`)))
  })
}
