/**
 * The public site (built, `next start`) against the CMS at 100k products: time to first byte and
 * HTML size for the map (`/`), a filtered product list and a product page, cold (the first
 * request of a page: the site's data cache empty for it; the CMS keeps no cache) and warm
 * (repeated requests), and the first-load JavaScript per route from the build.
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'

import { timeRequest } from './http.js'
import { printTable, writeResult } from './results.js'
import { round, summarise } from './stats.js'

export type SiteOptions = {
  repoRoot: string
  siteUrl: string
  runs: number
  /** Distinct synthetic product slugs: each cold product-page sample uses a new one. */
  productSlugs: string[]
}

export async function benchSite(o: SiteOptions) {
  const pages: { name: string; path: (i: number) => string }[] = [
    { name: 'map /', path: () => '/' },
    { name: 'map /?mode=suggested', path: () => '/?mode=suggested' },
    { name: 'map /?view=bubbles', path: () => '/?view=bubbles' },
    { name: 'bubble figure /map.svg', path: () => '/map.svg' },
    {
      name: 'products list (theme + type)',
      // A new page of the same view per sample, so the cold figure is really cold.
      path: (i) =>
        `/products?theme=gender-equality-and-inclusion&type=report${i > 0 ? `&page=${i + 1}` : ''}`,
    },
    { name: 'product page', path: (i) => `/products/${o.productSlugs[i % o.productSlugs.length]}` },
  ]
  const rows: Record<string, unknown>[] = []
  const results: Record<string, unknown>[] = []
  for (const page of pages) {
    const cold = []
    for (let i = 0; i < Math.max(3, o.runs); i++) {
      const t = await timeRequest(`${o.siteUrl}${page.path(i)}`)
      if (t.status !== 200) throw new Error(`${page.path(i)}: ${t.status}`)
      cold.push(t)
      if (page.path(i + 1) === page.path(i)) break // one URL per view: one cold sample
    }
    const warm = []
    for (let i = 0; i < 20 * Math.max(1, o.runs); i++) {
      const t = await timeRequest(`${o.siteUrl}${page.path(0)}`)
      if (t.status !== 200) throw new Error(`${page.path(0)}: ${t.status}`)
      warm.push(t)
    }
    const c = summarise(cold.map((t) => t.ttfbMs))
    const w = summarise(warm.map((t) => t.ttfbMs))
    const total = summarise(warm.map((t) => t.totalMs))
    const html = warm[warm.length - 1]!.bytes
    rows.push({
      page: page.name,
      'cold TTFB p50': c.p50,
      'cold TTFB max': c.max,
      'warm TTFB p50': w.p50,
      'warm TTFB p95': w.p95,
      'warm total p95': total.p95,
      'HTML KiB': round(html / 1024),
    })
    results.push({
      page: page.name,
      path: page.path(0),
      coldTtfb: c,
      warmTtfb: w,
      warmTotal: total,
      htmlBytes: html,
    })
  }
  printTable('Site: time to first byte (ms) and HTML size', rows)

  const bundle = JSON.parse(
    execFileSync(
      process.execPath,
      [path.join(o.repoRoot, 'apps/site/scripts/bundle-size.mjs'), '--json'],
      {
        encoding: 'utf8',
      },
    ),
  ) as { sharedGzip: number; routes: { route: string; firstLoadGzip: number; routeGzip: number }[] }
  printTable(
    'Site: first-load JS per route (KiB gzipped)',
    bundle.routes.map((r) => ({
      route: r.route,
      'first load': round(r.firstLoadGzip / 1024),
      'route only': round(r.routeGzip / 1024),
    })),
  )
  const summary = {
    worstColdTtfbMs: Math.max(...results.map((r) => (r.coldTtfb as { max: number }).max)),
    worstWarmTtfbP95Ms: Math.max(...results.map((r) => (r.warmTtfb as { p95: number }).p95)),
  }
  writeResult(o.repoRoot, 'site', { summary, results, bundle })
  return summary
}
