/**
 * The site's sitemap at 100k products (issue 12): the index and each file it lists, cold (the
 * site's data cache emptied, so every CMS answer is read) and warm (the cached CMS answers), with
 * their size and URL count.
 */
import { timeRequest } from './http.js'
import { printTable, writeResult } from './results.js'
import { round } from './stats.js'

export type SitemapOptions = { repoRoot: string; siteUrl: string; runs: number }

export async function benchSitemap(o: SitemapOptions) {
  const get = async (path: string) => {
    const t = await timeRequest(`${o.siteUrl}${path}`)
    if (t.status !== 200) throw new Error(`${path}: ${t.status}`)
    return t
  }
  // The index first, cold: its CMS answers (one count per section) are not cached yet.
  const started = performance.now()
  const indexRes = await fetch(`${o.siteUrl}/sitemap.xml`)
  const indexBody = await indexRes.text()
  const indexColdMs = round(performance.now() - started)
  if (!indexRes.ok) throw new Error(`/sitemap.xml: ${indexRes.status}`)
  const files = [...indexBody.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname)
  const rows: Record<string, unknown>[] = []
  const results: Record<string, unknown>[] = []
  for (const path of files) {
    const cold = await get(path)
    const warm = []
    for (let i = 0; i < Math.max(3, o.runs); i++) warm.push(await get(path))
    const body = await (await fetch(`${o.siteUrl}${path}`)).text()
    const urls = (body.match(/<url>/g) ?? []).length
    const warmMs = round(
      warm.map((t) => t.totalMs).sort((a, b) => a - b)[Math.floor(warm.length / 2)]!,
    )
    rows.push({
      file: path,
      urls,
      KiB: round(cold.bytes / 1024),
      'cold ms': round(cold.totalMs),
      'warm ms (median)': warmMs,
    })
    results.push({ file: path, urls, bytes: cold.bytes, coldMs: round(cold.totalMs), warmMs })
  }
  const index = await get('/sitemap.xml')
  rows.unshift({
    file: '/sitemap.xml',
    urls: files.length,
    KiB: round(index.bytes / 1024),
    'cold ms': indexColdMs,
    'warm ms (median)': round(index.totalMs),
  })
  const totalUrls = results.reduce((n, r) => n + (r.urls as number), 0)
  const summary = {
    indexColdMs,
    files: files.length,
    urls: totalUrls,
    bytes: results.reduce((n, r) => n + (r.bytes as number), 0) + index.bytes,
    largestFileUrls: Math.max(...results.map((r) => r.urls as number)),
    coldAllFilesMs: round(results.reduce((n, r) => n + (r.coldMs as number), 0)),
    warmAllFilesMs: round(results.reduce((n, r) => n + (r.warmMs as number), 0)),
  }
  printTable('Sitemap (index + files) at this size', rows)
  printTable('Sitemap summary', [summary])
  writeResult(o.repoRoot, 'sitemap', {
    summary,
    index: { bytes: index.bytes, coldMs: indexColdMs, warmMs: round(index.totalMs) },
    results,
  })
  return summary
}
