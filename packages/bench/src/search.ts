/**
 * Search at 100k products, through the built CMS (and the built site for the page figure):
 *
 * - the site's `/products?q=<term>` time to first byte, cold: 20 distinct terms, each asked once
 *   (a new search: nothing of it in the site's data cache; the CMS keeps no cache);
 * - the search API (`/api/search/knowledge-products?q=…`) p50 / p95 at 1 client, over the same
 *   terms, and its throughput at 10 clients;
 * - facets + matrix for a filtered query (text and theme), uncached, and the map's own
 *   endpoints (`/api/map/facets` with filters, `/api/map/matrix`).
 */
import autocannon from 'autocannon'

import { timeRequest } from './http.js'
import { printTable, writeResult } from './results.js'
import { round, summarise } from './stats.js'

/** Words of the synthetic titles and summaries (apps/cms/src/seed/synthetic.ts), and a few rare ones. */
export const TERMS = [
  'forestry',
  'procurement',
  'migration',
  'corruption',
  'disability',
  'humanitarian',
  'peacebuilding',
  'sovereignty',
  'extractive',
  'expression',
  'adaptation',
  'budget',
  'labour',
  'water',
  'tax',
  'digital',
  'youth participation',
  'gender justice',
  '"land rights"',
  'civic -space',
]

export type SearchOptions = {
  repoRoot: string
  cmsUrl: string
  siteUrl?: string
  runs: number
  seconds: number
}

const searchUrl = (cmsUrl: string, q: string, extra = '') =>
  `${cmsUrl}/api/search/knowledge-products?q=${encodeURIComponent(q)}${extra}`

async function get(url: string) {
  const t = await timeRequest(url)
  if (t.status !== 200) throw new Error(`${url}: ${t.status}`)
  return t
}

export async function benchSearch(o: SearchOptions) {
  const out: Record<string, unknown> = {}

  if (o.siteUrl) {
    const cold = []
    for (const q of TERMS) cold.push(await get(`${o.siteUrl}/products?q=${encodeURIComponent(q)}`))
    out.siteColdTtfb = summarise(cold.map((t) => t.ttfbMs))
  }

  const one = []
  for (let r = 0; r < Math.max(3, o.runs); r++) {
    for (const q of TERMS) one.push(await get(searchUrl(o.cmsUrl, q)))
  }
  out.apiOneClient = summarise(one.map((t) => t.totalMs))

  const throughput = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: o.cmsUrl,
        connections: 10,
        duration: o.seconds,
        requests: TERMS.map((q) => ({
          method: 'GET',
          path: new URL(searchUrl(o.cmsUrl, q)).pathname + new URL(searchUrl(o.cmsUrl, q)).search,
        })),
      },
      (err: Error | null, res: autocannon.Result) => (err ? reject(err) : resolve(res)),
    )
  })
  if (throughput.non2xx > 0 || throughput.errors > 0) {
    throw new Error(`search under load: ${throughput.non2xx} non-2xx, ${throughput.errors} errors`)
  }
  out.apiTenClients = {
    rps: round(throughput.requests.average),
    p50: throughput.latency.p50,
    p97_5: throughput.latency.p97_5,
  }

  const filtered = []
  for (const q of TERMS.slice(0, 10)) {
    filtered.push(
      await get(
        searchUrl(o.cmsUrl, q, '&theme=gender-equality-and-inclusion&include=facets,matrix'),
      ),
    )
  }
  out.facetsAndMatrixFiltered = summarise(filtered.map((t) => t.totalMs))

  const facets = []
  const matrix = []
  for (let r = 0; r < Math.max(3, o.runs); r++) {
    facets.push(
      await get(`${o.cmsUrl}/api/map/facets?theme=gender-equality-and-inclusion&type=report`),
    )
    facets.push(await get(`${o.cmsUrl}/api/map/facets`))
    matrix.push(await get(`${o.cmsUrl}/api/map/matrix`))
  }
  out.mapFacets = summarise(facets.map((t) => t.totalMs))
  out.mapMatrix = summarise(matrix.map((t) => t.totalMs))

  printTable('Search (ms; rps at 10 clients)', [
    {
      'site cold TTFB p50': (out.siteColdTtfb as { p50?: number } | undefined)?.p50,
      'API p50 (1 client)': (out.apiOneClient as { p50: number }).p50,
      'API p95 (1 client)': (out.apiOneClient as { p95: number }).p95,
      'API rps (10 clients)': (out.apiTenClients as { rps: number }).rps,
      'facets+matrix filtered p50': (out.facetsAndMatrixFiltered as { p50: number }).p50,
      'map facets p50': (out.mapFacets as { p50: number }).p50,
      'map matrix p50': (out.mapMatrix as { p50: number }).p50,
    },
  ])
  writeResult(o.repoRoot, 'search', { terms: TERMS, ...out })
  return out
}
