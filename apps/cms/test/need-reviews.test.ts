import { COLLECTIONS } from '@repo/types'
import { createClient } from '@repo/types/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { dueForReview, NEED_REVIEWS } from '../src/demand/reviews'
import { startCms, type TestCms } from './helpers/payload'
import { buildWorld, loginTokens, type World } from './helpers/world'

describe('"Reviewed, no change" on learning needs', () => {
  let cms: TestCms
  let world: World
  const tokens: Record<string, string> = {}
  let published: { id: string | number; slug: string }
  let draft: { id: string | number }

  beforeAll(async () => {
    cms = await startCms('sqlite')
    world = await buildWorld(cms.payload)
    Object.assign(tokens, await loginTokens(cms, world, ['editor', 'contributorA']))
    const need = await cms.payload.create({
      collection: COLLECTIONS.learningNeeds,
      data: {
        title: 'A need to keep reviewing',
        description: 'A published learning need for the review cycle test.',
        kind: 'learning-need',
        _status: 'published',
      },
      overrideAccess: true,
    })
    published = { id: need.id, slug: need.slug! }
    draft = await cms.payload.create({
      collection: COLLECTIONS.learningNeeds,
      data: {
        title: 'A draft need',
        description: 'Not public yet, nor its reviews.',
        kind: 'learning-need',
      },
      draft: true,
      overrideAccess: true,
    })
  }, 120_000)
  afterAll(async () => cms?.close())

  const reviewed = (id: string | number, token?: string) =>
    cms.fetch(`${cms.baseUrl}/api/learning-needs/${id}/reviewed`, {
      method: 'POST',
      headers: token ? { authorization: `JWT ${token}` } : {},
    })

  it('should let editors only record a review, and leave the need itself unchanged', async () => {
    expect((await reviewed(published.id)).status).toBe(403)
    expect((await reviewed(published.id, tokens.contributorA)).status).toBe(403)
    const before = await cms.payload.findByID({
      collection: COLLECTIONS.learningNeeds,
      id: published.id,
      overrideAccess: true,
    })
    const res = await reviewed(published.id, tokens.editor)
    expect(res.status).toBe(201)
    const { at } = (await res.json()) as { at: string }
    const after = await cms.payload.findByID({
      collection: COLLECTIONS.learningNeeds,
      id: published.id,
      overrideAccess: true,
    })
    expect(after.updatedAt).toBe(before.updatedAt)
    expect(after.lastReviewedAt).toBe(at)
    expect((await reviewed('999999', tokens.editor)).status).toBe(404)
    expect((await reviewed('../x', tokens.editor)).status).toBe(404)
  })

  it('should show when a need was last reviewed to anyone, and who reviewed it to editors only', async () => {
    const sdk = createClient({ baseUrl: cms.baseUrl, fetch: cms.fetch })
    const need = await sdk.learningNeeds.get(published.slug)
    expect(need.lastReviewedAt).toMatch(/^\d{4}-\d\d-\d\dT/)
    await reviewed(draft.id, tokens.editor)
    const anonymous = (await (
      await cms.fetch(`${cms.baseUrl}/api/${NEED_REVIEWS}?depth=0`)
    ).json()) as {
      docs: Record<string, unknown>[]
    }
    expect(anonymous.docs.length).toBeGreaterThan(0)
    for (const r of anonymous.docs) {
      expect(r.need).toBe(published.id)
      expect(r.by).toBeUndefined()
    }
    const asEditor = (await (
      await cms.fetch(`${cms.baseUrl}/api/${NEED_REVIEWS}?depth=0`, {
        headers: { authorization: `JWT ${tokens.editor}` },
      })
    ).json()) as { docs: Record<string, unknown>[] }
    expect(asEditor.docs.some((r) => r.need === draft.id)).toBe(true)
    expect(asEditor.docs.every((r) => r.by === world.users.editor.id)).toBe(true)
  })

  it('should list published needs not reviewed within the period as due, longest first', async () => {
    const now = new Date()
    const soon = new Date(now.getTime() + 7 * 30 * 86_400_000)
    expect((await dueForReview(cms.payload, 6, now)).map((d) => d.id)).not.toContain(published.id)
    const later = await dueForReview(cms.payload, 6, soon)
    expect(later.map((d) => d.id)).toContain(published.id)
    expect(later.map((d) => d.id)).not.toContain(draft.id)
    expect(later.find((d) => d.id === published.id)!.reviewed).toBe(true)
    const since = later.map((d) => d.since)
    expect([...since].sort()).toEqual(since)
  })
})
