import { COLLECTIONS, createClient, POPULATE, type KnowledgeMapClient } from '@repo/types'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { BYPASS } from '../src/perf/cachedPopulate'
import { seed } from '../src/seed'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'

type Id = string | number

describeEachDatabase('read cache and cached references', (kind) => {
  let cms: TestCms
  let client: KnowledgeMapClient
  let productSlug: string
  let ids: { published: Id; draft: Id; trashed: Id }

  beforeAll(async () => {
    cms = await startCms(kind)
    await seed(cms.payload, { log: () => {} })
    client = createClient({ baseUrl: cms.baseUrl, fetch: cms.fetch })
    const { payload } = cms
    const need = async (title: string, status: 'published' | 'draft') =>
      (
        await payload.create({
          collection: COLLECTIONS.learningNeeds,
          data: { title, description: 'd', _status: status } as never,
          overrideAccess: true,
          draft: status === 'draft',
        })
      ).id as Id
    ids = {
      published: await need('Cache published need', 'published'),
      draft: await need('Cache draft need', 'draft'),
      trashed: await need('Cache trashed need', 'published'),
    }
    const theme = (await payload.find({ collection: COLLECTIONS.themes, limit: 1, depth: 0 }))
      .docs[0]!
    const product = await payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: {
        title: 'Cache probe product',
        type: 'report',
        year: 2024,
        themes: [theme.id],
        learningNeeds: [ids.published, ids.draft, ids.trashed],
        _status: 'published',
      } as never,
      overrideAccess: true,
    })
    productSlug = product.slug as string
    await payload.update({
      collection: COLLECTIONS.learningNeeds,
      id: ids.trashed,
      data: { deletedAt: new Date().toISOString() } as never,
      overrideAccess: true,
    })
  })
  afterAll(async () => {
    await cms?.close()
  })

  it('should give public readers exactly what Payload’s populate gives', async () => {
    const select = Object.fromEntries(
      ['title', 'slug', 'themes', 'partnerships', 'organisations', 'learningNeeds', 'file'].map(
        (k) => [k, true],
      ),
    )
    const read = (bypass: boolean) =>
      cms.payload.find({
        collection: COLLECTIONS.knowledgeProducts,
        where: { slug: { equals: productSlug } },
        depth: 1,
        select: select as never,
        populate: POPULATE as never,
        overrideAccess: false,
        context: bypass ? { [BYPASS]: true } : {},
      })
    const [cached, payloads] = await Promise.all([read(false), read(true)])
    expect(JSON.parse(JSON.stringify(cached.docs))).toEqual(
      JSON.parse(JSON.stringify(payloads.docs)),
    )
    const needs = (cached.docs[0] as unknown as { learningNeeds: unknown[] }).learningNeeds
    // The published need is a reference; the draft one stays an id; the trashed one is null.
    expect(needs).toHaveLength(3)
    expect(needs.filter((n) => n && typeof n === 'object')).toHaveLength(1)
  })

  it('should recount the map after a product is published', async () => {
    const before = await client.map.matrix({ axis: 'types' })
    const again = await client.map.matrix({ axis: 'types' })
    expect(again).toEqual(before)
    const theme = (await cms.payload.find({ collection: COLLECTIONS.themes, limit: 1, depth: 0 }))
      .docs[0]!
    await cms.payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: {
        title: 'Cache recount product',
        type: 'video',
        themes: [theme.id],
        _status: 'published',
      } as never,
      overrideAccess: true,
    })
    const after = await client.map.matrix({ axis: 'types' })
    expect(after.totals.products).toBe(before.totals.products + 1)
    const listed = await client.products.list({ types: ['video'] })
    expect(listed.docs.some((p) => p.title === 'Cache recount product')).toBe(true)
  })
})
