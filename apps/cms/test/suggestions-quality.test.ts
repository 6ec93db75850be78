import { COLLECTIONS } from '@repo/types'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { seed } from '../src/seed'
import { evaluate, type Quality } from '../src/suggest/evaluate'
import { suggestionsFor } from '../src/suggest/rank'
import { SUGGESTION_EVALUATION } from './fixtures/suggestions'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'

/** Measured on the real seed when the ranking was built (SQLite): 0.375 and 0.600. */
const PRECISION_AT_5_FLOOR = 0.35
const RECALL_AT_10_FLOOR = 0.55

describeEachDatabase('suggestion quality on the real seed', (kind) => {
  let cms: TestCms
  let quality: Quality

  beforeAll(async () => {
    cms = await startCms(kind)
    await seed(cms.payload, { log: () => {} })
    quality = await evaluate(SUGGESTION_EVALUATION, async (title) => {
      const { docs } = await cms.payload.find({
        collection: COLLECTIONS.learningNeeds,
        where: { title: { equals: title } },
        overrideAccess: true,
      })
      const list = await suggestionsFor(cms.payload, 'need', docs[0]!.id, { limit: 10 })
      return list!.suggestions.map((s) => s.title)
    })
  }, 240_000)
  afterAll(async () => cms?.close())

  it('should judge at least 15 real needs, each against real seed products, with reasons', async () => {
    const [needs, products] = await Promise.all(
      [COLLECTIONS.learningNeeds, COLLECTIONS.knowledgeProducts].map((collection) =>
        cms.payload.find({
          collection,
          pagination: false,
          select: { title: true },
          overrideAccess: true,
        }),
      ),
    )
    const needTitles = new Set(needs!.docs.map((d) => d.title))
    const productTitles = new Set(products!.docs.map((d) => d.title))
    expect(SUGGESTION_EVALUATION.length).toBeGreaterThanOrEqual(15)
    for (const { need, relevant } of SUGGESTION_EVALUATION) {
      expect(needTitles.has(need), `"${need}" is not a seed need`).toBe(true)
      expect(relevant.length).toBeGreaterThan(0)
      for (const r of relevant) {
        expect(productTitles.has(r.title), `"${r.title}" is not a seed product`).toBe(true)
        expect(r.reason.length).toBeGreaterThan(10)
      }
    }
  })

  it('should keep precision@5 and recall@10 at or above the measured floor', () => {
    expect(quality.needs).toBe(SUGGESTION_EVALUATION.length)
    expect(quality.precisionAt5).toBeGreaterThanOrEqual(PRECISION_AT_5_FLOOR)
    expect(quality.recallAt10).toBeGreaterThanOrEqual(RECALL_AT_10_FLOOR)
  })
})
