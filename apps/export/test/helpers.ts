import { once } from 'node:events'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { PassThrough } from 'node:stream'

import { adminApi, type AdminApi, findRepoRoot, startBuiltCms } from '@repo/testing'
import { createClient, type KnowledgeMapClient } from '@repo/types'
import ExcelJS from 'exceljs'
import type { Express } from 'express'
import type { Test } from 'supertest'

import { createApp, type AppDeps } from '../src/app.js'
import { loadConfig, type Config } from '../src/env.js'
import { xlsxSink } from '../src/formats.js'
import type { Column } from '../src/views.js'

/** How the tests reach the CMS: its URL and a `fetch` (the real one, or a failing stand-in). */
export type TestCms = { baseUrl: string; fetch: typeof fetch }

export type SeededCms = TestCms & {
  /** The admin's REST access, for fixtures. */
  api: AdminApi
  client: KnowledgeMapClient
  close: () => Promise<void>
}

/**
 * The built CMS (`pnpm --filter @repo/cms build`) as its own process, the way `pnpm start` runs it:
 * a fresh temporary SQLite database, migrated and loaded with the real seed. The export service
 * reaches it over HTTP, as in production; nothing of the CMS is imported.
 */
export async function startSeededCms(): Promise<SeededCms> {
  const server = await startBuiltCms({ repoRoot: findRepoRoot(import.meta.dirname) })
  try {
    const api = await adminApi(server.url, server.admin)
    return {
      baseUrl: server.url,
      fetch: globalThis.fetch,
      api,
      client: createClient({ baseUrl: server.url, fetch: globalThis.fetch }),
      close: server.stop,
    }
  } catch (err) {
    await server.stop()
    throw err
  }
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    CMS_URL: 'http://cms.test',
    SITE_URL: 'https://site.test',
    RATE_LIMIT_MAX: '1000000',
    ...env,
  })
}

/** The export app wired to the in-process CMS (or to the `fetch` given). */
export function appFor(
  cms: Pick<TestCms, 'fetch' | 'baseUrl'>,
  env: Record<string, string> = {},
  extra: Partial<AppDeps> = {},
): Express {
  return createApp({
    config: testConfig({ CMS_URL: cms.baseUrl, ...env }),
    fetch: cms.fetch,
    ...extra,
  })
}

type BinaryParser = Exclude<Parameters<Test['parse']>[0], (str: string) => unknown>

/** supertest: collect the body as a Buffer whatever the content type. */
export const binary: BinaryParser = (res, done) => {
  const stream = res as unknown as IncomingMessage
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  stream.on('end', () => done(null, Buffer.concat(chunks)))
  stream.on('error', (err: Error) => done(err, Buffer.alloc(0)))
}

/** Every record the SDK lists for a filter, page by page with `list` (the site's way). */
export async function listAll<T>(
  list: (page: number) => Promise<{ docs: T[]; hasNextPage: boolean }>,
): Promise<T[]> {
  const out: T[] = []
  for (let page = 1; ; page++) {
    const res = await list(page)
    out.push(...res.docs)
    if (!res.hasNextPage) return out
  }
}

type Id = string | number

/** Seeded records the tests filter by. */
export type Fixture = {
  theme: { id: Id; slug: string; title: string }
  programme: { id: Id; slug: string; name: string }
  partnership: { id: Id; slug: string; name: string }
  need: { id: Id; slug: string; title: string }
  organisation: { id: Id; slug: string; name: string }
  /** Slugs of the products added by `addTrickyProducts`. */
  tricky: string[]
  draftSlug: string
}

/** Titles that a spreadsheet would run as formulas, and text that stresses every format. */
export const TRICKY_TITLES = [
  '=HYPERLINK("http://evil.example","click")',
  '+1+2',
  '-2+3 budget lines',
  '@SUM(A1:A2)',
  '\tTabbed title',
  '\rCarriage title',
  'Quotes "inside", commas, and\nnew lines',
  'Ünïcödé — ’quotes’ 中文 العربية',
  'Braces {and} 100% of $ & # _ ~ ^ \\ LaTeX',
]

/**
 * Adds published products with tricky text and rich metadata (the real seed has no keywords,
 * languages or countries), plus a draft that no export may show. Marked as test data in the slug.
 */
export async function addTrickyProducts(cms: SeededCms): Promise<Fixture> {
  const { api } = cms
  const first = async (collection: string, where: Record<string, unknown> = {}) => {
    const res = await api.find({ collection, where, limit: 1, depth: 1 })
    return res.docs[0] as unknown as Record<string, unknown>
  }
  const product = await first('knowledge-products', {
    and: [{ _status: { equals: 'published' } }, { partnerships: { exists: true } }],
  })
  const partnership = (product.partnerships as Record<string, unknown>[])[0]!
  const partnershipDoc = await first('partnerships', { id: { equals: partnership.id } })
  const programme = partnershipDoc.programme as Record<string, unknown>
  const theme = await first('themes')
  const need = await first('learning-needs')
  const organisation = await first('organisations')

  const tricky: string[] = []
  for (const [i, title] of TRICKY_TITLES.entries()) {
    const slug = `test-tricky-product-${i}`
    tricky.push(slug)
    await api.create({
      collection: 'knowledge-products',
      data: {
        title,
        slug,
        type: i % 2 === 0 ? 'toolkit' : 'policy-brief',
        year: 2010 + i,
        summary: `${title}\nSecond line, with "quotes".`,
        keywords: ['=cmd|" /C calc"!A0', 'plain keyword', '-minus'],
        languages: ['fr', 'sw'],
        countries: ['Kenya', '@Mali'],
        audience: ['practitioners'],
        licence: 'CC BY 4.0',
        externalUrl: `https://example.org/tricky/${i}?a=1&b=2`,
        themes: [theme.id],
        partnerships: [partnership.id],
        organisations: [organisation.id],
        learningNeeds: [need.id],
        _status: 'published',
      },
    })
  }
  const draftSlug = 'test-draft-product'
  await api.create({
    collection: 'knowledge-products',
    data: {
      title: 'A draft nobody outside may see',
      slug: draftSlug,
      type: 'report',
      themes: [theme.id],
      _status: 'draft',
    },
    draft: true,
  })
  return {
    theme: { id: theme.id as Id, slug: theme.slug as string, title: theme.title as string },
    programme: {
      id: programme.id as Id,
      slug: programme.slug as string,
      name: programme.name as string,
    },
    partnership: {
      id: partnership.id as Id,
      slug: partnership.slug as string,
      name: partnership.name as string,
    },
    need: { id: need.id as Id, slug: need.slug as string, title: need.title as string },
    organisation: {
      id: organisation.id as Id,
      slug: organisation.slug as string,
      name: organisation.name as string,
    },
    tricky,
    draftSlug,
  }
}

/** A published product for `addProducts`: the title and slug, plus any other field. */
export type NewProduct = { title: string; slug: string } & Record<string, unknown>

/**
 * Adds published products (a report in the first theme unless given), e.g. with hostile titles.
 * Returns their ids in order.
 */
export async function addProducts(cms: SeededCms, products: NewProduct[]): Promise<Id[]> {
  const { api } = cms
  const theme = (await api.find({ collection: 'themes', limit: 1 })).docs[0]!
  const ids: Id[] = []
  for (const p of products) {
    const doc = await api.create({
      collection: 'knowledge-products',
      data: { type: 'report', themes: [theme.id], _status: 'published', ...p },
    })
    ids.push(doc.id)
  }
  return ids
}

/**
 * Serves the in-process CMS on a local port, so a child process (the built server) can reach it.
 * `options.pageDelayMs()` slows each page of the SDK's iterator down (for shutdown tests).
 */
export async function serveCms(
  cms: Pick<TestCms, 'fetch' | 'baseUrl'>,
  options: { pageDelayMs?: () => number } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const path = req.url ?? '/'
        const delay = path.includes('pagination=false') ? (options.pageDelayMs?.() ?? 0) : 0
        if (delay > 0) await new Promise((r) => setTimeout(r, delay))
        const headers = new Headers()
        for (const [k, v] of Object.entries(req.headers)) {
          if (typeof v === 'string') headers.set(k, v)
        }
        const response = await cms.fetch(`${cms.baseUrl}${path}`, { method: req.method, headers })
        if (path.includes('/stream/') && response.ok && response.body) {
          // A slow CMS stream: each record line after the page delay (one record per "page").
          res.writeHead(response.status, { 'content-type': response.headers.get('content-type')! })
          let buffer = ''
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
          for (;;) {
            const { done, value } = await reader.read()
            if (done) break
            buffer += value
            let nl: number
            while ((nl = buffer.indexOf('\n')) !== -1) {
              const line = buffer.slice(0, nl + 1)
              buffer = buffer.slice(nl + 1)
              const wait = options.pageDelayMs?.() ?? 0
              if (wait > 0) await new Promise((r) => setTimeout(r, wait))
              if (res.destroyed) return
              res.write(line)
            }
          }
          res.end(buffer)
          return
        }
        const body = Buffer.from(await response.arrayBuffer())
        res.writeHead(response.status, {
          'content-type': response.headers.get('content-type') ?? 'application/json',
          'content-length': body.length,
        })
        res.end(body)
      } catch (err) {
        res.writeHead(500, { 'content-type': 'text/plain' })
        res.end(String(err))
      }
    })()
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

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  await new Promise((r) => server.close(r))
  return port
}

/** Everything a writer writes to a stream, as one Buffer. */
export async function collect(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise((resolve) => out.on('end', resolve))
  await write(out)
  await ended
  return Buffer.concat(chunks)
}

/** The first sheet of an XLSX file, read with exceljs. */
export async function readXlsx(body: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(body as never)
  return workbook.worksheets[0]!
}

/** `rows` through the service's XLSX writer, read back with exceljs. */
export async function writeXlsx<R>(columns: Column<R>[], rows: R[]): Promise<ExcelJS.Worksheet> {
  const body = await collect(async (out) => {
    const sink = xlsxSink(out, columns, {
      view: 'test',
      format: 'xlsx',
      query: '',
      generatedAt: new Date().toISOString(),
      url: 'http://export.test/',
      sheetName: 'Test',
    })
    await sink.begin()
    for (const r of rows) await sink.row(r)
    await sink.end()
  })
  return readXlsx(body)
}
