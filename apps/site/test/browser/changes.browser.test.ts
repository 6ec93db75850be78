/**
 * The update cycle from outside, against the built CMS and site: the `/changes` page and its
 * filters, the dates on the map, and dated views ("Cite this view" and its permalink).
 */
import { spawnSync } from 'node:child_process'

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

const repoRoot = findRepoRoot(import.meta.dirname)
const SECRET = 'site-changes-test-revalidate-secret-01'

/** The text of the elements with `data-change` on a page, one per change. */
const changesOn = (html: string) =>
  [...html.matchAll(/<li data-change="([a-z]+)"/g)].map((m) => m[1])

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')

describe('the update cycle, seen from the site', () => {
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

  const get = (p: string) => fetch(`${site.url}${p}`, { redirect: 'manual' })
  /** The page's HTML, without React's text separators (`<!-- -->`). */
  const html = async (p: string) => {
    const res = await get(p)
    expect(res.status, p).toBe(200)
    return (await res.text()).replace(/<!-- -->/g, '')
  }
  /** Reads `p` until `ok` holds (the site learns of a CMS change right after its commit). */
  const until = async (p: string, ok: (page: string) => boolean) => {
    const deadline = Date.now() + 5_000
    let page = await html(p)
    while (!ok(page) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100))
      page = await html(p)
    }
    return page
  }

  it('should list the changes of a theme and a date range, as the SDK does, page by page', async () => {
    const theme = (await sdk.themes.list({ limit: 1 })).docs[0]!
    const all = await sdk.changes.list({ themes: [theme.slug], limit: 20 })
    expect(all.totalDocs).toBeGreaterThan(20)
    const page1 = await html(`/changes?theme=${theme.slug}`)
    expect(changesOn(page1)).toEqual(all.docs.map((c) => c.kind))
    expect(page1).toContain(`${all.totalDocs} changes`)
    expect(page1).toContain(`href="/changes?theme=${theme.slug}&amp;page=2"`)
    const second = await sdk.changes.list({ themes: [theme.slug], page: 2 })
    expect(changesOn(await html(`/changes?theme=${theme.slug}&page=2`))).toEqual(
      second.docs.map((c) => c.kind),
    )
    // Nothing before the map existed; a range of today holds what the seed just did.
    expect(await html('/changes?to=2015-12-31')).toContain(
      'Nothing changed on the map in this view.',
    )
    const today = new Date().toISOString().slice(0, 10)
    const ranged = await sdk.changes.list({ from: today, to: today })
    expect(await html(`/changes?from=${today}&to=${today}`)).toContain(
      `${ranged.totalDocs} changes`,
    )
    // The form's empty fields and stray parameters redirect to the canonical view.
    const messy = await get(`/changes?from=&to=&theme=${theme.slug}&utm_source=x`)
    expect(messy.status).toBe(307)
    expect(new URL(messy.headers.get('location')!, site.url).href).toBe(
      `${site.url}/changes?theme=${theme.slug}`,
    )
  })

  it('should answer a bad filter with the 400 page that names it', async () => {
    for (const [query, param] of [
      ['from=2026-02-30', 'from'],
      ['to=soon', 'to'],
      ['from=2026-12-02&to=2026-12-01', 'to'],
      ['theme=Not%20a%20slug', 'theme'],
      ['page=0', 'page'],
    ] as const) {
      const res = await get(`/changes?${query}`)
      expect(res.status, query).toBe(400)
      const body = await res.text()
      expect(body).toContain(`<code>${param}</code>`)
      expect(body).toContain('This view cannot be shown')
    }
  })

  it('should show when each map cell changed and each need was reviewed, and say what that means', async () => {
    const need = (await sdk.learningNeeds.list({ limit: 1 })).docs[0]!
    const product = (await sdk.products.list({ limit: 1 })).docs.find((p) => p.themes.length > 0)!
    await admin.update({
      collection: 'knowledge-products',
      id: product.id,
      data: { learningNeeds: [...product.learningNeeds.map((n) => n.id), need.id] },
    })
    const dates = await sdk.map.cellDates({ axis: 'learning-needs' })
    const slug = need.slug
    const theme = product.themes[0]!.slug
    const changed = dates.rows[slug]!.cells[theme]!
    const column = (await sdk.map.matrix()).themes.findIndex((t) => t.slug === theme)
    expect(column).toBeGreaterThanOrEqual(0)
    // The theme's cell in the need's row: after the row header and the cells before it.
    const titleOf = (page: string) =>
      page.match(
        new RegExp(
          `<tr[^>]*data-row-key="${slug}"[^>]*><th[\\s\\S]*?</th>(?:<td[\\s\\S]*?</td>){${column}}<td[^>]*><a[^>]*title="([^"]+)"`,
        ),
      )?.[1]
    const page = await until('/', (p) => titleOf(p) !== undefined)
    const short = (iso: string) =>
      new Date(iso).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      })
    const day = short(changed)
    expect(titleOf(page)).toBe(`changed ${day}`)
    // An editor's "Reviewed, no change" reaches the map as soon as it is recorded.
    const res = await fetch(`${cms.url}/api/learning-needs/${need.id}/reviewed`, {
      method: 'POST',
      headers: { authorization: admin.authorization },
    })
    expect(res.status).toBe(201)
    const { at } = (await res.json()) as { at: string }
    const reviewed = await until('/', (p) => p.includes(`reviewed ${short(at)}`))
    // The cell keeps its own date; the need's row says when it was reviewed, for all its cells.
    expect(titleOf(reviewed)).toBe(`changed ${day}`)
    expect(reviewed).toMatch(
      new RegExp(`data-row-key="${slug}"[^>]*><th[^>]*>(?:(?!</th>).)*reviewed ${short(at)}`),
    )
    expect(page).toContain('id="dates-legend"')
    expect(page).toContain('“Reviewed, no change”')
  })

  it('should keep a dated permalink made before a publish showing the old result set after it', async () => {
    const theme = (await sdk.themes.list({ limit: 1 })).docs[0]!
    const view = `/products?theme=${theme.slug}&sort=title&limit=100`
    const before = await html(view)
    const permalink = decode(before.match(/<a href="([^"]+)" data-permalink="view"/)![1]!)
    expect(permalink).toMatch(
      new RegExp(
        `^${site.url}/products\\?theme=${theme.slug}&sort=title&limit=100&asOf=\\d{4}-\\d\\d-\\d\\dT\\d\\d%3A\\d\\d%3A\\d\\d\\.\\d{3}Z$`,
      ),
    )
    const slugsOf = (page: string) =>
      [...page.matchAll(/<a href="\/products\/([a-z0-9-]+)"/g)].map((m) => m[1]).sort()
    const old = slugsOf(before)

    const slug = `after-the-permalink-${Date.now()}`
    await admin.create({
      collection: 'knowledge-products',
      data: {
        title: `Published after the permalink ${slug}`,
        slug,
        type: 'report',
        themes: [theme.id],
        _status: 'published',
      },
    })
    const now = await until(view, (p) => slugsOf(p).includes(slug))
    expect(slugsOf(now)).toContain(slug)
    const dated = await html(permalink.slice(site.url.length))
    expect(slugsOf(dated)).toEqual(old)
    expect(dated).toContain('data-dated-view')
    expect(dated).toContain('Products first published after then are left out of the results')
    // The cited view and its citations in three styles carry the same permalink.
    for (const style of ['apa', 'ris', 'bibtex']) {
      expect(
        decode(
          dated.match(new RegExp(`data-citation="view-${style}"[^>]*>([\\s\\S]*?)</pre>`))![1]!,
        ),
      ).toContain(permalink)
    }
    // RIS and BibTeX from the page parse with bibutils.
    const ris = decode(dated.match(/data-citation="view-ris"[^>]*>([\s\S]*?)<\/pre>/)![1]!)
    const xml = spawnSync('/usr/bin/ris2xml', [], { input: ris, encoding: 'utf8' })
    expect(xml.status).toBe(0)
    expect(xml.stdout).toContain('<url>')
  })

  it('should cite the map and a need, and say what a dated map cannot rebuild', async () => {
    const need = (await sdk.learningNeeds.list({ limit: 1 })).docs[0]!
    const map = await html('/')
    const permalink = decode(map.match(/<a href="([^"]+)" data-permalink="view"/)![1]!)
    expect(permalink).toMatch(new RegExp(`^${site.url}/\\?asOf=`))
    const dated = await html(permalink.slice(site.url.length))
    expect(dated).toContain('The counts and coverage below are today’s:')
    const needPage = await html(`/learning-needs/${need.slug}`)
    expect(needPage).toMatch(/data-citation="view-apa"/)
    // The need says when it last changed and, apart, when an editor last reviewed it.
    expect(needPage).toMatch(
      /data-testid="need-cycle">Last changed \d{1,2} \w+ \d{4}.* · (last reviewed by an editor \d{1,2} \w+ \d{4}|not yet reviewed by an editor)<\/p>/,
    )
    const needLink = decode(needPage.match(/<a href="([^"]+)" data-permalink="view"/)![1]!)
    expect(needLink).toMatch(new RegExp(`^${site.url}/learning-needs/${need.slug}\\?asOf=`))
    const datedNeed = await html(needLink.slice(site.url.length))
    expect(datedNeed).toContain('Products first published after then are left out.')
    expect((await get(`/learning-needs/${need.slug}?asOf=someday`)).status).toBe(400)
    expect((await get('/?asOf=2026-13-01')).status).toBe(400)
  })
})
