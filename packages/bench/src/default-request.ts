/**
 * What an anonymous visitor's default-shape request costs (issue 12): `GET
 * /api/knowledge-products?limit=20` with no depth, as anyone may send it, against the SDK's own
 * request for the same page (`products.list({ limit: 20 })`), at 10 concurrent clients. Run on the
 * current CMS ("after") and, with `--cms-root`, on a checkout from before the depth cap
 * ("before"); the label goes into the result file's name.
 */
import { load } from './http.js'
import { payloadUrl } from './api.js'
import { printTable, writeResult } from './results.js'
import { median, ratio, round, summarise } from './stats.js'

export type DefaultRequestOptions = {
  repoRoot: string
  cmsUrl: string
  runs: number
  seconds: number
  /** `after` (this checkout) or `before` (the CMS from `--cms-root`). */
  label: string
  /** The commit the CMS was built from, for the record. */
  commit: string
}

const CLIENTS = 10

export async function benchDefaultRequest(o: DefaultRequestOptions) {
  const targets = {
    'anonymous default (?limit=20)': `${o.cmsUrl}/api/knowledge-products?limit=20`,
    'SDK products.list({ limit: 20 })': payloadUrl(o.cmsUrl, { limit: 20 }),
  }
  const rows: Record<string, unknown>[] = []
  const results: Record<string, unknown> = {}
  for (const [name, url] of Object.entries(targets)) {
    const sample = await fetch(url)
    const body = await sample.text()
    if (!sample.ok) throw new Error(`${url}: ${sample.status}`)
    await load(url, 1, 1) // warm-up
    const runs = []
    for (let i = 0; i < o.runs; i++) runs.push(await load(url, CLIENTS, o.seconds))
    const s = summarise(runs.flatMap((r) => r.latencies))
    const rps = round(median(runs.map((r) => r.rps)))
    results[name] = {
      url,
      responseBytes: body.length,
      clients: CLIENTS,
      p50: s.p50,
      p95: s.p95,
      rps,
      runs: runs.map((r) => ({ ...summarise(r.latencies), rps: round(r.rps) })),
    }
    rows.push({
      request: name,
      p50: s.p50,
      p95: s.p95,
      'req/s': rps,
      'KiB/response': round(body.length / 1024),
    })
  }
  const [anon, sdk] = Object.values(results) as { p50: number; p95: number }[]
  const summary = {
    label: o.label,
    commit: o.commit,
    anonymousP50: anon!.p50,
    anonymousP95: anon!.p95,
    sdkP50: sdk!.p50,
    sdkP95: sdk!.p95,
    anonymousOverSdkP50: ratio(anon!.p50, sdk!.p50),
  }
  printTable(`Default-shape request vs the SDK's, ${CLIENTS} clients (ms) — ${o.label}`, rows)
  writeResult(o.repoRoot, `default-request-${o.label}`, {
    runs: o.runs,
    secondsPerRun: o.seconds,
    summary,
    results,
  })
  return summary
}
