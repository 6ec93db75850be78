import { COLLECTIONS, type Matrix, MatrixSchema, rowStatus } from '@repo/types'
import type { Where } from 'payload'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { isStrong, suggestionsFor } from '../src/suggest/rank'
import {
  RECOMPUTE_SUGGESTIONS_TASK,
  readSuggestionStatus,
  SUGGESTED_COVERAGE,
} from '../src/suggest/snapshot'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'
import { buildWorld, loginTokens, type World } from './helpers/world'

type Id = string | number

describeEachDatabase('the map’s suggested coverage (stored, recomputed by a job)', (kind) => {
  let cms: TestCms
  let world: World
  let tokens: Record<'editor' | 'admin', string>
  const ids: Record<string, Id> = {}
  const themes: Record<string, { id: Id; slug: string }> = {}

  const pendingJobs = async () =>
    (
      await cms.payload.count({
        collection: 'payload-jobs',
        where: {
          and: [
            { taskSlug: { equals: RECOMPUTE_SUGGESTIONS_TASK } },
            { completedAt: { exists: false } },
          ],
        },
        overrideAccess: true,
      })
    ).totalDocs

  const call = (path: string, token?: string, body?: unknown) =>
    cms.fetch(`${cms.baseUrl}/api/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...(token ? { authorization: `JWT ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })

  const map = async (query = 'mode=suggested'): Promise<Matrix> => {
    const res = await call(`map/matrix?${query}`)
    expect(res.status).toBe(200)
    return MatrixSchema.parse(await res.json())
  }
  const rowOf = (matrix: Matrix, key: string) =>
    matrix.rows.find((r) => String(r.id) === String(ids[key]))!

  beforeAll(async () => {
    cms = await startCms(kind)
    world = await buildWorld(cms.payload)
    tokens = await loginTokens(cms, world, ['editor', 'admin'])
    for (const [key, title] of [
      ['water', 'Water and sanitation'],
      ['voice', 'Civic voice'],
    ] as const) {
      const t = await cms.payload.create({
        collection: COLLECTIONS.themes,
        data: { title, colour: '#1f5f8b' },
        overrideAccess: true,
      })
      themes[key] = { id: t.id, slug: t.slug! }
    }
    const need = async (key: string, title: string, description: string) => {
      const doc = await cms.payload.create({
        collection: COLLECTIONS.learningNeeds,
        data: { title, description, kind: 'learning-need', _status: 'published' },
        overrideAccess: true,
      })
      ids[key] = doc.id
    }
    await need(
      'river',
      'Citizens in river basin governance',
      'How can citizens influence river basin governance and the sanitation budgets of their municipality?',
    )
    await need(
      'orchids',
      'Orchid exports',
      'Orchid cultivation, orchid markets and orchid exports, with one election.',
    )
    const product = async (key: string, title: string, summary: string, themeKeys: string[]) => {
      const doc = await cms.payload.create({
        collection: COLLECTIONS.knowledgeProducts,
        data: {
          title,
          summary,
          type: 'report',
          themes: themeKeys.map((k) => themes[k]!.id),
          _status: 'published',
        } as never,
        overrideAccess: true,
      })
      ids[key] = doc.id
    }
    const same = 'Citizens monitor the sanitation budgets of municipalities in a river basin.'
    await product('basinA', 'River basin governance by citizens', same, ['water'])
    await product('basinB', 'Citizens and river basin budgets', same, ['water', 'voice'])
    await product('elections', 'Journalists covering elections', 'Press freedom at elections.', [])
  }, 180_000)
  afterAll(async () => cms?.close())

  it('should queue one recompute for many public changes, and none for a draft save', async () => {
    expect(await pendingJobs()).toBe(1)
    expect((await readSuggestionStatus(cms.payload)).state).toBe('queued')
    await cms.payload.jobs.run({ allQueues: true, sequential: true })
    expect(await pendingJobs()).toBe(0)
    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: ids.elections!,
      data: { summary: 'A draft edit nobody sees yet.' },
      draft: true,
      overrideAccess: true,
    })
    expect(await pendingJobs()).toBe(0)
  })

  it('should record the run’s progress and store exactly the strong suggestions of every published need', async () => {
    const status = await readSuggestionStatus(cms.payload)
    expect(status).toMatchObject({ state: 'idle', error: null })
    expect(status.done).toBe(status.total)
    expect(status.total).toBeGreaterThanOrEqual(2)
    expect(status.computedAt).not.toBeNull()
    const { docs } = await cms.payload.find({
      collection: SUGGESTED_COVERAGE,
      depth: 0,
      pagination: false,
      limit: 0,
      overrideAccess: true,
    })
    expect(docs).toHaveLength(status.total)
    for (const doc of docs) {
      const needId = typeof doc.need === 'object' ? doc.need.id : doc.need
      const fresh = (await suggestionsFor(cms.payload, 'need', needId, { limit: 10 }))!
      expect((doc.suggestions as { product: string }[]).map((s) => s.product)).toEqual(
        fresh.suggestions.filter(isStrong).map((s) => s.id),
      )
    }
  })

  it('should show strong suggestions only in suggested mode, counted per theme of the product', async () => {
    const confirmed = await map('')
    expect(confirmed.mode).toBe('confirmed')
    expect(confirmed.suggestions).toBeNull()
    expect(confirmed.rows.every((r) => r.suggested === undefined)).toBe(true)
    expect(rowStatus(rowOf(confirmed, 'river'))).toBe('gap')

    const suggested = await map()
    expect(suggested.mode).toBe('suggested')
    expect(suggested.suggestions).toMatchObject({ threshold: 0.3, pending: false })
    const river = rowOf(suggested, 'river')
    expect(rowStatus(river)).toBe('suggested')
    expect(river.total).toBe(0)
    expect(river.suggested!.products.map((p) => String(p.id)).sort()).toEqual(
      [String(ids.basinA), String(ids.basinB)].sort(),
    )
    expect(river.suggested!.cells).toEqual({
      [themes.water!.slug]: 2,
      [themes.voice!.slug]: 1,
    })
    for (const p of river.suggested!.products) expect(p.terms).toContain('river')
    // "election" is a small share of a need about orchids: no suggestion strong enough.
    expect(rowStatus(rowOf(suggested, 'orchids'))).toBe('gap')
  })

  it('should refuse suggested mode on the product-type axis and an unknown mode, with a 400', async () => {
    for (const query of ['mode=suggested&axis=types', 'mode=guessed']) {
      const res = await call(`map/matrix?${query}`)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(
        /^mode: /,
      )
    }
  })

  it('should drop a dismissed or unpublished suggestion from the map at once, before any recompute', async () => {
    const dismissed = await call(`learning-needs/${ids.river}/suggestions/dismiss`, tokens.editor, {
      product: ids.basinB,
    })
    expect(dismissed.status).toBe(200)
    expect(await pendingJobs()).toBe(1)
    const river = rowOf(await map(), 'river')
    expect(river.suggested!.products.map((p) => String(p.id))).toEqual([String(ids.basinA)])
    expect(river.suggested!.cells[themes.voice!.slug]).toBe(0)

    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: ids.basinA!,
      data: { _status: 'draft' },
      overrideAccess: true,
    })
    expect(rowStatus(rowOf(await map(), 'river'))).toBe('gap')
    await cms.payload.jobs.run({ allQueues: true, sequential: true })
    expect(rowStatus(rowOf(await map(), 'river'))).toBe('gap')
  })

  it('should turn a need confirmed the moment a suggestion is accepted', async () => {
    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: ids.basinA!,
      data: { _status: 'published' },
      overrideAccess: true,
    })
    await cms.payload.jobs.run({ allQueues: true, sequential: true })
    expect(rowStatus(rowOf(await map(), 'river'))).toBe('suggested')
    const accepted = await call(`learning-needs/${ids.river}/suggestions/accept`, tokens.admin, {
      product: ids.basinA,
    })
    expect(accepted.status).toBe(200)
    for (const mode of ['', 'mode=suggested']) {
      const river = rowOf(await map(mode), 'river')
      expect(rowStatus(river)).toBe('confirmed')
      expect(river.cells[themes.water!.slug]).toBe(1)
      expect((river.suggested?.products ?? []).map((p) => String(p.id))).not.toContain(
        String(ids.basinA),
      )
    }
  })

  it('should delete for good a product and a need that have decisions and stored suggestions', async () => {
    const { SUGGESTION_DECISIONS } = await import('../src/suggest/decisions')
    const decisions = (where: Where) =>
      cms.payload.count({ collection: SUGGESTION_DECISIONS, where, overrideAccess: true })
    expect((await decisions({ product: { equals: ids.basinB } })).totalDocs).toBe(1)
    const res = await call(`knowledge-products/${ids.basinB}`, tokens.admin)
    expect(res.status).toBe(200)
    const gone = await cms.fetch(`${cms.baseUrl}/api/knowledge-products/${ids.basinB}`, {
      method: 'DELETE',
      headers: { authorization: `JWT ${tokens.admin}` },
    })
    expect(gone.status).toBe(200)
    expect((await decisions({ product: { equals: ids.basinB } })).totalDocs).toBe(0)

    expect((await decisions({ need: { equals: ids.river } })).totalDocs).toBe(1)
    const needGone = await cms.fetch(`${cms.baseUrl}/api/learning-needs/${ids.river}`, {
      method: 'DELETE',
      headers: { authorization: `JWT ${tokens.admin}` },
    })
    expect(needGone.status).toBe(200)
    expect((await decisions({ need: { equals: ids.river } })).totalDocs).toBe(0)
    const stored = await cms.payload.count({
      collection: SUGGESTED_COVERAGE,
      where: { need: { equals: ids.river } },
      overrideAccess: true,
    })
    expect(stored.totalDocs).toBe(0)
  })
})
