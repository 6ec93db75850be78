import { COLLECTIONS, createClient } from '@repo/types'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { seed } from '../src/seed'
import { RELEVANCE } from './fixtures/relevance'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'

describeEachDatabase('search relevance on the real seed', (kind) => {
  let cms: TestCms
  let titles: Set<string>

  beforeAll(async () => {
    cms = await startCms(kind)
    await seed(cms.payload, { log: () => {} })
    const all = await cms.payload.find({
      collection: COLLECTIONS.knowledgeProducts,
      pagination: false,
      select: { title: true },
      overrideAccess: true,
    })
    titles = new Set(all.docs.map((d) => d.title))
  })
  afterAll(async () => cms?.close())

  it('should hold at least 30 queries, each naming real seed products', () => {
    expect(RELEVANCE.length).toBeGreaterThanOrEqual(30)
    for (const c of RELEVANCE) {
      for (const t of [...(c.top5Contains ?? []), ...(c.top5Within ?? [])]) {
        expect(titles.has(t), `${c.query}: "${t}" is not a seed product`).toBe(true)
      }
    }
  })

  it.each(RELEVANCE.map((c) => [c.query, c] as const))(
    'should rank as a careful reader expects for %s',
    async (_q, c) => {
      const client = createClient({ baseUrl: cms.baseUrl, fetch: cms.fetch })
      const res = await client.products.search({ q: c.query, limit: 5 })
      const top = res.docs.map((d) => d.title)
      for (const t of c.top5Contains ?? []) expect(top, c.reason).toContain(t)
      if (c.top5Within) {
        expect(top.length, c.reason).toBe(Math.min(5, c.top5Within.length))
        for (const t of top) expect(c.top5Within, `${c.reason} (got "${t}")`).toContain(t)
      }
    },
  )
})
