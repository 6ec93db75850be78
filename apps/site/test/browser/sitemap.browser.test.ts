/**
 * The sitemap against the built CMS and site, split at a small size (SITEMAP_MAX_URLS=7) so the
 * seed spans several files: the index and every file parse with a real XML parser (Python's
 * xml.etree), every URL is absolute on the configured public site URL, no file holds more than
 * the limit, and every published record is listed exactly once, drafts never.
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
const SECRET = 'site-sitemap-test-revalidate-secret-01'
const PUBLIC = 'https://map.example.org'
const MAX = 7
const NS = '{http://www.sitemaps.org/schemas/sitemap/0.9}'

type Parsed = {
  root: string
  entries: { tag: string; loc: string | null; lastmod: string | null }[]
}

function parseXml(body: string): Parsed {
  const result = spawnSync('/usr/bin/python3', [path.join(here, '../helpers/sitemapparse.py')], {
    input: body,
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`not well-formed XML:\n${result.stderr}`)
  return JSON.parse(result.stdout) as Parsed
}

describe('sitemap', () => {
  let cms: RunningCms
  let site: RunningServer
  let sdk: KnowledgeMapClient
  let admin: AdminApi

  beforeAll(async () => {
    ;({ cms, site } = await startCmsAndSite({
      repoRoot,
      secret: SECRET,
      siteEnv: { SITEMAP_MAX_URLS: String(MAX), SITE_URL: PUBLIC },
    }))
    sdk = createClient({ baseUrl: cms.url })
    admin = await adminApi(cms.url, cms.admin)
  }, 300_000)

  afterAll(async () => {
    await site?.stop()
    await cms?.stop()
  })

  /** Every URL the sitemap lists, read through the index, file by file. */
  async function readSitemap(): Promise<{ files: string[]; urls: string[] }> {
    const res = await fetch(`${site.url}/sitemap.xml`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/)
    const index = parseXml(await res.text())
    expect(index.root).toBe(`${NS}sitemapindex`)
    const files = index.entries.map((e) => {
      expect(e.tag).toBe(`${NS}sitemap`)
      expect(e.loc!.startsWith(`${PUBLIC}/sitemaps/`)).toBe(true)
      return e.loc!
    })
    const urls: string[] = []
    for (const file of files) {
      const child = await fetch(`${site.url}${new URL(file).pathname}`)
      expect(child.status, file).toBe(200)
      const parsed = parseXml(await child.text())
      expect(parsed.root).toBe(`${NS}urlset`)
      expect(parsed.entries.length, file).toBeLessThanOrEqual(MAX)
      for (const e of parsed.entries) {
        expect(e.tag).toBe(`${NS}url`)
        expect(new URL(e.loc!).origin).toBe(PUBLIC)
        if (e.lastmod !== null) expect(Number.isNaN(Date.parse(e.lastmod))).toBe(false)
        urls.push(e.loc!)
      }
    }
    return { files, urls }
  }

  const collectSlugs = async (it: AsyncIterable<{ slug: string }>) => {
    const slugs: string[] = []
    for await (const doc of it) slugs.push(doc.slug)
    return slugs
  }

  it('should list every published record exactly once, split at the limit, drafts never', async () => {
    const draft = await admin.create({
      collection: 'knowledge-products',
      data: { title: 'A sitemap draft', slug: 'a-sitemap-draft', type: 'report', _status: 'draft' },
      draft: true,
    })
    const { files, urls } = await readSitemap()
    const published = {
      products: await collectSlugs(sdk.products.iterate({ limit: 100 })),
      themes: await collectSlugs(sdk.themes.iterate({ limit: 100 })),
      'learning-needs': await collectSlugs(sdk.learningNeeds.iterate({ limit: 100 })),
      partnerships: await collectSlugs(sdk.partnerships.iterate({ limit: 100 })),
    }
    expect(published.products.length).toBeGreaterThan(MAX)
    const expected = [
      ...['/', '/products', '/learning-needs', '/partnerships', '/changes', '/about'].map((p) =>
        new URL(p, `${PUBLIC}/`).toString(),
      ),
      ...Object.entries(published).flatMap(([section, slugs]) =>
        slugs.map((s) => `${PUBLIC}/${section}/${s}`),
      ),
    ]
    expect(new Set(urls).size).toBe(urls.length)
    expect([...urls].sort()).toEqual([...expected].sort())
    expect(urls).not.toContain(`${PUBLIC}/products/${draft.slug as string}`)
    expect(files.filter((f) => f.includes('/products-')).length).toBe(
      Math.ceil(published.products.length / MAX),
    )
    const gone = await fetch(`${site.url}/sitemaps/products-999.xml`)
    expect(gone.status).toBe(404)
    expect((await fetch(`${site.url}/sitemaps/nothing-1.xml`)).status).toBe(404)
  })

  it('should show a newly published product once the CMS has told the site', async () => {
    await readSitemap()
    const product = await admin.create({
      collection: 'knowledge-products',
      data: {
        title: 'A sitemap newcomer',
        slug: 'a-sitemap-newcomer',
        type: 'tool',
        _status: 'published',
      },
    })
    const wanted = `${PUBLIC}/products/${product.slug as string}`
    let urls: string[] = []
    for (let attempt = 0; attempt < 50 && !urls.includes(wanted); attempt++) {
      ;({ urls } = await readSitemap())
      if (!urls.includes(wanted)) await new Promise((r) => setTimeout(r, 100))
    }
    expect(urls.filter((u) => u === wanted)).toHaveLength(1)
  })
})
