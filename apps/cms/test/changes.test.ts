import { COLLECTIONS, createClient, type KnowledgeMapClient } from '@repo/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { recordReview } from '../src/demand/reviews'
import { startCms, type TestCms } from './helpers/payload'
import { buildWorld, unique } from './helpers/world'

type Id = string | number

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('the changelog, cell dates and dated views', () => {
  let cms: TestCms
  let sdk: KnowledgeMapClient
  let themeA: { id: Id; slug: string }
  let themeB: { id: Id; slug: string }
  let need: { id: Id; slug: string }
  const today = new Date().toISOString().slice(0, 10)

  const product = (title: string, themes: Id[], extra: Record<string, unknown> = {}) =>
    cms.payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: { title, type: 'report', themes: themes as number[], _status: 'published', ...extra },
      overrideAccess: true,
    })
  const update = (id: Id, data: Record<string, unknown>, draft = false) =>
    cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id,
      data,
      draft,
      overrideAccess: true,
    })
  /** Waits until the clock is past `iso`, so a later write gets a later timestamp. */
  const after = async (iso: string) => {
    while (Date.now() <= Date.parse(iso)) await sleep(5)
  }

  beforeAll(async () => {
    cms = await startCms('sqlite')
    await buildWorld(cms.payload)
    sdk = createClient({ baseUrl: cms.baseUrl, fetch: cms.fetch })
    const mk = (title: string, order: number) =>
      cms.payload.create({
        collection: COLLECTIONS.themes,
        data: { title, order, colour: '#1f5f8b' },
        overrideAccess: true,
      })
    const [a, b] = [await mk('Theme A of changes', 1), await mk('Theme B of changes', 2)]
    themeA = { id: a.id, slug: a.slug! }
    themeB = { id: b.id, slug: b.slug! }
    const n = await cms.payload.create({
      collection: COLLECTIONS.learningNeeds,
      data: {
        title: 'A need the changelog follows',
        description: 'Linked and unlinked in this test.',
        kind: 'learning-need',
        themes: [a.id as number],
        _status: 'published',
      },
      overrideAccess: true,
    })
    need = { id: n.id, slug: n.slug! }
  }, 120_000)
  afterAll(async () => cms?.close())

  it('should stamp firstPublishedAt on the first publish only, whatever a write sends', async () => {
    const draft = await cms.payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: { title: unique('Drafted first'), type: 'tool', firstPublishedAt: '2001-01-01' },
      draft: true,
      overrideAccess: true,
    })
    expect(draft.firstPublishedAt ?? null).toBeNull()
    const published = await update(draft.id, { _status: 'published' })
    expect(Date.parse(published.firstPublishedAt!)).toBeGreaterThan(Date.parse(draft.createdAt))
    await after(published.firstPublishedAt!)
    const edited = await update(draft.id, {
      summary: 'Edited later',
      firstPublishedAt: '2001-01-01T00:00:00.000Z',
    })
    expect(edited.firstPublishedAt).toBe(published.firstPublishedAt)
    const pending = await update(draft.id, { summary: 'A pending draft' }, true)
    expect(pending.firstPublishedAt).toBe(published.firstPublishedAt)
  })

  it('should keep a dated permalink made before a publish showing the old result set after it', async () => {
    const first = await product(unique('On the map before the permalink'), [themeB.id])
    await after(first.firstPublishedAt!)
    const asOf = new Date().toISOString()
    const view = { themes: [themeB.slug], asOf }
    const before = await sdk.products.list(view)
    expect(before.docs.map((p) => p.slug)).toEqual([first.slug])

    await after(asOf)
    const later = await product(unique('Published after the permalink'), [themeB.id])
    // A draft saved over the first product does not move it out of the dated view either.
    await update(first.id, { summary: 'A pending change' }, true)

    const now = await sdk.products.list({ themes: [themeB.slug] })
    expect(now.docs.map((p) => p.slug).sort()).toEqual([first.slug, later.slug].sort())
    const again = await sdk.products.list(view)
    expect(again.docs.map((p) => p.slug)).toEqual([first.slug])
    expect(again.totalDocs).toBe(before.totalDocs)
  })

  it('should list what was added, updated, linked, unlinked, covered and withdrawn, newest first', async () => {
    const p = await product(unique('Changelog product'), [themeA.id])
    await after(p.updatedAt)
    await update(p.id, { summary: 'A better summary' })
    await after(new Date().toISOString())
    const linked = await update(p.id, { learningNeeds: [need.id] })
    await after(linked.updatedAt)
    await update(p.id, { learningNeeds: [] })
    const gone = await product(unique('Soon withdrawn'), [themeA.id])
    await after(gone.updatedAt)
    await update(gone.id, { _status: 'draft' })
    // Trashing it after unpublishing takes nothing more off the map: one takedown.
    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: gone.id,
      data: { deletedAt: new Date().toISOString() },
      overrideAccess: true,
    })
    // Trashing a published record with a pending draft is one takedown too.
    const trashed = await product(unique('Trashed while published'), [themeA.id])
    await after(trashed.updatedAt)
    await update(trashed.id, { summary: 'A pending draft' }, true)
    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: trashed.id,
      data: { deletedAt: new Date().toISOString() },
      overrideAccess: true,
    })
    const secret = await cms.payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: { title: unique('Never published'), type: 'tool', themes: [themeA.id as number] },
      draft: true,
      overrideAccess: true,
    })

    const page = await sdk.changes.list({ themes: [themeA.slug], limit: 100 })
    const mine = page.docs.filter((c) => c.record?.slug === p.slug)
    expect(mine.map((c) => c.kind)).toEqual(['unlinked', 'linked', 'updated', 'added'])
    expect(mine.find((c) => c.kind === 'updated')?.fields).toEqual(['summary'])
    expect(mine.find((c) => c.kind === 'linked')?.related).toMatchObject({ slug: need.slug })
    const coverage = page.docs.filter((c) => c.kind === 'coverage' && c.record?.slug === need.slug)
    expect(coverage.map((c) => [c.coverage?.from, c.coverage?.to])).toEqual([
      ['partial', 'open'],
      ['open', 'partial'],
    ])
    const withdrawn = page.docs.filter((c) => c.kind === 'withdrawn')
    expect(withdrawn).toHaveLength(2)
    for (const w of withdrawn) {
      expect(w).toMatchObject({ record: null, themes: [{ slug: themeA.slug }] })
    }
    // The withdrawn record's own history is no longer public; a draft never was.
    const body = JSON.stringify(page)
    expect(body).not.toContain(gone.slug)
    expect(body).not.toContain(trashed.slug)
    expect(body).not.toContain(secret.slug)
    expect(body).not.toContain('@example.org')
    const times = page.docs.map((c) => c.at)
    expect([...times].sort().reverse()).toEqual(times)
    expect(new Set(page.docs.map((c) => c.id)).size).toBe(page.docs.length)

    // The same page twice gives the same ids; paging splits without overlap.
    const [one, two] = await Promise.all([
      sdk.changes.list({ themes: [themeA.slug], limit: 2 }),
      sdk.changes.list({ themes: [themeA.slug], limit: 2, page: 2 }),
    ])
    expect([...one.docs, ...two.docs].map((c) => c.id)).toEqual(
      page.docs.slice(0, 4).map((c) => c.id),
    )
    expect(one.totalDocs).toBe(page.totalDocs)
  })

  it('should filter by date and theme, and refuse a bad filter with a 400 that names it', async () => {
    const themeB_ = await sdk.changes.list({ themes: [themeB.slug], limit: 100 })
    expect(themeB_.docs.length).toBeGreaterThan(0)
    expect(themeB_.docs.every((c) => c.themes.some((t) => t.slug === themeB.slug))).toBe(true)
    expect((await sdk.changes.list({ to: '2020-01-01' })).totalDocs).toBe(0)
    expect((await sdk.changes.list({ from: today, to: today })).totalDocs).toBeGreaterThan(0)
    const res = await cms.fetch(`${cms.baseUrl}/api/changes?from=2026-02-30&theme=x`)
    expect(res.status).toBe(400)
    expect(((await res.json()) as { detail: string }).detail).toContain('from: ')
  })

  it('should date each cell by its last change and each need row by its last review', async () => {
    const p = await product(unique('Cell product'), [themeA.id, themeB.id], {
      learningNeeds: [need.id],
    })
    const review = await recordReview({ payload: cms.payload, user: null } as never, need.id)
    const dates = await sdk.map.cellDates({ axis: 'learning-needs' })
    const row = dates.rows[need.slug]!
    expect(row.cells[themeA.slug]).toBe(p.updatedAt)
    expect(row.cells[themeB.slug]).toBe(p.updatedAt)
    expect(row.reviewed).toBe(review!.at)
    // The need's own last change is its coverage going partial with this product.
    const history = (
      await cms.payload.findByID({
        collection: COLLECTIONS.learningNeeds,
        id: need.id,
        overrideAccess: true,
      })
    ).coverageHistory!
    expect(row.changed).toBe(history[history.length - 1]!.at)
    const types = await sdk.map.cellDates({ axis: 'types' })
    expect(types.rows.report!.cells[themeB.slug]).toBe(p.updatedAt)
    expect(types.rows.report!.reviewed).toBeNull()
  })
})
