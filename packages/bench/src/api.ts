/**
 * REST list of products (limit 20) through the built CMS, for representative filter combinations
 * and full-text queries, at 1 and 10 concurrent clients, against the same listing through the
 * raw driver (src/raw-server.ts). Payload ÷ raw is taken within the same run.
 */
import { type ProductFilterInput, productFilters, restQuery } from '@repo/types'

import { load } from './http.js'
import { printTable, writeResult } from './results.js'
import { median, ratio, round, summarise } from './stats.js'

export type ApiOptions = {
  repoRoot: string
  cmsUrl: string
  rawUrl: string
  runs: number
  seconds: number
  needSlug: string
}

export function combinations(needSlug: string): Record<string, ProductFilterInput> {
  return {
    'all, newest first': {},
    theme: { themes: ['gender-equality-and-inclusion'] },
    'programme + type': { programmes: ['dialogue-and-dissent'], types: ['report'] },
    'years 2018–2022, by title': { yearFrom: 2018, yearTo: 2022, sort: 'title' },
    'country + language': { countries: ['Kenya'], languages: ['fr'] },
    'learning need + theme': {
      learningNeeds: [needSlug],
      themes: ['environmental-rights'],
    },
    'full text "land rights"': { q: 'land rights' },
    'full text + theme': { q: 'advocacy', themes: ['environmental-rights'] },
  }
}

/** The REST URL the SDK's `products.list(filter)` requests. */
export function payloadUrl(cmsUrl: string, filter: ProductFilterInput): string {
  const f = productFilters.normalise(filter)
  const params = restQuery('knowledge-products', {
    where: productFilters.toPayloadWhere(f),
    sort: productFilters.toPayloadSort(f),
    page: f.page,
    limit: f.limit,
    mode: 'list',
  })
  return `${cmsUrl}/api/knowledge-products?${params}`
}

export async function benchApi(o: ApiOptions) {
  const rows: Record<string, unknown>[] = []
  const results: Record<string, unknown>[] = []
  for (const [name, filter] of Object.entries(combinations(o.needSlug))) {
    const targets = {
      payload: payloadUrl(o.cmsUrl, filter),
      raw: `${o.rawUrl}/products?${productFilters.toSearchParams(filter)}`,
    }
    // The first request of a view after start-up: nothing cached (its count included).
    const first = await timeOnce(targets.payload)
    const byClients: Record<string, unknown> = {}
    for (const clients of [1, 10]) {
      const per: Record<string, { p50: number; p95: number; rps: number; runs: object[] }> = {}
      for (const [target, url] of Object.entries(targets)) {
        await load(url, 1, 1) // warm-up
        const runs = []
        for (let i = 0; i < o.runs; i++) runs.push(await load(url, clients, o.seconds))
        const all = runs.flatMap((r) => r.latencies)
        const s = summarise(all)
        per[target] = {
          p50: s.p50,
          p95: s.p95,
          rps: round(median(runs.map((r) => r.rps))),
          runs: runs.map((r) => ({ ...summarise(r.latencies), rps: round(r.rps) })),
        }
      }
      const ratioP50 = ratio(per.payload!.p50, per.raw!.p50)
      byClients[`${clients}`] = { ...per, payloadOverRawP50: ratioP50 }
      rows.push({
        query: name,
        clients,
        'payload p50': per.payload!.p50,
        'payload p95': per.payload!.p95,
        'payload req/s': per.payload!.rps,
        'raw p50': per.raw!.p50,
        'raw p95': per.raw!.p95,
        'raw req/s': per.raw!.rps,
        'payload÷raw (p50)': ratioP50,
      })
    }
    results.push({
      query: name,
      filter,
      url: targets.payload,
      firstRequestMs: round(first),
      clients: byClients,
    })
  }
  printTable(
    'REST list of products, limit=20 (ms; Payload vs raw libsql driver, same machine, same run)',
    rows,
  )
  const ratios10 = rows.filter((r) => r.clients === 10).map((r) => r['payload÷raw (p50)'] as number)
  const ratios1 = rows.filter((r) => r.clients === 1).map((r) => r['payload÷raw (p50)'] as number)
  const p95at10 = rows.filter((r) => r.clients === 10).map((r) => r['payload p95'] as number)
  const summary = {
    worstP95At10ms: Math.max(...p95at10),
    medianPayloadOverRaw1: round(median(ratios1)),
    medianPayloadOverRaw10: round(median(ratios10)),
    firstRequestMs: Object.fromEntries(results.map((r) => [r.query as string, r.firstRequestMs])),
  }
  printTable('REST list summary', [summary])
  writeResult(o.repoRoot, 'api', { runs: o.runs, secondsPerRun: o.seconds, summary, results })
  return summary
}

async function timeOnce(url: string): Promise<number> {
  const start = performance.now()
  const res = await fetch(url)
  await res.arrayBuffer()
  if (!res.ok) throw new Error(`${url}: ${res.status}`)
  return performance.now() - start
}
