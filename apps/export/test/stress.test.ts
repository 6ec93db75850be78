/**
 * Exports under stress, over real HTTP: concurrent exports are capped per address (429) and in
 * all (503), both with Retry-After; a reader that stops reading holds the CMS's paging back
 * (backpressure).
 */
import { once } from 'node:events'
import { createServer, get, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSyntheticCms } from '../bench/synthetic-cms.js'
import { appFor } from './helpers.js'

let cms: { url: string; close(): Promise<void> }
beforeAll(async () => {
  cms = await startSyntheticCms(1_000_000)
})
afterAll(async () => cms?.close())

/** The CMS's `fetch`, counting product pages, optionally held until `release()`. */
function cmsFetch(hold = false) {
  let pages = 0
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  const f = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input)
    if (url.includes('/api/knowledge-products') && url.includes('pagination=false')) {
      pages++
      if (hold) await gate
    }
    return fetch(input, init)
  }) as typeof fetch
  return { fetch: f, pages: () => pages, release }
}

async function listen(app: ReturnType<typeof appFor>): Promise<{ url: string; server: Server }> {
  const server = createServer(app).listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

const open = (url: string, from: string) =>
  new Promise<IncomingMessage>((resolve, reject) => {
    const req = get(url, { headers: { 'X-Forwarded-For': from } }, resolve)
    req.on('error', reject)
  })

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 20))
}

describe('exports under stress', () => {
  it('should cap concurrent exports per address (429) and in all (503), with Retry-After', async () => {
    const held = cmsFetch(true)
    const app = appFor(
      { baseUrl: cms.url, fetch: held.fetch },
      { TRUST_PROXY: '1', EXPORT_MAX_PER_ADDRESS: '1', EXPORT_MAX_CONCURRENT: '2' },
    )
    const { url, server } = await listen(app)
    try {
      const path = `${url}/v1/knowledge-products.csv`
      const first = open(path, '203.0.113.1')
      await until(() => held.pages() >= 1)
      const again = await open(path, '203.0.113.1')
      expect(again.statusCode).toBe(429)
      expect(Number(again.headers['retry-after'])).toBeGreaterThan(0)
      again.resume()
      const second = open(path, '203.0.113.2')
      await until(() => held.pages() >= 2)
      const third = await open(path, '203.0.113.3')
      expect(third.statusCode).toBe(503)
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0)
      third.resume()
      held.release()
      for (const res of await Promise.all([first, second])) {
        expect(res.statusCode).toBe(200)
        res.destroy()
      }
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })

  it('should stop paging the CMS while the reader is paused, and page on when it reads', async () => {
    const counted = cmsFetch()
    const app = appFor({ baseUrl: cms.url, fetch: counted.fetch }, { EXPORT_PAGE_SIZE: '100' })
    const { url, server } = await listen(app)
    try {
      const res = await open(`${url}/v1/knowledge-products.csv`, '198.51.100.7')
      expect(res.statusCode).toBe(200)
      res.pause()
      // Paging stops once the buffers are full: the count settles far below the 10,000 pages.
      let settled = -1
      while (settled !== counted.pages()) {
        settled = counted.pages()
        await new Promise((r) => setTimeout(r, 300))
      }
      expect(settled).toBeLessThan(200)
      // Reading again lets the export page on.
      res.resume()
      await until(() => counted.pages() > settled + 5)
      res.destroy()
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})
