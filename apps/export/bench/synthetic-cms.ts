/**
 * For the benchmark only: an HTTP server that answers the SDK's REST requests for knowledge
 * products and programmes from GENERATED records ("SYNTHETIC benchmark product …"), as fast as it
 * can. It isolates the export service's own throughput and memory (HTTP, SDK validation, writers)
 * from the CMS's query cost, at sizes the real CMS cannot serve on a small machine. It honours
 * what the SDK's keyset iterator sends: `where` with `id > last`, `limit`, and the count.
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

export async function startSyntheticCms(
  rows: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const now = new Date('2026-01-01T00:00:00Z').toISOString()
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://synthetic')
    const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 10))
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
