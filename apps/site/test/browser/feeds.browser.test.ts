/**
 * The Atom feeds against the built CMS and site, read by a real feed reader: Debian's
 * python3-feedparser (installed by the test preflight).
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'

import { createClient, type KnowledgeMapClient } from '@repo/types'
import {
  adminApi,
  type AdminApi,
  findRepoRoot,
  type RunningCms,
  type RunningServer,
  startCmsAndSite,
} from '@repo/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const here = path.dirname(new URL(import.meta.url).pathname)
const repoRoot = findRepoRoot(here)
const SECRET = 'site-feeds-test-revalidate-secret-0123'
const PYTHON = '/usr/bin/python3'

type Parsed = {
  bozo: number
  bozo_exception: string
  version: string
  feed: {
    id: string
    title: string
    updated: string
    links: { rel: string; href: string }[]
    author: string
  }
  entries: {
    id: string
    title: string
    link: string
    updated: string
    published: string | null
    summary: string | null
    tags: string[]
  }[]
}

/** What feedparser makes of a document. */
function feedparser(body: string): Parsed {
  const result = spawnSync(PYTHON, [path.join(here, '../helpers/feedparse.py')], {
    input: body,
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    throw new Error(`feedparser failed (is python3-feedparser installed?):\n${result.stderr}`)
  }
  return JSON.parse(result.stdout) as Parsed
}

describe('Atom feeds', () => {
  let cms: RunningCms
  let site: RunningServer
  let sdk: KnowledgeMapClient
  let admin: AdminApi

  beforeAll(async () => {
    ;({ cms, site } = await startCmsAndSite({ repoRoot, secret: SECRET }))
    sdk = createClient({ baseUrl: cms.url })
    admin = await adminApi(cms.url, cms.admin)
  }, 300_000)

  afterAll(async () => {
    await site?.stop()
    await cms?.stop()
  })

  const get = (p: string, headers: Record<string, string> = {}) =>
    fetch(`${site.url}${p}`, { headers, redirect: 'manual' })

  async function read(p: string): Promise<Parsed> {
    const res = await get(p)
    expect(res.status, p).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    const parsed = feedparser(await res.text())
    expect(parsed.bozo, `${p}: ${parsed.bozo_exception}`).toBe(0)
    expect(parsed.version).toBe('atom10')
    return parsed
  }

  /** What every feed must hold: ids, links, dates, newest first. */
  function expectWellFormed(feed: Parsed, selfPath: string) {
    expect(feed.feed.id).toMatch(/^tag:localhost,2026:feeds\//)
    expect(feed.feed.links).toContainEqual({ rel: 'self', href: `${site.url}${selfPath}` })
    expect(feed.feed.author).toBe('Partos')
    const ids = feed.entries.map((e) => e.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const e of feed.entries) {
      expect(e.id).toMatch(/^tag:localhost,2026:/)
      expect(e.link.startsWith(`${site.url}/`), e.link).toBe(true)
      expect(Number.isNaN(Date.parse(e.updated))).toBe(false)
    }
    const times = feed.entries.map((e) => Date.parse(e.updated))
    expect([...times].sort((a, b) => b - a)).toEqual(times)
  }

  it('should give the products view the products the SDK lists for the same filter', async () => {
    const theme = (await sdk.themes.list({ limit: 1 })).docs[0]!
    const feed = await read(`/feeds/products.atom?theme=${theme.slug}`)
    expectWellFormed(feed, `/feeds/products.atom?theme=${theme.slug}`)
    const expected = await sdk.products.list({
      themes: [theme.slug],
      sort: '-updatedAt',
      limit: 50,
    })
    expect(feed.entries.map((e) => e.link)).toEqual(
      expected.docs.map((p) => `${site.url}/products/${p.slug}`),
    )
    const first = expected.docs[0]!
    expect(feed.entries[0]).toMatchObject({
      id: `tag:localhost,2026:products/${first.slug}`,
      updated: new Date(first.updatedAt).toISOString().replace('.000Z', 'Z'),
    })
    expect(rendered(feed.entries[0]!.title)).toBe(first.title)
    expect(feed.entries[0]!.tags).toContain(theme.title)
  })

  it('should keep plain text plain, whatever characters a title has', async () => {
    const slug = `feed-text-${Date.now()}`
    const title = 'Tricky <b>bold</b> & "quotes" ]]> end'
    await admin.create({
      collection: 'knowledge-products',
      data: {
        title,
        slug,
        type: 'report',
        summary: 'A <script>x</script> summary',
        _status: 'published',
      },
    })
    const feed = await read('/feeds/products.atom')
    const entry = feed.entries.find((e) => e.id === `tag:localhost,2026:products/${slug}`)
    // Atom text of type "html": a reader renders it, and the rendered text is the title as typed.
    expect(rendered(entry!.title)).toBe(title)
    expect(rendered(entry!.summary!)).toBe('A <script>x</script> summary')
  })

  it('should follow every theme, partnership and learning need, and what is new', async () => {
    const theme = (await sdk.themes.list({ limit: 1 })).docs[0]!
    const partnership = (await sdk.partnerships.list({ limit: 100 })).docs.find((p) => p.slug)!
    const need = (await sdk.learningNeeds.list({ limit: 1 })).docs[0]!
    for (const p of [
      '/feeds/new.atom',
      `/feeds/themes/${theme.slug}.atom`,
      `/feeds/partnerships/${partnership.slug}.atom`,
      `/feeds/learning-needs/${need.slug}.atom`,
    ]) {
      expectWellFormed(await read(p), p)
    }
    // What's new is the newest 50 changes of both kinds together.
    const news = await read('/feeds/new.atom')
    const [products, needs] = await Promise.all([
      sdk.products.list({ sort: '-updatedAt', limit: 50 }),
      sdk.learningNeeds.list({ sort: '-updatedAt', limit: 50 }),
    ])
    const newest = [
      ...products.docs.map((p) => ({ id: `products/${p.slug}`, at: Date.parse(p.updatedAt) })),
      ...needs.docs.map((n) => ({ id: `learning-needs/${n.slug}`, at: Date.parse(n.updatedAt) })),
    ]
      .sort((a, b) => b.at - a.at)
      .slice(0, 50)
    expect(news.entries.map((e) => e.id.replace('tag:localhost,2026:', ''))).toEqual(
      newest.map((x) => x.id),
    )
  })

  it('should answer a conditional GET with 304, and 200 once the feed changed', async () => {
    const first = await get('/feeds/new.atom')
    const etag = first.headers.get('etag')!
    const lastModified = first.headers.get('last-modified')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(Number.isNaN(Date.parse(lastModified))).toBe(false)
    expect((await get('/feeds/new.atom', { 'if-none-match': etag })).status).toBe(304)
    expect((await get('/feeds/new.atom', { 'if-modified-since': lastModified })).status).toBe(304)
    expect((await get('/feeds/new.atom', { 'if-none-match': '"other"' })).status).toBe(200)
    const earlier = new Date(Date.parse(lastModified) - 60_000).toUTCString()
    expect((await get('/feeds/new.atom', { 'if-modified-since': earlier })).status).toBe(200)
  })

  it('should show a link made in the CMS, and the coverage change, in the need’s feed within 2 s', async () => {
    const need = (await sdk.learningNeeds.list({ coverage: ['open'], limit: 1 })).docs[0]!
    const product = (await sdk.products.list({ limit: 1 })).docs[0]!
    const feedPath = `/feeds/learning-needs/${need.slug}.atom`
    const before = await read(feedPath)
    expect(before.entries.some((e) => e.link.endsWith(`/products/${product.slug}`))).toBe(false)

    await admin.update({
      collection: 'knowledge-products',
      id: product.id,
      data: { learningNeeds: [...product.learningNeeds.map((n) => n.id), need.id] },
    })
    const deadline = Date.now() + 2_000
    let after = before
    while (Date.now() < deadline) {
      after = await read(feedPath)
      if (after.entries.length > before.entries.length) break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(after.entries.some((e) => e.link.endsWith(`/products/${product.slug}`))).toBe(true)
    const change = after.entries.find((e) => e.tags.includes('Coverage change'))
    expect(rendered(change!.title)).toMatch(
      new RegExp(`^“${escape(need.title)}” is now .* by ${escape(product.title)}$`),
    )
    expect(change?.id).toMatch(
      new RegExp(`^tag:localhost,2026:learning-needs/${need.slug}/coverage/`),
    )
  })

  it('should show one change made in the CMS in every feed it belongs to within 2 s', async () => {
    const theme = (await sdk.themes.list({ limit: 1 })).docs[0]!
    const partnership = (await sdk.partnerships.list({ limit: 100 })).docs.find((p) => p.slug)!
    const need = (await sdk.learningNeeds.list({ limit: 1 })).docs[0]!
    const slug = `every-feed-${Date.now()}`
    const feeds = [
      '/feeds/new.atom',
      '/feeds/products.atom',
      `/feeds/products.atom?theme=${theme.slug}`,
      `/feeds/themes/${theme.slug}.atom`,
      `/feeds/partnerships/${partnership.slug}.atom`,
      `/feeds/learning-needs/${need.slug}.atom`,
      '/feeds/changes.atom',
      `/feeds/changes.atom?theme=${theme.slug}`,
    ]
    const link = `${site.url}/products/${slug}`
    for (const f of feeds) {
      expect(
        (await read(f)).entries.some((e) => e.link === link),
        f,
      ).toBe(false)
    }
    await admin.create({
      collection: 'knowledge-products',
      data: {
        title: `Seen in every feed ${slug}`,
        slug,
        type: 'toolkit',
        themes: [theme.id],
        partnerships: [partnership.id],
        learningNeeds: [need.id],
        _status: 'published',
      },
    })
    // Polls until every feed has it; fails if one still lacks it after 2 s.
    const deadline = Date.now() + 2_000
    let missing = feeds
    while (missing.length > 0 && Date.now() < deadline) {
      const seen = await Promise.all(
        missing.map(async (f) => (await read(f)).entries.some((e) => e.link === link)),
      )
      missing = missing.filter((_, i) => !seen[i])
      if (missing.length > 0) await new Promise((r) => setTimeout(r, 100))
    }
    expect(missing, 'feeds without the change after 2 s').toEqual([])
  })

  it('should give the changelog the changes the SDK lists, for the same filters', async () => {
    const theme = (await sdk.themes.list({ limit: 1 })).docs[0]!
    for (const query of ['', `theme=${theme.slug}`, `from=2020-01-01&theme=${theme.slug}`]) {
      const p = query ? `/feeds/changes.atom?${query}` : '/feeds/changes.atom'
      const feed = await read(p)
      expectWellFormed(feed, p)
      const expected = await sdk.changes.list(`${query}${query ? '&' : ''}limit=50`)
      expect(feed.entries.map((e) => e.id)).toEqual(
        expected.docs.map(
          (c) => `tag:localhost,2026:changes/${c.id.split('/').map(encodeURIComponent).join('/')}`,
        ),
      )
      for (const [i, c] of expected.docs.entries()) {
        expect(Date.parse(feed.entries[i]!.updated)).toBe(Date.parse(c.at))
        expect(feed.entries[i]!.link).toBe(
          c.record
            ? `${site.url}/${c.record.collection === 'knowledge-products' ? 'products' : 'learning-needs'}/${c.record.slug}`
            : `${site.url}/changes`,
        )
      }
    }
    const bad = await get('/feeds/changes.atom?from=yesterday')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/^This feed cannot be made: from: /)
  })

  it('should announce each feed in the page head and with a visible Follow link', async () => {
    const theme = (await sdk.themes.list({ limit: 1 })).docs[0]!
    const need = (await sdk.learningNeeds.list({ limit: 1 })).docs[0]!
    for (const [page, feed] of [
      ['/', '/feeds/new.atom'],
      [`/products?theme=${theme.slug}`, `/feeds/products.atom?theme=${theme.slug}`],
      [`/themes/${theme.slug}`, `/feeds/themes/${theme.slug}.atom`],
      [`/learning-needs/${need.slug}`, `/feeds/learning-needs/${need.slug}.atom`],
      ['/changes', '/feeds/changes.atom'],
      [`/changes?theme=${theme.slug}`, `/feeds/changes.atom?theme=${theme.slug}`],
    ] as const) {
      const html = await (await get(page)).text()
      const alternate = html.match(/<link rel="alternate" type="application\/atom\+xml"[^>]*>/)?.[0]
      expect(alternate, page).toContain(`href="${site.url}${feed.replace(/&/g, '&amp;')}"`)
      expect(html, page).toMatch(
        new RegExp(`<a href="${escape(feed)}" type="application/atom\\+xml">Follow `),
      )
    }
  })

  it('should refuse a bad filter with 400 and an unknown record with 404, saying why', async () => {
    const bad = await get('/feeds/products.atom?yearFrom=soon')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/^This feed cannot be made: yearFrom: /)
    const unknown = await get('/feeds/themes/no-such-theme.atom')
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toContain('no-such-theme')
    expect((await get('/feeds/themes/not-a-feed.xml')).status).toBe(404)
  })
})

/** What a reader shows for Atom text of type "html" (feedparser hands over the sanitised HTML). */
const rendered = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
