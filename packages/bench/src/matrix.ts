/**
 * The map matrix endpoint at 100k products: uncached (the first request after a product is
 * published) and repeated (every request after it); the CMS keeps no cache, so both are computed
 * by the database.
 */
import { printTable, writeResult } from './results.js'
import { round, summarise } from './stats.js'

export type MatrixOptions = {
  repoRoot: string
  cmsUrl: string
  runs: number
  admin: { email: string; password: string }
}

const QUERIES = ['', '?axis=types', '?programme=strengthening-civil-society']

export async function benchMatrix(o: MatrixOptions) {
  const login = await fetch(`${o.cmsUrl}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(o.admin),
  })
  if (!login.ok) throw new Error(`Could not log in as the bench admin: ${login.status}`)
  const { token } = (await login.json()) as { token: string }
  const auth = { Authorization: `JWT ${token}` }
  const found = (await (
    await fetch(
      `${o.cmsUrl}/api/knowledge-products?limit=1&depth=0&where[slug][like]=synthetic-&select[title]=true`,
    )
  ).json()) as { docs: { id: number }[] }
  const productId = found.docs[0]?.id
  if (productId === undefined) throw new Error('No synthetic product to publish.')

  const time = async (url: string) => {
    const start = performance.now()
    const res = await fetch(url)
    await res.arrayBuffer()
    if (!res.ok) throw new Error(`${url}: ${res.status}`)
    return performance.now() - start
  }
  let toggle = 0
  const publish = async () => {
    const res = await fetch(`${o.cmsUrl}/api/knowledge-products/${productId}`, {
      method: 'PATCH',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        licence: ++toggle % 2 ? 'CC BY 4.0' : 'CC BY-SA 4.0',
        _status: 'published',
      }),
    })
    if (!res.ok)
      throw new Error(`Publishing product ${productId} failed: ${res.status} ${await res.text()}`)
  }

  const rows: Record<string, unknown>[] = []
  const results: Record<string, unknown>[] = []
  for (const query of QUERIES) {
    const url = `${o.cmsUrl}/api/map/matrix${query}`
    const uncached: number[] = []
    const cached: number[] = []
    for (let i = 0; i < Math.max(5, o.runs * 3); i++) {
      await publish() // a write first, as when an editor publishes
      uncached.push(await time(url))
      for (let k = 0; k < 10; k++) cached.push(await time(url))
    }
    const u = summarise(uncached)
    const c = summarise(cached)
    rows.push({
      matrix: query || '(learning needs, all programmes)',
      'uncached p50': u.p50,
      'uncached p95': u.p95,
      'cached p50': c.p50,
      'cached p95': c.p95,
      samples: `${u.n} / ${c.n}`,
    })
    results.push({ query, uncached: u, cached: c })
  }
  printTable('Map matrix, GET /api/map/matrix (ms)', rows)
  const summary = {
    uncachedP50Max: round(Math.max(...results.map((r) => (r.uncached as { p50: number }).p50))),
    cachedP95Max: round(Math.max(...results.map((r) => (r.cached as { p95: number }).p95))),
  }
  writeResult(o.repoRoot, 'matrix', { summary, results })
  return summary
}
