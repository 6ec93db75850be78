/**
 * For the benchmark only: an HTTP server that answers the SDK's REST requests for knowledge
 * products and programmes from GENERATED records ("SYNTHETIC benchmark product …"), as fast as it
 * can. It isolates the export service's own throughput and memory (HTTP, SDK validation, writers)
 * from the CMS's query cost, at sizes the real CMS cannot serve on a small machine. It honours
 * what the SDK sends: the keyset iterator's `where` with `id > last`, `limit` and the count; the
 * product search's first page and total; and the NDJSON stream, written in chunks of
 * `STREAM_CHUNK` records as fast as the reader takes them (`chunks()` counts them).
 */
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Product } from '@repo/types'

export function syntheticProduct(i: number, now = new Date().toISOString()): Product {
  return {
    id: i,
    slug: `synthetic-bench-${i}`,
    title: `SYNTHETIC benchmark product ${String(i).padStart(7, '0')}, not real data`,
    summary: `Synthetic summary for benchmarking the export service; row ${i}, with "quotes", commas and a second sentence.`,
    type: 'report',
    year: 1995 + (i % 30),
    partnerships: [{ id: 1, slug: 'synthetic-partnership', name: 'A partnership', programme: 1 }],
    themes: [
      { id: 1, slug: 't1', title: 'Theme one', colour: '#123456', shortTitle: null, order: 1 },
      { id: 2, slug: 't2', title: 'Theme two', colour: '#654321', shortTitle: null, order: 2 },
    ],
    organisations: [],
    learningNeeds: [],
    languages: ['en'],
    countries: [],
    externalUrl: `https://example.org/synthetic/${i}`,
    file: null,
    licence: null,
    audience: [],
    keywords: [],
    createdAt: now,
    updatedAt: now,
  }
}

const page = (docs: unknown[], totalDocs: number, limit: number, hasNextPage: boolean) => ({
  docs,
  totalDocs,
  limit,
  page: 1,
  totalPages: Math.max(1, Math.ceil(totalDocs / limit)),
  hasNextPage,
  hasPrevPage: false,
  nextPage: hasNextPage ? 2 : null,
  prevPage: null,
})

/** Finds `id > n` in a Payload `where` (as the SDK's iterator writes it). */
function afterId(where: unknown): number {
  let found = 0
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'id' && x && typeof x === 'object' && 'greater_than' in x) {
          found = Number((x as { greater_than: unknown }).greater_than)
        } else walk(x)
      }
    }
  }
  walk(where)
  return found
}

/** Records per write of the synthetic stream (one "page" of the database). */
export const STREAM_CHUNK = 100

export async function startSyntheticCms(
  rows: number,
): Promise<{ url: string; close(): Promise<void>; chunks(): number }> {
  const now = new Date('2026-01-01T00:00:00Z').toISOString()
  let chunks = 0
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://synthetic')
    const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 10))
    if (url.pathname === '/api/stream/knowledge-products') {
      res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' })
      let next = 1
      let gone = false
      res.on('close', () => (gone = true))
      const pump = () => {
        while (!gone && next <= rows) {
          const lines: string[] = []
          for (let k = 0; k < STREAM_CHUNK && next <= rows; k++, next++) {
            lines.push(JSON.stringify({ record: syntheticProduct(next, now) }))
          }
          chunks++
          if (!res.write(`${lines.join('\n')}\n`)) return void res.once('drain', pump)
        }
        if (!gone) res.end(`${JSON.stringify({ end: { count: rows } })}\n`)
      }
      pump()
      return
    }
    let body: unknown
    if (url.pathname === '/api/programmes') {
      body = page(
        [
          {
            id: 1,
            slug: 'synthetic-programme',
            name: 'A programme',
            startYear: 2020,
            endYear: null,
            description: null,
            sources: [],
            createdAt: now,
            updatedAt: now,
          },
        ],
        1,
        limit,
        false,
      )
    } else if (url.pathname === '/api/map/matrix') {
      // No learning needs here: a map with no rows, so no product is suggested for any.
      const mode = url.searchParams.get('mode') === 'suggested' ? 'suggested' : 'confirmed'
      body = {
        axis: 'learning-needs',
        mode,
        suggestions:
          mode === 'suggested' ? { threshold: 0.3, computedAt: now, pending: false } : null,
        programme: null,
        themes: [],
        rows: [],
        totals: { products: 0, byTheme: {} },
      }
    } else if (url.pathname === '/api/search/knowledge-products') {
      const docs: Product[] = []
      for (let i = 1; i <= Math.min(rows, limit); i++) docs.push(syntheticProduct(i, now))
      body = {
        engine: 'synthetic',
        query: null,
        docs,
        hits: docs.map((d) => ({ id: d.id, score: null, snippet: { title: [], summary: [] } })),
        totalDocs: rows,
        page: 1,
        limit,
        totalPages: Math.ceil(rows / limit),
        suggestions: [],
        didYouMean: null,
      }
    } else if (url.pathname === '/api/knowledge-products') {
      const where = url.searchParams.get('where')
      const after = where ? afterId(JSON.parse(where)) : 0
      const first = after + 1
      const last = Math.min(rows, after + limit)
      const docs: Product[] = []
      for (let i = first; i <= last; i++) docs.push(syntheticProduct(i, now))
      body = page(docs, rows - after, limit, last < rows)
    } else {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end('{"errors":[{"message":"Not found"}]}')
      return
    }
    const text = JSON.stringify(body)
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    })
    res.end(text)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    chunks: () => chunks,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
