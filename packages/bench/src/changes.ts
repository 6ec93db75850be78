/**
 * The changelog at 100k products (issue 16): `/api/changes` (first page, and filtered by theme
 * and date) and `/api/changes/cells` (both axes), read from the stored log. Each URL's first
 * request after the CMS started (cold), then repeated; then after a publish (the write keeps the
 * log in its own transaction, so the next read already shows it), with the publish's own time.
 */
import { printTable, writeResult } from './results.js'
import { round, summarise } from './stats.js'

export type ChangesOptions = {
  repoRoot: string
  cmsUrl: string
  runs: number
  admin: { email: string; password: string }
}

export async function benchChanges(o: ChangesOptions) {
  const theme = (
    (await (await fetch(`${o.cmsUrl}/api/themes?limit=1&depth=0&sort=order`)).json()) as {
      docs: { slug: string }[]
    }
  ).docs[0]?.slug
  if (!theme) throw new Error('No theme to filter the changelog by.')
  const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)
  const urls = [
    '/api/changes?limit=20',
    `/api/changes?theme=${theme}&from=${from}&limit=20`,
    '/api/changes/cells?axis=learning-needs',
    '/api/changes/cells?axis=types',
  ]
  const time = async (url: string) => {
    const start = performance.now()
    const res = await fetch(`${o.cmsUrl}${url}`)
    const body = await res.text()
    if (!res.ok) throw new Error(`${url}: ${res.status} ${body.slice(0, 200)}`)
    return { ms: performance.now() - start, body }
  }

  const cold = new Map<string, number>()
  for (const url of urls) cold.set(url, (await time(url)).ms)
  const totals = JSON.parse((await time(urls[0]!)).body) as { totalDocs: number }

  const login = await fetch(`${o.cmsUrl}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(o.admin),
  })
  if (!login.ok) throw new Error(`Could not log in as the bench admin: ${login.status}`)
  const { token } = (await login.json()) as { token: string }
  const found = (await (
    await fetch(
      `${o.cmsUrl}/api/knowledge-products?limit=1&depth=0&where[slug][like]=synthetic-&select[title]=true`,
    )
  ).json()) as { docs: { id: number }[] }
  const productId = found.docs[0]?.id
  if (productId === undefined) throw new Error('No synthetic product to publish.')
  let toggle = 0
  const publishes: number[] = []
  const publish = async () => {
    const start = performance.now()
    const res = await fetch(`${o.cmsUrl}/api/knowledge-products/${productId}`, {
      method: 'PATCH',
      headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ summary: `Changelog bench edit ${++toggle}`, _status: 'published' }),
    })
    if (!res.ok)
      throw new Error(`Publishing ${productId} failed: ${res.status} ${await res.text()}`)
    publishes.push(performance.now() - start)
  }

  const rows: Record<string, unknown>[] = []
  const results: Record<string, unknown>[] = []
  for (const url of urls) {
    const repeated: number[] = []
    for (let i = 0; i < Math.max(20, o.runs * 10); i++) repeated.push((await time(url)).ms)
    const afterWrite: number[] = []
    for (let i = 0; i < 5; i++) {
      await publish()
      afterWrite.push((await time(url)).ms)
    }
    const r = summarise(repeated)
    const w = summarise(afterWrite)
    rows.push({
      url,
      'cold ms': round(cold.get(url)!),
      p50: r.p50,
      p95: r.p95,
      'after a publish p50': w.p50,
      samples: `${r.n} / ${w.n}`,
    })
    results.push({ url, coldMs: round(cold.get(url)!), repeated: r, afterPublish: w })
  }
  // The last publish shows at the top of the log at once.
  const top = JSON.parse((await time(urls[0]!)).body) as { docs: { kind: string; at: string }[] }
  const publish_ = summarise(publishes)
  printTable(`Changelog at ${totals.totalDocs.toLocaleString('en')} listed changes (ms)`, rows)
  printTable('A publish (PATCH, the changelog written in its transaction) (ms)', [publish_])
  const summary = {
    listedChanges: totals.totalDocs,
    p50Max: round(Math.max(...results.map((r) => (r.repeated as { p50: number }).p50))),
    coldMax: round(Math.max(...results.map((r) => r.coldMs as number))),
    publishP50: publish_.p50,
    newestAfterPublish: top.docs[0]?.kind ?? null,
  }
  writeResult(o.repoRoot, 'changes', { summary, results, publish: publish_ })
  return summary
}
