import { type SQLiteAdapter, sql } from '@payloadcms/db-sqlite'
import { COLLECTIONS, type CollectionSlug } from '@repo/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { REVIEW_EVENTS } from '../src/review/states'
import { startCms, type TestCms } from './helpers/payload'
import { buildWorld, loginTokens, recordData, type World } from './helpers/world'

/**
 * A product save, the recount of the needs it links, its review event and its cache clear are one
 * transaction on SQLite too, and concurrent writers of one process all get through.
 */
describe('atomic writes [sqlite]', () => {
  let cms: TestCms
  let world: World
  let editor: string
  const drizzle = () => (cms.payload.db as unknown as SQLiteAdapter).drizzle

  beforeAll(async () => {
    cms = await startCms('sqlite')
    world = await buildWorld(cms.payload)
    ;({ editor } = await loginTokens(cms, world, ['editor'] as const))
  })
  afterAll(async () => cms?.close())

  const rest = (path: string, method: string, body?: unknown) =>
    cms.fetch(`${cms.baseUrl}/api/${path}`, {
      method,
      headers: { 'content-type': 'application/json', Authorization: `JWT ${editor}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  const newNeed = () =>
    cms.payload.create({
      collection: COLLECTIONS.learningNeeds,
      data: { ...recordData(COLLECTIONS.learningNeeds, world), _status: 'published' } as never,
      depth: 0,
    })
  const stored = (collection: CollectionSlug, id: string | number) =>
    cms.payload.db.findOne({ collection, where: { id: { equals: id } } }) as Promise<Record<
      string,
      unknown
    > | null>
  const count = async (collection: string) =>
    (await cms.payload.count({ collection: collection as never, overrideAccess: true })).totalDocs

  it('should leave nothing of a publish behind when its review event cannot be written', async () => {
    const need = await newNeed()
    const product = await cms.payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: {
        ...recordData(COLLECTIONS.knowledgeProducts, world),
        learningNeeds: [need.id],
        reviewStatus: 'in-review',
        _status: 'draft',
      } as never,
      draft: true,
      depth: 0,
    })
    const needBefore = await stored(COLLECTIONS.learningNeeds, need.id)
    const versionsBefore = (
      await cms.payload.countVersions({ collection: COLLECTIONS.knowledgeProducts })
    ).totalDocs
    const eventsBefore = await count(REVIEW_EVENTS)
    // The review log refuses every new entry: the last step of the save fails for real.
    await drizzle().run(
      sql.raw(
        `CREATE TRIGGER review_log_down BEFORE INSERT ON review_events BEGIN SELECT RAISE(ABORT, 'review log unavailable'); END`,
      ),
    )
    try {
      const res = await rest(`${COLLECTIONS.knowledgeProducts}/${product.id}`, 'PATCH', {
        _status: 'published',
      })
      expect(res.ok).toBe(false)
    } finally {
      await drizzle().run(sql.raw('DROP TRIGGER review_log_down'))
    }

    const productAfter = await stored(COLLECTIONS.knowledgeProducts, product.id)
    expect(productAfter?._status).toBe('draft')
    expect(productAfter?.reviewStatus).toBe('in-review')
    const needAfter = await stored(COLLECTIONS.learningNeeds, need.id)
    expect(needAfter?.publishedProductCount).toBe(needBefore?.publishedProductCount)
    expect(needAfter?.coverage).toBe(needBefore?.coverage)
    expect(needAfter?.updatedAt).toBe(needBefore?.updatedAt)
    expect(
      (await cms.payload.countVersions({ collection: COLLECTIONS.knowledgeProducts })).totalDocs,
    ).toBe(versionsBefore)
    expect(await count(REVIEW_EVENTS)).toBe(eventsBefore)
    const anonymous = await cms.fetch(
      `${cms.baseUrl}/api/${COLLECTIONS.knowledgeProducts}?where[id][equals]=${product.id}`,
    )
    expect(((await anonymous.json()) as { totalDocs: number }).totalDocs).toBe(0)

    // The same publish goes through once the log is back, with its recount and its event.
    const retry = await rest(`${COLLECTIONS.knowledgeProducts}/${product.id}`, 'PATCH', {
      _status: 'published',
    })
    expect(retry.status).toBe(200)
    expect((await stored(COLLECTIONS.learningNeeds, need.id))?.publishedProductCount).toBe(1)
    expect(await count(REVIEW_EVENTS)).toBe(eventsBefore + 1)
  })

  it('should take 20 parallel editor writes without a conflict, each recount counted', async () => {
    const need = await newNeed()
    const drafts = []
    for (let i = 0; i < 10; i++) {
      drafts.push(
        await cms.payload.create({
          collection: COLLECTIONS.knowledgeProducts,
          data: {
            ...recordData(COLLECTIONS.knowledgeProducts, world),
            learningNeeds: [need.id],
            _status: 'draft',
          } as never,
          draft: true,
          depth: 0,
        }),
      )
    }
    const creates = Array.from({ length: 10 }, () =>
      rest(COLLECTIONS.knowledgeProducts, 'POST', {
        ...recordData(COLLECTIONS.knowledgeProducts, world),
        learningNeeds: [need.id],
        _status: 'published',
      }),
    )
    const publishes = drafts.map((d) =>
      rest(`${COLLECTIONS.knowledgeProducts}/${d.id}`, 'PATCH', { _status: 'published' }),
    )
    const answers = await Promise.all([...creates, ...publishes])
    const failures = await Promise.all(
      answers.filter((r) => !r.ok).map(async (r) => `${r.status} ${await r.text()}`),
    )
    expect(failures).toEqual([])
    // Every write recounted the same need inside its own transaction: none was lost.
    const after = await stored(COLLECTIONS.learningNeeds, need.id)
    expect(after?.publishedProductCount).toBe(20)
    expect(after?.coverage).toBe('covered')
  })
})
