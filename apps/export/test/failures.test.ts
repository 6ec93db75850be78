/**
 * Bad input, a CMS that is down or goes away mid-export, clients that leave, timeouts, the rate
 * limit, and a fuzz run of random query strings: never a 5xx for bad input, never a silently
 * truncated file.
 */
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { productFilters, toSearchParams, type ProductFilterInput } from '@repo/types'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { VIEWS } from '../src/catalog.js'
import { openApiDocument } from '../src/openapi.js'
import {
  IncompleteProblemSchema,
  NdjsonErrorLineSchema,
  ProblemSchema,
  ProductExportDocumentSchema,
  ReadySchema,
} from '../src/schemas.js'
import {
  addTrickyProducts,
  appFor,
  binary,
  listAll,
  startSeededCms,
  type Fixture,
  type SeededCms,
} from './helpers.js'

let cms: SeededCms
let fx: Fixture
let total: number

beforeAll(async () => {
  cms = await startSeededCms()
  fx = await addTrickyProducts(cms)
  total = (await cms.client.products.list({ limit: 1 })).totalDocs
})
afterAll(async () => {
  await cms?.close()
})

const EXPORT_PATHS = Object.entries(VIEWS).flatMap(([view, v]) =>
  v.formats.map((f) => `/v1/${view}.${f}`),
)

function expectProblem(res: request.Response, status: number) {
  expect(res.status, res.text).toBe(status)
  expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8')
  expect(res.headers['content-disposition']).toBeUndefined()
  const body = ProblemSchema.parse(JSON.parse(res.text))
  expect(body.status).toBe(status)
  return body
}

/**
 * A fetch whose CMS goes away mid-export: a products' NDJSON stream breaks after `rows` records
 * (a reset connection), and list pages and streams fail from the `failFrom`-th request.
 */
function flakyFetch(inner: typeof fetch, failFrom: number, rows = (failFrom - 1) * 3) {
  let pages = 0
  let streams = 0
  const wrapped = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    if (url.includes('/knowledge-products?') && url.includes('pagination=false')) {
      pages++
      if (pages >= failFrom) throw new TypeError('fetch failed: connection reset')
    }
    if (url.includes('/stream/knowledge-products') && ++streams >= failFrom) {
      throw new TypeError('fetch failed: connection reset')
    }
    const res = await inner(input, init)
    if (!url.includes('/stream/knowledge-products') || !res.body) return res
    let sent = 0
    const lines = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(lineSplitter())
    const broken = lines.pipeThrough(
      new TransformStream<string, Uint8Array>({
        transform(line, controller) {
          if (sent >= rows) return controller.error(new TypeError('terminated: connection reset'))
          sent++
          controller.enqueue(new TextEncoder().encode(`${line}\n`))
        },
      }),
    )
    return new Response(broken, { status: res.status, headers: res.headers })
  }) as typeof fetch
  return { fetch: wrapped, pages: () => pages }
}

/** Splits a text stream into lines (without the line feed). */
function lineSplitter(): TransformStream<string, string> {
  let buffer = ''
  return new TransformStream({
    transform(chunk, controller) {
      buffer += chunk
      let nl: number
      while ((nl = buffer.indexOf('\n')) !== -1) {
        controller.enqueue(buffer.slice(0, nl))
        buffer = buffer.slice(nl + 1)
      }
    },
    flush(controller) {
      if (buffer) controller.enqueue(buffer)
    },
  })
}

describe('bad input', () => {
  it.each([
    ['/v1/knowledge-products.csv?theme=Not%20A%20Slug', 'theme'],
    ['/v1/knowledge-products.csv?yearFrom=soon', 'yearFrom'],
    ['/v1/knowledge-products.json?yearFrom=2020&yearTo=2010', 'yearTo'],
    ['/v1/knowledge-products.xlsx?type=novel', 'type'],
    ['/v1/knowledge-products.ndjson?language=xx', 'language'],
    ['/v1/knowledge-products.ris?limit=1000', 'limit'],
    ['/v1/knowledge-products.bib?page=0', 'page'],
    ['/v1/knowledge-products.csv?sort=random', 'sort'],
    ['/v1/knowledge-products.csv?themes=civic-space', 'themes'],
    [`/v1/knowledge-products.csv?q=${'x'.repeat(201)}`, 'q'],
    ['/v1/knowledge-products.csv?sort=title&sort=year', 'sort'],
    ['/v1/knowledge-products.csv?bom=2', 'bom'],
    ['/v1/knowledge-products.json?bom=1', 'bom'],
    ['/v1/knowledge-products.csv?delimiter=tab', 'delimiter'],
    ['/v1/knowledge-products.xlsx?delimiter=semicolon', 'delimiter'],
    ['/v1/map.csv?delimiter=semicolon&delimiter=comma', 'delimiter'],
    ['/v1/learning-needs.csv?coverage=everything', 'coverage'],
    ['/v1/learning-needs.json?kind=wish', 'kind'],
    ['/v1/map.json?axis=diagonal', 'axis'],
    ['/v1/map.csv?programme=Bad_Slug', 'programme'],
    ['/v1/map.csv?theme=x', 'theme'],
  ])('%s → 400 naming %s', async (path, param) => {
    const res = await request(appFor(cms)).get(path)
    const body = expectProblem(res, 400)
    expect(body.param).toBe(param)
    expect(body.errors?.[0]?.param).toBe(param)
    expect(body.detail).toContain(param)
  })

  it.each([
    '/v1/knowledge-products.pdf',
    '/v1/knowledge-products',
    '/v1/learning-needs.ris',
    '/v1/map.xlsx',
    '/v1/insights.csv',
    '/v2/knowledge-products.csv',
    '/',
    '/v1/knowledge-products.csv/extra',
  ])('%s → 404 problem+json', async (path) => {
    expectProblem(await request(appFor(cms)).get(path), 404)
  })

  it('other methods → 405 problem+json with Allow', async () => {
    const res = await request(appFor(cms)).post('/v1/knowledge-products.csv').send('x=1')
    expectProblem(res, 405)
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS')
  })

  it('more rows than an export may hold → 413 before any byte', async () => {
    const res = await request(appFor(cms, { EXPORT_MAX_ROWS: '5' })).get(
      '/v1/knowledge-products.csv',
    )
    expectProblem(res, 413)
  })
})

describe('a site URL', () => {
  it('gives the same rows as the site’s listing, whatever its sort and page', async () => {
    const app = appFor(cms)
    const filters: ProductFilterInput[] = [
      { themes: [fx.theme.slug], sort: 'title', page: 2, limit: 5 },
      { programmes: [fx.programme.slug], yearFrom: 2011, types: ['toolkit', 'report'] },
      { learningNeeds: [fx.need.slug], languages: ['fr'], countries: ['Kenya'] },
      { q: 'title', partnerships: [fx.partnership.slug], sort: '-updatedAt' },
    ]
    for (const filter of filters) {
      // The site builds its links with toSearchParams; a visitor copies the URL.
      const siteUrl = new URL(`https://site.test/products?${toSearchParams(filter)}`)
      const res = await request(app).get(`/v1/knowledge-products.csv${siteUrl.search}`)
      expect(res.status, res.text).toBe(200)
      const rows = parseCsv(res.text, { columns: true }) as Record<string, string>[]
      const site = await listAll(async (page) => {
        const res = await cms.client.products.search({ ...filter, page, limit: 100 })
        return { docs: res.docs, hasNextPage: res.page < res.totalPages }
      })
      expect(rows.map((r) => r.Slug).sort()).toEqual(site.map((p) => p.slug).sort())
      expect(rows.length, String(toSearchParams(filter))).toBeGreaterThan(0)
    }
  })
})

describe('fuzz', () => {
  const names = [
    ...new Set([
      ...['q', 'programme', 'partnership', 'theme', 'need', 'type', 'language', 'country'],
      ...['yearFrom', 'yearTo', 'sort', 'page', 'limit', 'bom', 'axis', 'kind', 'coverage'],
      ...['priority', 'themes', '', '__proto__', 'constructor', 'page[]', 'a.b', 'delimiter'],
    ]),
  ]
  const huge = fc.oneof(
    fc.constantFrom('-1e309', '1e309', 'NaN', 'Infinity', '-0', '1.5', '0x10', '١٢'),
    fc.integer({ min: 1, max: 400 }).map((n) => '9'.repeat(n)),
    fc.double().map(String),
  )
  const values = fc.oneof(
    fc.constantFrom('', ' ', '1', '0', '-1', '2015', '99999999999', '1e3', '0x10', 'null'),
    fc.constantFrom('report', 'title', '-year', 'types', 'open', 'fr', 'Kenya', '%', '%zz'),
    fc.constantFrom('civic-space', 'a--b', 'UPPER', '../../etc', '"><script>', '=1+1'),
    fc.constantFrom('semicolon', 'comma', 'true', '__proto__', '\uFEFF', '\u202E', '＝1'),
    huge,
    fc.integer({ min: 1, max: 10 }).map((k) => 'x'.repeat(k * 1024)),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 10 }),
    fc.string({ unit: 'binary', maxLength: 10 }),
  )
  const brackets = fc
    .array(fc.constantFrom('', '0', '__proto__', 'equals', 'x'), { maxLength: 3 })
    .map((s) => s.map((x) => `[${x}]`).join(''))
  const key = fc
    .tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })), brackets)
    .map(([k, b]) => k + b)
  const pair = fc.tuple(key, values)
  const structured = fc
    .array(pair, { maxLength: 6 })
    .map((pairs) => new URLSearchParams(pairs).toString())
  const raw = fc.string({
    unit: fc.constantFrom('a', '=', '&', '%', '2', 'F', '+', '[', ']', '?', '#', 'é', ';', ' '),
    maxLength: 40,
  })
  const runs = Number(process.env.FUZZ_RUNS) || 2500

  it(`${runs} random query strings on every endpoint: never a 5xx, every failing URL printed`, async () => {
    const app = appFor(cms)
    const seen = new Map<number, number>()
    const failures: string[] = []
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(...EXPORT_PATHS) },
          // The service's other routes, and paths that are none.
          fc.constantFrom('/healthz', '/readyz', '/openapi.json', '/', '/v1/', '/v1/x.csv'),
          fc.constantFrom('/v1/knowledge-products.exe', '/v1/%2e%2e', '/v1/knowledge-products'),
        ),
        fc.oneof(structured, raw),
        fc.boolean(),
        async (path, query, head) => {
          const url = `${path}?${query.replace(/#/g, '%23')}`
          const res = head ? await request(app).head(url) : await request(app).get(url)
          seen.set(res.status, (seen.get(res.status) ?? 0) + 1)
          if (res.status >= 500) failures.push(`${res.status} ${head ? 'HEAD' : 'GET'} ${url}`)
          // (431: Node's HTTP parser refuses headers over 16 KB before the app sees them.)
          else if (res.status >= 400 && res.status !== 431 && !head) {
            ProblemSchema.parse(JSON.parse(res.text))
          }
        },
      ),
      { numRuns: runs },
    )
    const summary = [...seen].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`)
    console.log(`fuzz export: ${runs} requests: ${summary.join(' ')}`)
    for (const f of failures) console.log(`  ${f.slice(0, 4000)}`)
    expect(failures).toEqual([])
    // The run reached both sides: valid exports and refused queries.
    expect(seen.get(200) ?? 0).toBeGreaterThan(50)
    expect(seen.get(400) ?? 0).toBeGreaterThan(50)
  }, 300_000)
})

describe('a CMS that is down', () => {
  const down = (async () => {
    throw new TypeError('fetch failed: ECONNREFUSED')
  }) as typeof fetch

  it.each(EXPORT_PATHS)('%s → 503 problem+json before any byte', async (path) => {
    const res = await request(appFor({ baseUrl: cms.baseUrl, fetch: down })).get(path)
    const body = expectProblem(res, 503)
    expect(body.detail).toMatch(/CMS/)
    expect(res.headers['retry-after']).toBe('10')
  })

  it('a CMS answering 500 → 503; one answering nonsense → 502', async () => {
    const failing = (async () => new Response('oops', { status: 500 })) as typeof fetch
    expectProblem(
      await request(appFor({ baseUrl: cms.baseUrl, fetch: failing })).get(
        '/v1/knowledge-products.csv',
      ),
      503,
    )
    const nonsense = (async () => Response.json({ hello: 'world' })) as typeof fetch
    expectProblem(
      await request(appFor({ baseUrl: cms.baseUrl, fetch: nonsense })).get(
        '/v1/knowledge-products.csv',
      ),
      502,
    )
  })

  it('/readyz says so; /healthz does not depend on it', async () => {
    expectProblem(await request(appFor({ baseUrl: cms.baseUrl, fetch: down })).get('/readyz'), 503)
    const ok = await request(appFor({ baseUrl: cms.baseUrl, fetch: down })).get('/healthz')
    expect(ok.status).toBe(200)
    expect(ok.body.status).toBe('ok')
    const ready = await request(appFor(cms)).get('/readyz')
    expect(ready.status).toBe(200)
    expect(ReadySchema.parse(ready.body).status).toBe('ready')
  })
})

describe('a CMS that goes away mid-export', () => {
  // The CMS's stream breaks after 6 rows (products); for needs, the third need's products fail.
  const app = (view = 'knowledge-products') => {
    const flaky =
      view === 'learning-needs' ? flakyFetch(cms.fetch, 3, Infinity) : flakyFetch(cms.fetch, 3)
    return appFor({ baseUrl: cms.baseUrl, fetch: flaky.fetch })
  }

  it('CSV: the last line says the export is incomplete', async () => {
    const res = await request(app()).get('/v1/knowledge-products.csv')
    expect(res.status).toBe(200)
    const records = parseCsv(res.text, { relax_column_count: true }) as string[][]
    expect(records).toHaveLength(1 + 6 + 1)
    expect(records.at(-1)).toHaveLength(1)
    expect(records.at(-1)![0]).toMatch(/^EXPORT INCOMPLETE: The CMS stopped answering/)
    expect(records.at(-1)![0]).toContain('first 6 row(s)')
    expect(res.text.trimEnd().split('\r\n').at(-1)).toMatch(/^"?EXPORT INCOMPLETE/)
  })

  it('NDJSON: the stream ends with an error object', async () => {
    const res = await request(app()).get('/v1/knowledge-products.ndjson')
    const lines = res.text.trimEnd().split('\n')
    expect(lines).toHaveLength(7)
    const last = NdjsonErrorLineSchema.parse(JSON.parse(lines.at(-1)!))
    expect(last.error.rows).toBe(6)
    expect(last.error.detail).toMatch(/^EXPORT INCOMPLETE/)
  })

  it('JSON: still a valid document, with complete: false and the error', async () => {
    const res = await request(app()).get('/v1/knowledge-products.json')
    const doc = ProductExportDocumentSchema.parse(JSON.parse(res.text))
    expect(doc.complete).toBe(false)
    expect(doc.count).toBe(6)
    expect(doc.data).toHaveLength(6)
    expect(IncompleteProblemSchema.parse(doc.error).rows).toBe(6)
  })

  it('XLSX: a last EXPORT INCOMPLETE row, and the About sheet says INCOMPLETE', async () => {
    const res = await request(app()).get('/v1/knowledge-products.xlsx').buffer(true).parse(binary)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.body as never)
    const [sheet, about] = workbook.worksheets
    expect(sheet!.actualRowCount).toBe(1 + 6 + 1)
    expect(String(sheet!.getRow(8).getCell(1).value)).toMatch(/^EXPORT INCOMPLETE/)
    const status = about!.getSheetValues().find((r) => (r as unknown[])?.[1] === 'Status')
    expect(String((status as unknown[])[2])).toMatch(/^INCOMPLETE: EXPORT INCOMPLETE/)
  })

  it('RIS and BibTeX: a last record titled EXPORT INCOMPLETE', async () => {
    const ris = await request(app()).get('/v1/knowledge-products.ris')
    const records = ris.text.split(/\r\nER {2}-\r\n/).filter((r) => r.trim())
    expect(records).toHaveLength(7)
    expect(records.at(-1)).toMatch(/^\s*TY {2}- GEN\r\nTI {2}- EXPORT INCOMPLETE/)
    const bib = await request(app()).get('/v1/knowledge-products.bib')
    expect(bib.text.match(/^@\w+\{/gm)).toHaveLength(1 + 6 + 1)
    expect(bib.text).toMatch(
      /@misc\{EXPORT_INCOMPLETE,\n {2}title = \{\{EXPORT INCOMPLETE: [^}]+\}\},/,
    )
    expect(bib.text.trimEnd().endsWith('}')).toBe(true)
  })

  it('learning needs: the CSV marker too', async () => {
    // Needs are exported one by one with their products; the third products stream fails.
    const res = await request(app('learning-needs')).get('/v1/learning-needs.csv')
    const records = parseCsv(res.text, { relax_column_count: true }) as string[][]
    expect(records.at(-1)![0]).toMatch(/^EXPORT INCOMPLETE/)
    expect(records.at(-1)![0]).toContain('first 2 row(s)')
  })
})

describe('clients and time', () => {
  it('a client that disconnects stops the export’s read of the CMS stream', async () => {
    let signal: AbortSignal | null | undefined
    let delivered = 0
    // A slow CMS: each line of its product stream takes 20 ms.
    const slow = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input)
      const res = await cms.fetch(input, init)
      if (!url.includes('/stream/knowledge-products') || !res.body) return res
      signal = init?.signal
      const lines = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(lineSplitter())
      const paced = lines.pipeThrough(
        new TransformStream<string, Uint8Array>({
          async transform(line, controller) {
            await new Promise((r) => setTimeout(r, 20))
            delivered++
            controller.enqueue(new TextEncoder().encode(`${line}\n`))
          },
        }),
      )
      return new Response(paced, { status: res.status, headers: res.headers })
    }) as typeof fetch
    const app = appFor({ baseUrl: cms.baseUrl, fetch: slow })
    const server = http.createServer(app).listen(0)
    await once(server, 'listening')
    const { port } = server.address() as AddressInfo
    try {
      await new Promise<void>((resolve, reject) => {
        const req = http.get(`http://127.0.0.1:${port}/v1/knowledge-products.ndjson`, (res) => {
          res.once('data', () => {
            req.destroy()
            resolve()
          })
        })
        req.on('error', (err) => (req.destroyed ? undefined : reject(err)))
      })
      await new Promise((r) => setTimeout(r, 300))
      const after = delivered
      await new Promise((r) => setTimeout(r, 400))
      expect(delivered).toBe(after)
      expect(after).toBeLessThan(total)
      expect(signal?.aborted).toBe(true)
    } finally {
      server.close()
    }
  })

  it('a CMS that hangs → 504 problem+json, and the request to it is aborted', async () => {
    const signals: AbortSignal[] = []
    const hang = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        if (init?.signal) signals.push(init.signal)
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))
      })) as typeof fetch
    const res = await request(
      appFor({ baseUrl: cms.baseUrl, fetch: hang }, { REQUEST_TIMEOUT_MS: '300' }),
    ).get('/v1/knowledge-products.csv')
    expectProblem(res, 504)
    await new Promise((r) => setTimeout(r, 20))
    expect(signals.length).toBeGreaterThan(0)
    expect(signals.every((s) => s.aborted)).toBe(true)
  })

  it('the rate limit per address is configurable and answers 429 problem+json', async () => {
    const app = appFor(cms, { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_MS: '60000' })
    expect((await request(app).get('/v1/map.json')).status).toBe(200)
    expect((await request(app).get('/v1/map.json')).status).toBe(200)
    const third = await request(app).get('/v1/map.json')
    expectProblem(third, 429)
    expect(third.headers.ratelimit).toBeDefined()
    expect((await request(app).get('/healthz')).status).toBe(200)
  })
})

describe('hardening and description', () => {
  it('helmet headers, no x-powered-by, the request id', async () => {
    const res = await request(appFor(cms)).get('/healthz').set('X-Request-Id', 'abc-123')
    expect(res.headers['x-powered-by']).toBeUndefined()
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toBeDefined()
    expect(res.headers['x-request-id']).toBe('abc-123')
    const generated = await request(appFor(cms)).get('/healthz').set('X-Request-Id', 'bad id!')
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    const problem = await request(appFor(cms))
      .get('/v1/map.csv?axis=x')
      .set('X-Request-Id', 'req-42')
    expect(JSON.parse(problem.text).requestId).toBe('req-42')
  })

  it('/openapi.json is OpenAPI 3.1 with every endpoint, and its parameters are the filter language', async () => {
    const res = await request(appFor(cms)).get('/openapi.json')
    expect(res.status).toBe(200)
    expect(res.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())))
    expect(res.body.openapi).toMatch(/^3\.1\./)
    const paths = Object.keys(res.body.paths)
    for (const p of [...EXPORT_PATHS, '/healthz', '/readyz', '/openapi.json']) {
      expect(paths).toContain(p)
    }
    type Param = {
      name: string
      schema: {
        enum?: string[]
        items?: { enum?: string[] }
        minimum?: number
        type?: string
        examples?: string[]
      }
    }
    const params = res.body.paths['/v1/knowledge-products.csv'].get.parameters as Param[]
    expect(params.map((p) => p.name).sort()).toEqual(
      [
        ...[
          'bom',
          'delimiter',
          'country',
          'language',
          'limit',
          'need',
          'page',
          'partnership',
          'programme',
        ],
        ...['q', 'sort', 'theme', 'type', 'yearFrom', 'yearTo', 'asOf'],
      ].sort(),
    )
    // Every documented filter parameter, with a value its schema allows, is accepted.
    for (const { name, schema } of params.filter((p) => !['bom', 'delimiter'].includes(p.name))) {
      const value =
        schema.enum?.[0] ??
        schema.items?.enum?.[0] ??
        schema.examples?.[0] ??
        (schema.type === 'integer' ? String(schema.minimum ?? 1) : 'x')
      const parsed = productFilters.safeParse(new URLSearchParams({ [name]: value }))
      expect(parsed.ok, `${name}=${value}`).toBe(true)
    }
    const schemas = res.body.components.schemas
    expect(Object.keys(schemas.Product.properties)).toContain('title')
    expect(schemas.ProductExportDocument.properties.data.items.$ref).toBe(
      '#/components/schemas/Product',
    )
    // Every $ref points at a component that exists.
    const refs = JSON.stringify(res.body).match(/"#\/components\/schemas\/[^"]+"/g) ?? []
    for (const ref of refs) {
      expect(schemas[JSON.parse(ref).split('/').at(-1)], ref).toBeDefined()
    }
  })
})
