/**
 * Exports under stress, over real HTTP: concurrent exports are capped per address (429) and in
 * all (503), both with Retry-After; a reader that stops reading holds the CMS's paging back
 * (backpressure), and is cut off after the write-idle timeout with the incomplete marker.
 */
import { once } from 'node:events'
import { createServer, get, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { Writable } from 'node:stream'

import { parse } from 'csv-parse/sync'
import { pino } from 'pino'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startSyntheticCms } from '../bench/synthetic-cms.js'
import { appFor } from './helpers.js'

let cms: { url: string; close(): Promise<void>; chunks(): number }
beforeAll(async () => {
  cms = await startSyntheticCms(1_000_000)
})
afterAll(async () => cms?.close())

/**
 * The CMS's `fetch`, counting the product streams asked for (optionally held until `release()`)
 * and, as `pages`, the chunks the CMS has written: what it read from its database.
 */
function cmsFetch(hold = false) {
  let streams = 0
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  const f = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input)
    if (url.includes('/api/stream/knowledge-products')) {
      streams++
      if (hold) await gate
    }
    return fetch(input, init)
  }) as typeof fetch
  const start = cms.chunks()
  return { fetch: f, streams: () => streams, pages: () => cms.chunks() - start, release }
}

async function listen(
  app: ReturnType<typeof appFor>,
): Promise<{ url: string; server: Server; sockets: Socket[] }> {
  const server = createServer(app)
  const sockets: Socket[] = []
  server.on('connection', (s: Socket) => sockets.push(s))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, sockets }
}

/** A pino logger whose messages the test can wait for. */
function capturedLogger() {
  const messages: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        messages.push((JSON.parse(line) as { msg: string }).msg)
      }
      done()
    },
  })
  return { logger: pino({ level: 'info' }, stream), messages }
}

const readAll = (res: IncomingMessage) =>
  new Promise<{ body: string; complete: boolean }>((resolve) => {
    let body = ''
    res.setEncoding('utf8')
    res.on('data', (c: string) => (body += c))
    res.on('close', () => resolve({ body, complete: res.complete }))
    res.resume()
  })

const settledPages = async (pages: () => number) => {
  let settled = -1
  while (settled !== pages()) {
    settled = pages()
    await new Promise((r) => setTimeout(r, 300))
  }
  return settled
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
      await until(() => held.streams() >= 1)
      const again = await open(path, '203.0.113.1')
      expect(again.statusCode).toBe(429)
      expect(Number(again.headers['retry-after'])).toBeGreaterThan(0)
      again.resume()
      const second = open(path, '203.0.113.2')
      await until(() => held.streams() >= 2)
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

  it('should cut off a reader that stops reading, stop paging the CMS and free its slot', async () => {
    const counted = cmsFetch()
    const app = appFor(
      { baseUrl: cms.url, fetch: counted.fetch },
      { EXPORT_PAGE_SIZE: '100', EXPORT_MAX_CONCURRENT: '1', EXPORT_WRITE_IDLE_TIMEOUT_MS: '300' },
    )
    const { url, server, sockets } = await listen(app)
    try {
      const res = await open(`${url}/v1/knowledge-products.csv`, '198.51.100.8')
      expect(res.statusCode).toBe(200)
      res.pause()
      // The server closes the connection of a reader that takes nothing …
      await once(sockets[0]!, 'close')
      // … the CMS is paged no further …
      const pages = counted.pages()
      expect(await settledPages(counted.pages)).toBe(pages)
      expect(pages).toBeLessThan(200)
      // … and the reader, reading again, gets a cut file, not a complete one.
      const { body, complete } = await readAll(res)
      expect(complete).toBe(false)
      expect(body.length).toBeGreaterThan(0)
      // The slot is free (at most one export runs here) and the service still answers.
      const next = await open(`${url}/v1/knowledge-products.csv`, '198.51.100.8')
      expect(next.statusCode).toBe(200)
      next.destroy()
      const health = await fetch(`${url}/healthz`)
      expect(health.status).toBe(200)
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })

  it.each(['csv', 'ndjson', 'ris'])(
    'should end a stalled %s export with the incomplete marker when the reader reads again',
    async (format) => {
      const counted = cmsFetch()
      const { logger, messages } = capturedLogger()
      const app = appFor(
        { baseUrl: cms.url, fetch: counted.fetch },
        { EXPORT_PAGE_SIZE: '100', EXPORT_WRITE_IDLE_TIMEOUT_MS: '1000' },
        { logger },
      )
      const { url, server } = await listen(app)
      try {
        const res = await open(`${url}/v1/knowledge-products.${format}`, '198.51.100.9')
        expect(res.statusCode).toBe(200)
        res.pause()
        await until(() => messages.includes('export stopped: the client reads nothing'))
        const pages = counted.pages()
        const { body, complete } = await readAll(res)
        expect(complete).toBe(true)
        expect(counted.pages()).toBe(pages)
        const marker =
          /EXPORT INCOMPLETE: The client took no data for 1 s, so the export was stopped\. Only the first (\d+) row\(s\)/
        expect(body).toMatch(marker)
        const rows = Number(marker.exec(body)![1])
        expect(rows).toBeGreaterThan(0)
        if (format === 'csv') {
          const records = parse(body, { bom: true, relax_column_count: true }) as string[][]
          // The header, every row the marker counts, and the marker.
          expect(records).toHaveLength(rows + 2)
          expect(records.at(-1)![0]).toMatch(marker)
        }
        if (format === 'ris') {
          expect(body.match(/^TY {2}- /gm)).toHaveLength(rows + 1)
          expect(body.trimEnd().endsWith('ER  -')).toBe(true)
        }
        if (format === 'ndjson') {
          const lines = body.trimEnd().split('\n')
          expect(lines).toHaveLength(rows + 1)
          const last = JSON.parse(lines.at(-1)!) as { error?: { detail: string } }
          expect(last.error?.detail).toMatch(marker)
        }
      } finally {
        server.closeAllConnections()
        server.close()
      }
    },
  )
})
