import { COLLECTIONS } from '@repo/types'
import { afterAll, beforeAll, expect, it } from 'vitest'

import type { KnowledgeProduct, LearningNeed } from '../src/payload-types'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'
import { buildWorld, recordData, type World } from './helpers/world'

describeEachDatabase('linking products from the need side', (kind) => {
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
  const newProduct = (status: 'published' | 'draft' = 'published') =>
    cms.payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: { ...recordData(COLLECTIONS.knowledgeProducts, world), _status: status } as never,
      draft: status === 'draft',
      depth: 0,
    })
  const link = (needId: string | number, products: (string | number)[]) =>
    cms.payload.update({
      collection: COLLECTIONS.learningNeeds,
      id: needId,
      data: { linkProducts: products } as never,
      overrideAccess: false,
      user: world.users.editor,
      depth: 0,
    }) as Promise<LearningNeed>
  const readProduct = (id: string | number, draft = false) =>
    cms.payload.findByID({
      collection: COLLECTIONS.knowledgeProducts,
      id,
      depth: 0,
      draft,
    }) as Promise<KnowledgeProduct>

  it('should store the link once, on the product, and derive coverage with the triggering product in the history', async () => {
    const need = await newNeed()
    const p1 = await newProduct()
    const p2 = await newProduct()

    const afterFirst = await link(need.id, [p1.id])
    expect(afterFirst.coverage).toBe('partial')
    expect((await readProduct(p1.id)).learningNeeds).toEqual([need.id])
    const last = afterFirst.coverageHistory?.at(-1)
    expect(last).toMatchObject({ from: 'open', to: 'partial', product: p1.id })
    expect(last?.reason).toContain(p1.title)

    const afterSecond = await link(need.id, [p1.id, p2.id])
    expect(afterSecond.coverage).toBe('covered')
    expect(afterSecond.coverageHistory?.at(-1)).toMatchObject({ to: 'covered', product: p2.id })
    expect((await readProduct(p1.id)).learningNeeds).toEqual([need.id])

    const read = await cms.payload.findByID({
      collection: COLLECTIONS.learningNeeds,
      id: need.id,
      depth: 0,
      joins: { addressedBy: { limit: 10 } },
    })
    expect(read.addressedBy?.docs?.map((d) => (typeof d === 'object' ? d.id : d)).sort()).toEqual(
      [p1.id, p2.id].sort(),
    )
    expect(read.publishedProductCount).toBe(2)
    expect(read.linkProducts ?? []).toEqual([])

    const overridden = await cms.payload.update({
      collection: COLLECTIONS.learningNeeds,
      id: need.id,
      data: { coverageOverride: 'partial', coverageOverrideReason: 'Both products are dated' },
      overrideAccess: false,
      user: world.users.editor,
      depth: 0,
    })
    expect(overridden.coverage).toBe('partial')
    expect(overridden.derivedCoverage).toBe('covered')
    expect(overridden.coverageHistory?.at(-1)).toMatchObject({
      from: 'covered',
      to: 'partial',
      reason: 'Editor override: Both products are dated',
    })
  })

  it('should show the coverage history to the public, without who changed it', async () => {
    const need = await newNeed()
    const product = await newProduct()
    await link(need.id, [product.id])
    const res = await cms.fetch(`${cms.baseUrl}/api/learning-needs/${need.id}?depth=0`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as LearningNeed
    expect(body.coverageHistory?.length).toBe(2)
    expect(body.coverageHistory?.at(-1)).toMatchObject({ to: 'partial', product: product.id })
    expect(body.coverageHistory?.every((h) => !('changedBy' in h))).toBe(true)
    expect('linkProducts' in body).toBe(false)
    expect('reviewComment' in body).toBe(false)

    const staff = await cms.payload.findByID({
      collection: COLLECTIONS.learningNeeds,
      id: need.id,
      depth: 0,
      overrideAccess: false,
      user: world.users.editor,
    })
    expect(staff.coverageHistory?.at(-1)?.changedBy).toBe(world.users.editor.id)
  })

  it('should put the link into the draft of a product with unpublished changes, never publishing them', async () => {
    const need = await newNeed()
    const product = await newProduct()
    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: product.id,
      data: { title: 'Pending rewrite' },
      draft: true,
    })
    const after = await link(need.id, [product.id])
    expect(after.coverage).toBe('open')
    const live = await readProduct(product.id)
    expect(live.title).toBe(product.title)
    expect(live.learningNeeds ?? []).toEqual([])
    const draft = await readProduct(product.id, true)
    expect(draft.title).toBe('Pending rewrite')
    expect(draft.learningNeeds).toEqual([need.id])
  })

  it('should not let a contributor link products from a need', async () => {
    const need = await cms.payload.create({
      collection: COLLECTIONS.learningNeeds,
      data: recordData(COLLECTIONS.learningNeeds, world) as never,
      draft: true,
      depth: 0,
    })
    const product = await newProduct()
    await cms.payload.update({
      collection: COLLECTIONS.learningNeeds,
      id: need.id,
      data: { linkProducts: [product.id] } as never,
      draft: true,
      overrideAccess: false,
      user: world.users.contributorA,
      depth: 0,
    })
    expect((await readProduct(product.id)).learningNeeds ?? []).toEqual([])
  })
})
