import { COLLECTIONS } from '@repo/types'
import type { LearningNeed } from '../src/payload-types'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { createLocalReq } from 'payload'

import { reconcileCoverage } from '../src/lib/coverage'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'
import { buildWorld, recordData, type World } from './helpers/world'

describeEachDatabase('coverage', (kind) => {
  let cms: TestCms
  let world: World

  beforeAll(async () => {
    cms = await startCms(kind)
    world = await buildWorld(cms.payload)
  })
  afterAll(async () => cms?.close())

  const newNeed = () =>
    cms.payload.create({
      collection: COLLECTIONS.learningNeeds,
      data: { ...recordData(COLLECTIONS.learningNeeds, world), _status: 'published' } as never,
      depth: 0,
    })
  const readNeed = (id: string | number) =>
    cms.payload.findByID({
      collection: COLLECTIONS.learningNeeds,
      id,
      depth: 0,
    }) as Promise<LearningNeed>
  const newProduct = (needs: (string | number)[], status: 'published' | 'draft' = 'published') =>
    cms.payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: {
        ...recordData(COLLECTIONS.knowledgeProducts, world),
        learningNeeds: needs,
        _status: status,
      } as never,
      draft: status === 'draft',
      depth: 0,
    })

  it('should follow the published products linked to a need, and go back when unlinked', async () => {
    const need = await newNeed()
    expect((await readNeed(need.id)).coverage).toBe('open')

    const p1 = await newProduct([need.id])
    expect((await readNeed(need.id)).coverage).toBe('partial')

    const p2 = await newProduct([need.id])
    const covered = await readNeed(need.id)
    expect(covered.coverage).toBe('covered')
    expect(covered.publishedProductCount).toBe(2)

    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: p2.id,
      data: { learningNeeds: [] },
      depth: 0,
    })
    expect((await readNeed(need.id)).coverage).toBe('partial')

    await cms.payload.delete({ collection: COLLECTIONS.knowledgeProducts, id: p1.id })
    const after = await readNeed(need.id)
    expect(after.coverage).toBe('open')
    expect(after.publishedProductCount).toBe(0)
  })

  it('should not count drafts', async () => {
    const need = await newNeed()
    await newProduct([need.id], 'draft')
    expect((await readNeed(need.id)).coverage).toBe('open')
  })

  it('should record each change with the triggering product and the reason', async () => {
    const need = await newNeed()
    const product = await newProduct([need.id])
    const history = (await readNeed(need.id)).coverageHistory ?? []
    expect(history.map((h) => [h.from ?? null, h.to])).toEqual([
      [null, 'open'],
      ['open', 'partial'],
    ])
    const last = history.at(-1)!
    expect(last.product).toBe(product.id)
    expect(last.reason).toContain(product.title)
    expect(Number.isNaN(Date.parse(last.at))).toBe(false)
  })

  it('should respect an editor override, keep the derived value, and record the reason', async () => {
    const need = await newNeed()
    await newProduct([need.id])
    const overridden = await cms.payload.update({
      collection: COLLECTIONS.learningNeeds,
      id: need.id,
      data: {
        coverageOverride: 'covered',
        coverageOverrideReason: 'Reviewed by the learning team',
      },
      overrideAccess: false,
      user: world.users.editor,
      depth: 0,
    })
    expect(overridden.coverage).toBe('covered')
    expect(overridden.derivedCoverage).toBe('partial')
    expect(overridden.coverageHistory?.at(-1)?.reason).toBe(
      'Editor override: Reviewed by the learning team',
    )

    await newProduct([need.id])
    expect((await readNeed(need.id)).coverage).toBe('covered')

    const cleared = await cms.payload.update({
      collection: COLLECTIONS.learningNeeds,
      id: need.id,
      data: { coverageOverride: null, coverageOverrideReason: null },
      depth: 0,
    })
    expect(cleared.coverage).toBe('covered')
    expect(cleared.derivedCoverage).toBe('covered')
  })

  it('should ignore coverage values a client submits', async () => {
    const need = await newNeed()
    const res = await cms.payload.update({
      collection: COLLECTIONS.learningNeeds,
      id: need.id,
      data: {
        coverage: 'covered',
        derivedCoverage: 'covered',
        publishedProductCount: 99,
        coverageHistory: [],
      },
      overrideAccess: false,
      user: world.users.editor,
      depth: 0,
    })
    expect(res.coverage).toBe('open')
    expect(res.publishedProductCount).toBe(0)
    expect(res.coverageHistory?.length).toBe(1)
  })

  it('should update the live need without publishing an editor’s pending draft of it', async () => {
    const need = await newNeed()
    await cms.payload.update({
      collection: COLLECTIONS.learningNeeds,
      id: need.id,
      data: { title: 'Unpublished new title' },
      draft: true,
      depth: 0,
    })
    const product = await newProduct([need.id])

    const live = await readNeed(need.id)
    expect(live.title).toBe(need.title)
    expect(live.coverage).toBe('partial')
    expect(live.coverageHistory?.at(-1)?.product).toBe(product.id)

    const draft = (await cms.payload.findByID({
      collection: COLLECTIONS.learningNeeds,
      id: need.id,
      draft: true,
      depth: 0,
    })) as LearningNeed
    expect(draft._status).toBe('draft')
    expect(draft.title).toBe('Unpublished new title')
    expect(draft.coverage).toBe('partial')

    const anonymous = await cms.fetch(
      `${cms.baseUrl}/api/${COLLECTIONS.learningNeeds}/${need.id}?depth=0`,
    )
    expect(((await anonymous.json()) as LearningNeed).title).toBe(need.title)
  })

  it('should not let a contributor set an override', async () => {
    const need = await cms.payload.create({
      collection: COLLECTIONS.learningNeeds,
      data: recordData(COLLECTIONS.learningNeeds, world) as never,
      draft: true,
      overrideAccess: false,
      user: world.users.contributorA,
    })
    const res = await cms.payload.update({
      collection: COLLECTIONS.learningNeeds,
      id: need.id,
      data: { coverageOverride: 'covered', coverageOverrideReason: 'Trust me' },
      draft: true,
      overrideAccess: false,
      user: world.users.contributorA,
      depth: 0,
    })
    expect(res.coverageOverride ?? null).toBeNull()
    expect(res.coverage).toBe('open')
  })

  const editor = () => ({ overrideAccess: false, user: world.users.editor, depth: 0 }) as const
  const update = (id: string | number, data: Record<string, unknown>, draft = false) =>
    cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id,
      data: data as never,
      draft,
      ...editor(),
    })

  it('should recount a need that a draft unlinked once that draft is published', async () => {
    const x = await newNeed()
    const product = await newProduct([x.id])
    expect((await readNeed(x.id)).coverage).toBe('partial')
    await update(product.id, { learningNeeds: [] }, true)
    // The draft is not live yet: X still has its product.
    expect((await readNeed(x.id)).publishedProductCount).toBe(1)
    await update(product.id, { _status: 'published' })
    const after = await readNeed(x.id)
    expect(after.coverage).toBe('open')
    expect(after.publishedProductCount).toBe(0)
  })

  it('should follow trash, restore and unpublish of a linked product', async () => {
    const need = await newNeed()
    const product = await newProduct([need.id])
    await update(product.id, { deletedAt: new Date().toISOString() })
    expect((await readNeed(need.id)).publishedProductCount).toBe(0)
    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: product.id,
      data: { deletedAt: null } as never,
      trash: true,
      ...editor(),
    })
    expect((await readNeed(need.id)).publishedProductCount).toBe(1)
    await update(product.id, { _status: 'draft' })
    expect((await readNeed(need.id)).coverage).toBe('open')
  })

  it('should publish a product linked to a contributor’s unfinished draft need', async () => {
    // Drafts skip validation: this need has no description, which a normal save would refuse.
    const need = await cms.payload.create({
      collection: COLLECTIONS.learningNeeds,
      data: { title: 'Half-written need', raisedBy: [world.partnershipA] } as never,
      draft: true,
      overrideAccess: false,
      user: world.users.contributorA,
      depth: 0,
    })
    const product = await newProduct([need.id], 'draft')
    const published = await update(product.id, { _status: 'published' })
    expect(published._status).toBe('published')
    const stored = (await cms.payload.findByID({
      collection: COLLECTIONS.learningNeeds,
      id: need.id,
      draft: true,
      depth: 0,
    })) as LearningNeed
    expect(stored._status).toBe('draft')
    expect(stored.publishedProductCount).toBe(1)
    const { totalDocs } = await cms.payload.count({
      collection: COLLECTIONS.learningNeeds,
      where: { and: [{ id: { equals: need.id } }, { _status: { equals: 'published' } }] },
    })
    expect(totalDocs).toBe(0)
  })

  it('should report and correct drift when reconciling, and find none the second time', async () => {
    const need = await newNeed()
    await newProduct([need.id])
    // Drift as an old bug, a restore or a hand edit could leave it.
    await cms.payload.db.updateOne({
      collection: COLLECTIONS.learningNeeds,
      id: need.id,
      data: { coverage: 'covered', derivedCoverage: 'covered', publishedProductCount: 7 },
    })
    const req = await createLocalReq({}, cms.payload)
    const first = await reconcileCoverage(req)
    expect(first.corrected).toEqual([
      expect.objectContaining({
        id: need.id,
        before: { coverage: 'covered', derivedCoverage: 'covered', count: 7 },
        after: { coverage: 'partial', derivedCoverage: 'partial', count: 1 },
      }),
    ])
    expect((await readNeed(need.id)).coverage).toBe('partial')
    expect((await reconcileCoverage(req)).corrected).toEqual([])
  })

  it('should run the reconcile as a Payload job', async () => {
    const need = await newNeed()
    await cms.payload.db.updateOne({
      collection: COLLECTIONS.learningNeeds,
      id: need.id,
      data: { publishedProductCount: 3 },
    })
    await cms.payload.jobs.queue({ task: 'reconcileCoverage', input: {}, queue: 'maintenance' })
    await cms.payload.jobs.run({ queue: 'maintenance' })
    expect((await readNeed(need.id)).publishedProductCount).toBe(0)
  })
})
