/**
 * The built site and the built CMS over real HTTP (`next start`, the real route files):
 * - shared links with fbclid / utm_* / gclid redirect to the canonical URL; a bad value is a
 *   400 page naming it; the fixed URL answers 200 and is indexable;
 * - a product page carries Highwire `citation_*` tags, COinS and JSON-LD;
 * - hostile query strings on the site's pages and the CMS's public REST API never get a 5xx
 *   (`FUZZ_RUNS` requests per family, 2,000 by default; every failing URL is printed), and so
 *   do the feeds, the sitemap, `POST /api/revalidate` and a bare form post to `/propose`.
 *   `pnpm fuzz` runs these families.
 */
import path from 'node:path'

import { createClient, type KnowledgeMapClient } from '@repo/types'
import {
  findRepoRoot,
  freePort,
  type RunningCms,
  type RunningServer,
  startBuiltCms,
  startBuiltSite,
} from '@repo/testing'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const here = path.dirname(new URL(import.meta.url).pathname)
const repoRoot = findRepoRoot(here)
const RUNS = Number(process.env.FUZZ_RUNS) || 2000
const SECRET = 'site-hostile-test-revalidate-secret-0123'

let cms: RunningCms
let site: RunningServer
let sdk: KnowledgeMapClient

beforeAll(async () => {
  const sitePort = await freePort()
  cms = await startBuiltCms({ repoRoot, env: { SITE_URL: `http://localhost:${sitePort}` } })
  site = await startBuiltSite({
    repoRoot,
    cmsUrl: cms.url,
    port: sitePort,
    env: {
      CMS_PUBLIC_URL: 'https://cms.public.test',
      EXPORT_URL: 'http://export.example.test',
      REVALIDATE_SECRET: SECRET,
    },
  })
  sdk = createClient({ baseUrl: cms.url })
}, 300_000)

afterAll(async () => {
  await site?.stop()
  await cms?.stop()
})

const get = (url: string) => fetch(url, { redirect: 'manual' })
const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')

describe('site URL handling', () => {
  it.each([
    ['/products?type=report&fbclid=IwAR0abc', '/products?type=report'],
    ['/products?utm_source=newsletter&utm_medium=email&gclid=x', '/products'],
    ['/?axis=types&fbclid=abc', '/?axis=types'],
    ['/learning-needs?coverage=open&utm_campaign=z', '/learning-needs?coverage=open'],
    ['/about?fbclid=x', '/about'],
  ])('should redirect a shared link %s to %s', async (from, to) => {
    const res = await get(`${site.url}${from}`)
    expect(res.status).toBe(307)
    expect(new URL(res.headers.get('location')!, site.url).toString()).toBe(`${site.url}${to}`)
    const fixed = await get(`${site.url}${to}`)
    expect(fixed.status).toBe(200)
    const html = await fixed.text()
    expect(html).toContain(`<link rel="canonical" href="${site.url}${to.replace(/&/g, '&amp;')}"`)
    // Unfiltered views are indexable (filtered product views stay noindex by design).
    if (!to.includes('type=')) expect(html).not.toContain('noindex')
  })

  it('should answer a bad value with a 400 page that names it', async () => {
    const res = await get(`${site.url}/products?yearFrom=soon&theme=x`)
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('<code>yearFrom</code>')
    expect(html).toContain('href="/products?theme=x"')
    expect((await get(`${site.url}/learning-needs?priority=urgent`)).status).toBe(400)
  })

  it('should answer an escape that is not UTF-8 with a 400 or 404, on pages, feeds and cells', async () => {
    for (const path of [
      '/products/%FF',
      '/learning-needs/%E2%82',
      '/feeds/themes/%FF.atom',
      '/feeds/learning-needs/%C3.atom',
      '/feeds/partnerships/%FF%FE.atom',
      '/n/%FF/1',
    ]) {
      const status = (await get(`${site.url}${path}`)).status
      expect([400, 404], path).toContain(status)
    }
  })
})

describe('a product page for reference managers', () => {
  it('should carry Highwire citation_* tags, COinS and JSON-LD', async () => {
    const { docs } = await sdk.products.list({ limit: 100 })
    const p = docs.find((d) => d.year && d.organisations.length > 0) ?? docs[0]!
    const res = await get(`${site.url}/products/${p.slug}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    const meta = (name: string) =>
      [...html.matchAll(new RegExp(`<meta name="${name}" content="([^"]*)"`, 'g'))].map((m) =>
        m[1]!
          .replace(/&amp;/g, '&')
          .replace(/&quot;/g, '"')
          .replace(/&#x27;/g, "'"),
      )
    expect(meta('citation_title')).toEqual([p.title.replace(/\s+/g, ' ').trim()])
    const authors = (p.organisations.length ? p.organisations : p.partnerships).map((o) => o.name)
    expect(meta('citation_author')).toEqual(authors)
    if (p.year) expect(meta('citation_publication_date')).toEqual([String(p.year)])
    expect(meta('citation_public_url')[0]).toMatch(/^https?:\/\//)
    expect(html).toContain('class="Z3988"')
    expect(html).toContain('ctx_ver=Z39.88-2004')
    // Visitors never see the CMS's internal address.
    expect(html).not.toContain(cms.url)
  })
})

const PROTO = ['__proto__', 'constructor', 'prototype']
const value = fc.oneof(
  fc.constantFrom('-1e309', 'NaN', 'Infinity', '-1', '0', '1.5', '', ' ', 'true', 'types'),
  fc.constantFrom('report', 'civic-space', '=1+1', '%', '%zz', '"><script>', '\u202E', ...PROTO),
  fc.integer({ min: 1, max: 300 }).map((n) => '9'.repeat(n)),
  fc.integer({ min: 1, max: 10 }).map((k) => 'x'.repeat(k * 1024)),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
)
const keyOf = (known: string[]) =>
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom(...known, ...PROTO, 'fbclid', 'utm_source'),
        fc.string({ maxLength: 6 }),
      ),
      fc.array(fc.constantFrom('', '0', 'equals', '__proto__', 'x'), { maxLength: 3 }),
    )
    .map(([k, b]) => k + b.map((x) => `[${x}]`).join(''))
const query = (known: string[]) =>
  fc
    .array(fc.tuple(keyOf(known), value), { maxLength: 5 })
    .map((pairs) => new URLSearchParams(pairs).toString())

type Sent = string | { url: string; init: RequestInit }

async function fuzz(family: string, requests: fc.Arbitrary<Sent>) {
  const failures: string[] = []
  const statuses = new Map<number, number>()
  await fc.assert(
    fc.asyncProperty(requests, async (sent) => {
      const url = typeof sent === 'string' ? sent : sent.url
      const init = typeof sent === 'string' ? {} : sent.init
      const status = await fetch(url, { redirect: 'manual', ...init }).then(
        async (r) => {
          await r.arrayBuffer()
          return r.status
        },
        () => 599,
      )
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
      if (status >= 500) {
        const method = init.method ?? 'GET'
        const body = typeof init.body === 'string' ? ` body ${init.body.slice(0, 500)}` : ''
        failures.push(`${status} ${method} ${url.slice(0, 4000)}${body}`)
      }
    }),
    { numRuns: RUNS },
  )
  const summary = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`)
  console.log(`fuzz ${family}: ${RUNS} requests: ${summary.join(' ')}`)
  for (const f of failures) console.log(`  ${f}`)
  expect(failures).toEqual([])
}

describe('fuzz over HTTP: no response ≥ 500', () => {
  it('should hold on the site pages', async () => {
    const slug = fc.oneof(fc.constantFrom('x', 'a--b', '%2e%2e', '😀', '9'.repeat(50)), fc.string())
    const page = fc.oneof(
      fc.constantFrom('/', '/products', '/learning-needs', '/partnerships', '/about', '/map.svg'),
      fc
        // Non-empty segments: Next itself answers `//` with a 308 whose Location repeats the
        // whole query, which a client refuses past its header limit (not this route's doing).
        .tuple(
          fc.oneof(
            fc.nat(),
            slug.filter((x) => wellFormed(x) !== ''),
          ),
          fc.option(
            fc.oneof(
              fc.nat(),
              slug.filter((x) => wellFormed(x) !== ''),
            ),
            {
              nil: undefined,
            },
          ),
        )
        .map(([n, t]) =>
          [
            `/n/${encodeURIComponent(wellFormed(String(n)))}`,
            t === undefined ? '' : `/${encodeURIComponent(wellFormed(String(t)))}`,
          ].join(''),
        ),
      slug.map((s) => `/products/${encodeURIComponent(wellFormed(s))}`),
      slug.map((s) => `/themes/${encodeURIComponent(wellFormed(s))}`),
      slug.map((s) => `/learning-needs/${encodeURIComponent(wellFormed(s))}`),
    )
    const known = ['q', 'theme', 'type', 'yearFrom', 'yearTo', 'sort', 'page', 'limit', 'axis']
    await fuzz(
      'site pages',
      fc
        .tuple(page, query([...known, 'programme', 'coverage', 'kind', 'priority', 'mode', 'view']))
        .map(([p, q]) => `${site.url}${p}${q ? `?${q}` : ''}`),
    )
  }, 600_000)

  it('should hold on the CMS REST API behind its Next route', async () => {
    const known = ['depth', 'page', 'limit', 'sort', 'where', 'select', 'populate', 'locale']
    const collection = fc.constantFrom('knowledge-products', 'learning-needs', 'themes', 'users')
    await fuzz(
      'CMS REST over HTTP',
      fc
        .tuple(collection, fc.constantFrom('', '/1', '/access', '/count', '/x'), query(known))
        .map(([c, tail, q]) => `${cms.url}/api/${c}${tail}?${q}`),
    )
  }, 600_000)

  it('should hold on the feeds, the sitemap and the site API routes', async () => {
    const slug = fc.oneof(
      fc.constantFrom('x', 'civic-space', '%2e%2e', '😀', '9'.repeat(50), 'products-1', 'pages-0'),
      fc.string({ maxLength: 20 }),
    )
    const known = ['q', 'theme', 'type', 'yearFrom', 'page', 'limit', 'coverage', 'kind']
    const enc = (s: string) => encodeURIComponent(wellFormed(s))
    const get = fc.oneof(
      fc.constantFrom('/feeds/products.atom', '/feeds/new.atom', '/sitemap.xml', '/robots.txt'),
      slug.map((s) => `/feeds/themes/${enc(s)}.atom`),
      slug.map((s) => `/feeds/partnerships/${enc(s)}.atom`),
      slug.map((s) => `/feeds/learning-needs/${enc(s)}`),
      slug.map((s) => `/sitemaps/${enc(s)}.xml`),
      slug.map((s) => `/sitemaps/${enc(s)}`),
    )
    const gets = fc
      .tuple(get, query(known))
      .map(([p, q]): Sent => `${site.url}${p}${q ? `?${q}` : ''}`)
    const body = fc.oneof(
      value,
      fc.constant('{"__proto__":{"paths":["/x"]},"constructor":{"prototype":{"slug":"x"}}}'),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc
        .record(
          {
            collection: value,
            slug: value,
            paths: fc.array(value, { maxLength: 60 }),
          },
          { requiredKeys: [] },
        )
        .map((v) => JSON.stringify(v)),
    )
    const auth = fc.constantFrom(undefined, `Bearer ${SECRET}`, 'Bearer wrong', SECRET)
    const revalidate = fc.tuple(body, auth).map(([b, a]): Sent => ({
      url: `${site.url}/api/revalidate`,
      init: {
        method: 'POST',
        body: b,
        headers: { 'content-type': 'application/json', ...(a ? { authorization: a } : {}) },
      },
    }))
    // A form post without Next's action header, as a bot sends it.
    const propose = fc
      .tuple(query(['kind', 'title', 'link', 'email', 'website']), query([]))
      .map(([form, q]): Sent => ({
        url: `${site.url}/propose${q ? `?${q}` : ''}`,
        init: {
          method: 'POST',
          body: form,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        },
      }))
    await fuzz(
      'site feeds, sitemap and API routes',
      fc.oneof({ weight: 3, arbitrary: gets }, revalidate, propose),
    )
  }, 600_000)
})
