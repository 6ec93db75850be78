import { COLLECTIONS, MatrixSchema, rowStatus } from '@repo/types'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { SUGGESTION_DECISIONS } from '../src/suggest/decisions'
import type { SuggestionList } from '../src/suggest/rank'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'
import { buildWorld, loginTokens, type World } from './helpers/world'

type Id = string | number

describeEachDatabase('suggestions between products and learning needs', (kind) => {
  let cms: TestCms
  let world: World
  let tokens: Record<'editor' | 'contributorA' | 'admin', string>
  let theme: { id: Id; title: string }
  const ids: Record<string, Id> = {}

  const product = async (key: string, data: Record<string, unknown>, draft = false) => {
    const doc = await cms.payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: { type: 'report', _status: draft ? 'draft' : 'published', ...data } as never,
      draft,
      overrideAccess: true,
    })
    ids[key] = doc.id
  }

  beforeAll(async () => {
    cms = await startCms(kind)
    world = await buildWorld(cms.payload)
    tokens = await loginTokens(cms, world, ['editor', 'contributorA', 'admin'])
    const t = await cms.payload.create({
      collection: COLLECTIONS.themes,
      data: { title: 'Water and sanitation', colour: '#1f5f8b' },
      overrideAccess: true,
    })
    theme = { id: t.id, title: t.title }
    const need = await cms.payload.create({
      collection: COLLECTIONS.learningNeeds,
      data: {
        title: 'Citizens in river basin governance',
        description:
          'How can citizens influence river basin governance and the sanitation budgets of their municipality?',
        kind: 'learning-need',
        raisedBy: [world.partnershipA as number],
        themes: [theme.id as number],
        _status: 'published',
      },
      overrideAccess: true,
    })
    ids.need = need.id
    const media = await cms.payload.create({
      collection: COLLECTIONS.learningNeeds,
      data: {
        title: 'Press freedom during elections',
        description: 'What protects journalists reporting on elections?',
        kind: 'learning-need',
        _status: 'published',
      },
      overrideAccess: true,
    })
    ids.mediaNeed = media.id
    const same = 'Citizens monitor the sanitation budgets of municipalities in a river basin.'
    await product('plain', {
      title: 'River basin governance by citizens',
      slug: 'river-basin-plain',
      summary: same,
      partnerships: [world.partnershipB],
    })
    await product('shared', {
      title: 'River basin governance by citizens (shared)',
      slug: 'river-basin-shared',
      summary: same,
      partnerships: [world.partnershipA],
      themes: [theme.id],
    })
    await product('unrelated', {
      title: 'Journalists covering elections',
      summary: 'Safety of journalists reporting on elections and press freedom.',
      partnerships: [world.partnershipB],
    })
    await product(
      'draft',
      { title: 'River basin governance, draft', summary: same, partnerships: [world.partnershipB] },
      true,
    )
  }, 180_000)
  afterAll(async () => cms?.close())

  const call = (path: string, token?: string, body?: unknown) =>
    cms.fetch(`${cms.baseUrl}/api/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...(token ? { authorization: `JWT ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
  const list = async (side: 'learning-needs' | 'knowledge-products', id: Id) => {
    const res = await call(`${side}/${id}/suggestions`, tokens.editor)
    expect(res.status).toBe(200)
    return (await res.json()) as SuggestionList
  }
  /** The map in suggested mode once the queued recompute has run, rows by need id. */
  const suggestedMap = async () => {
    await cms.payload.jobs.run({ allQueues: true, sequential: true })
    const res = await call('map/matrix?mode=suggested')
    expect(res.status).toBe(200)
    const matrix = MatrixSchema.parse(await res.json())
    expect(matrix.mode).toBe('suggested')
    return new Map(matrix.rows.map((r) => [String(r.id), r]))
  }
  const needDoc = () =>
    cms.payload.findByID({
      collection: COLLECTIONS.learningNeeds,
      id: ids.need!,
      overrideAccess: true,
    })

  it('should rank the published products most like a need, each with the terms it matched', async () => {
    const { suggestions, terms } = await list('learning-needs', ids.need!)
    expect(terms).toEqual(expect.arrayContaining(['river', 'basin']))
    const found = suggestions.map((s) => s.id)
    expect(found).toContain(String(ids.plain))
    expect(found).toContain(String(ids.shared))
    expect(found).not.toContain(String(ids.unrelated))
    expect(found).not.toContain(String(ids.draft))
    for (const s of suggestions) {
      expect(s.why.terms.length).toBeGreaterThan(0)
      expect(s.strength).toBeGreaterThan(0)
      expect(s.strength).toBeLessThanOrEqual(1)
    }
  })

  it('should rank first, and say so, the product sharing the need’s theme and partnership', async () => {
    const { suggestions } = await list('learning-needs', ids.need!)
    const shared = suggestions.find((s) => s.id === String(ids.shared))!
    const plain = suggestions.find((s) => s.id === String(ids.plain))!
    expect(suggestions[0]!.id).toBe(String(ids.shared))
    expect(shared.score).toBeGreaterThan(plain.score)
    expect(shared.why).toMatchObject({ themes: [theme.title], partnerships: ['Partnership A'] })
    expect(plain.why).toMatchObject({ themes: [], partnerships: [] })
    expect(plain.why.terms).toEqual(shared.why.terms)
  })

  it('should suggest needs for a product, the same way reversed', async () => {
    const { suggestions } = await list('knowledge-products', ids.unrelated!)
    expect(suggestions.map((s) => s.id)).toEqual([String(ids.mediaNeed)])
    expect(suggestions[0]!.why.terms).toEqual(expect.arrayContaining(['elections']))
  })

  it('should count as suggested coverage only unlinked published needs with a strong suggestion', async () => {
    const weak = await cms.payload.create({
      collection: COLLECTIONS.learningNeeds,
      data: {
        title: 'Orchids and elections',
        description: 'Orchid cultivation, orchid markets and orchid exports, with one election.',
        kind: 'learning-need',
        _status: 'published',
      },
      overrideAccess: true,
    })
    const rows = await suggestedMap()
    const media = rows.get(String(ids.mediaNeed))!
    expect(rowStatus(media)).toBe('suggested')
    expect(media.suggested!.products.map((p) => String(p.id))).toEqual([String(ids.unrelated)])
    expect(media.suggested!.products[0]!.strength).toBeGreaterThanOrEqual(0.3)
    // "elections" matches, but it is a small share of a need about orchids.
    expect(rowStatus(rows.get(String(weak.id))!)).toBe('gap')
    await cms.payload.delete({
      collection: COLLECTIONS.learningNeeds,
      id: weak.id,
      overrideAccess: true,
    })
  })

  it('should answer 401 to anonymous, 403 to contributors, 400 to bad input, 404 to unknown records', async () => {
    const path = `learning-needs/${ids.need}/suggestions`
    expect((await call(path)).status).toBe(401)
    expect((await call(path, tokens.contributorA)).status).toBe(403)
    expect((await call(`${path}/accept`, undefined, { product: ids.plain })).status).toBe(401)
    expect(
      (await call(`${path}/dismiss`, tokens.contributorA, { product: ids.plain })).status,
    ).toBe(403)
    expect((await call(`${path}?limit=0`, tokens.editor)).status).toBe(400)
    expect((await call(`${path}?limit=abc`, tokens.editor)).status).toBe(400)
    for (const body of [
      'not json',
      {},
      { product: null },
      { product: '../x' },
      { need: ids.plain },
    ]) {
      const res = await call(`${path}/accept`, tokens.editor, body)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { detail: string }).detail).toMatch(/"product"/)
    }
    expect((await call('learning-needs/999999/suggestions', tokens.editor)).status).toBe(404)
    expect((await call(`${path}/accept`, tokens.editor, { product: 999999 })).status).toBe(404)
    const decisions = await call(SUGGESTION_DECISIONS)
    expect(decisions.status).toBe(403)
    expect((await call(SUGGESTION_DECISIONS, tokens.contributorA)).status).toBe(403)
  })

  it('should link the pair on accept, with the suggestion and its why in the coverage history', async () => {
    expect((await needDoc()).coverage).toBe('open')
    const res = await call(`learning-needs/${ids.need}/suggestions/accept`, tokens.editor, {
      product: ids.plain,
    })
    expect(res.status).toBe(200)
    const linked = await cms.payload.findByID({
      collection: COLLECTIONS.knowledgeProducts,
      id: ids.plain!,
      depth: 0,
      overrideAccess: true,
    })
    expect(linked.learningNeeds?.map(String)).toEqual([String(ids.need)])
    expect(linked._status).toBe('published')
    const need = await needDoc()
    expect(need.coverage).not.toBe('open')
    expect(need.publishedProductCount).toBe(1)
    const entry = need.coverageHistory!.at(-1)!
    expect(entry.reason).toMatch(/^Accepted from a suggestion \(matched .*“river”/)
    expect(
      String(typeof entry.changedBy === 'object' ? entry.changedBy?.id : entry.changedBy),
    ).toBe(String(world.users.editor.id))
    const { docs } = await cms.payload.find({
      collection: SUGGESTION_DECISIONS,
      where: { need: { equals: ids.need } },
      depth: 0,
      overrideAccess: true,
    })
    expect(docs.map((d) => [String(d.product), d.decision, String(d.by)])).toEqual([
      [String(ids.plain), 'accepted', String(world.users.editor.id)],
    ])
    expect((await list('learning-needs', ids.need!)).suggestions.map((s) => s.id)).not.toContain(
      String(ids.plain),
    )
    expect(
      (await list('knowledge-products', ids.plain!)).suggestions.map((s) => s.id),
    ).not.toContain(String(ids.need))
    // Confirmed now: no longer a candidate for suggested coverage.
    const row = (await suggestedMap()).get(String(ids.need))!
    expect(rowStatus(row)).toBe('confirmed')
    expect((row.suggested?.products ?? []).map((p) => String(p.id))).not.toContain(
      String(ids.plain),
    )
    const again = await call(`learning-needs/${ids.need}/suggestions/accept`, tokens.editor, {
      product: ids.plain,
    })
    expect(again.status).toBe(409)
  })

  it('should refuse to accept for a product whose pending draft awaits review, leaving it published', async () => {
    await product('pending', {
      title: 'River basin governance with pending changes',
      summary: 'Citizens monitor the sanitation budgets of municipalities in a river basin.',
      partnerships: [world.partnershipB],
    })
    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: ids.pending!,
      data: { title: 'River basin governance with pending changes (unreviewed)' },
      draft: true,
      overrideAccess: true,
    })
    const res = await call(`learning-needs/${ids.need}/suggestions/accept`, tokens.editor, {
      product: ids.pending,
    })
    expect(res.status).toBe(409)
    expect(((await res.json()) as { detail: string }).detail).toMatch(/waiting for review/)
    const live = await cms.payload.findByID({
      collection: COLLECTIONS.knowledgeProducts,
      id: ids.pending!,
      depth: 0,
      overrideAccess: true,
    })
    expect(live).toMatchObject({ _status: 'published', learningNeeds: [] })
    expect(live.title).toBe('River basin governance with pending changes')
  })

  it('should never suggest a dismissed pair again, from either side, even after the product changes', async () => {
    const res = await call(`knowledge-products/${ids.shared}/suggestions/dismiss`, tokens.admin, {
      need: ids.need,
    })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { decision: string }).decision).toBe('dismissed')
    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: ids.shared!,
      data: { summary: 'River basin governance by citizens: sanitation budgets, again.' },
      overrideAccess: true,
    })
    expect((await list('learning-needs', ids.need!)).suggestions.map((s) => s.id)).not.toContain(
      String(ids.shared),
    )
    expect(
      (await list('knowledge-products', ids.shared!)).suggestions.map((s) => s.id),
    ).not.toContain(String(ids.need))
    const product = await cms.payload.findByID({
      collection: COLLECTIONS.knowledgeProducts,
      id: ids.shared!,
      depth: 0,
      overrideAccess: true,
    })
    expect(product.learningNeeds ?? []).toEqual([])
    // A confirmed link is not a suggestion to dismiss: unlink it on the product instead.
    const linked = await call(`learning-needs/${ids.need}/suggestions/dismiss`, tokens.editor, {
      product: ids.plain,
    })
    expect(linked.status).toBe(409)
  })
})
