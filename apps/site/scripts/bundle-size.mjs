#!/usr/bin/env node
/**
 * Prints the first-load JavaScript of each route of the built site, gzipped: the framework's
 * root chunks plus the client chunks of the route's layouts, page and error boundaries (from the
 * client reference manifests Next writes per route), i.e. the `<script async>` tags of its HTML.
 * The legacy polyfills (`<script nomodule>`, skipped by modern browsers) are not counted.
 * Run `pnpm --filter @repo/site build` first.
 *
 *   pnpm --filter @repo/site bundle-size            # table
 *   pnpm --filter @repo/site bundle-size --json     # machine-readable
 *   pnpm --filter @repo/site bundle-size --budget 150   # exit 1 if a content page is over (KiB)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'
import { gzipSync } from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const next = path.join(root, '.next')
const args = process.argv.slice(2)
const asJson = args.includes('--json')
const budgetIndex = args.indexOf('--budget')
const budgetKiB = budgetIndex >= 0 ? Number(args[budgetIndex + 1]) : undefined

if (!existsSync(path.join(next, 'BUILD_ID'))) {
  console.error('The site is not built: run `pnpm --filter @repo/site build` first.')
  process.exit(1)
}

const buildManifest = JSON.parse(readFileSync(path.join(next, 'build-manifest.json'), 'utf8'))
const rootFiles = buildManifest.rootMainFiles ?? []

const gzipCache = new Map()
const gzipSize = (file) => {
  if (!gzipCache.has(file)) {
    gzipCache.set(file, gzipSync(readFileSync(path.join(next, file)), { level: 9 }).length)
  }
  return gzipCache.get(file)
}

/** Every `page_client-reference-manifest.js` under .next/server/app. */
function manifests(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) out.push(...manifests(full))
    else if (name === 'page_client-reference-manifest.js') out.push(full)
  }
  return out
}

const rows = []
for (const file of manifests(path.join(next, 'server/app'))) {
  const sandbox = {}
  sandbox.globalThis = sandbox
  vm.runInNewContext(readFileSync(file, 'utf8'), sandbox)
  for (const [page, manifest] of Object.entries(sandbox.__RSC_MANIFEST ?? {})) {
    const route = page.replace(/\/page$/, '') || '/'
    // Every segment the HTML loads: layouts, the page and the error / not-found boundaries.
    const segments = Object.keys(manifest.entryJSFiles ?? {})
    const files = new Set(rootFiles)
    for (const key of segments) {
      for (const f of manifest.entryJSFiles[key]) files.add(f.replace(/^\/_next\//, ''))
    }
    const bytes = [...files].reduce((sum, f) => sum + gzipSize(f), 0)
    const own = [...files]
      .filter((f) => !rootFiles.includes(f))
      .reduce((sum, f) => sum + gzipSize(f), 0)
    rows.push({ route, files: files.size, firstLoadGzip: bytes, routeGzip: own })
  }
}
rows.sort((a, b) => a.route.localeCompare(b.route))

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`
const shared = rootFiles.reduce((sum, f) => sum + gzipSize(f), 0)
if (asJson) {
  console.log(JSON.stringify({ sharedGzip: shared, routes: rows }, null, 2))
} else {
  const width = Math.max(...rows.map((r) => r.route.length), 5)
  console.log(`First-load JS per route (gzip); shared by all: ${kib(shared)}\n`)
  console.log(
    `${'Route'.padEnd(width)}  ${'First load'.padStart(11)}  ${'Route only'.padStart(11)}`,
  )
  for (const r of rows) {
    const over =
      budgetKiB !== undefined && r.firstLoadGzip > budgetKiB * 1024 ? '  over budget' : ''
    console.log(
      `${r.route.padEnd(width)}  ${kib(r.firstLoadGzip).padStart(11)}  ${kib(r.routeGzip).padStart(11)}${over}`,
    )
  }
}
if (budgetKiB !== undefined && rows.some((r) => r.firstLoadGzip > budgetKiB * 1024)) {
  process.exitCode = 1
}
