/**
 * The built site and the built CMS over real HTTP (`next start`, the real route files):
 * - shared links with fbclid / utm_* / gclid redirect to the canonical URL; a bad value is a
 *   400 page naming it; the fixed URL answers 200 and is indexable;
 * - a product page carries Highwire `citation_*` tags, COinS and JSON-LD;
 * - hostile query strings on the site's pages and the CMS's public REST API never get a 5xx
 *   (`FUZZ_RUNS` requests per family, 2,000 by default; every failing URL is printed).
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
    env: { CMS_PUBLIC_URL: 'https://cms.public.test', EXPORT_URL: 'http://export.example.test' },
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

async function fuzz(family: string, urls: fc.Arbitrary<string>) {
  const failures: string[] = []
  const statuses = new Map<number, number>()
  await fc.assert(
    fc.asyncProperty(urls, async (url) => {
      const status = await get(url).then(
        async (r) => {
          await r.arrayBuffer()
          return r.status
        },
        () => 599,
      )
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
      if (status >= 500) failures.push(`${status} ${url.slice(0, 4000)}`)
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
      fc.constantFrom('/', '/products', '/learning-needs', '/partnerships', '/about'),
      slug.map((s) => `/products/${encodeURIComponent(wellFormed(s))}`),
      slug.map((s) => `/themes/${encodeURIComponent(wellFormed(s))}`),
      slug.map((s) => `/learning-needs/${encodeURIComponent(wellFormed(s))}`),
    )
    const known = ['q', 'theme', 'type', 'yearFrom', 'yearTo', 'sort', 'page', 'limit', 'axis']
    await fuzz(
      'site pages',
      fc
        .tuple(page, query([...known, 'programme', 'coverage', 'kind', 'priority']))
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
})
