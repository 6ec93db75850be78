/**
 * The NDJSON stream reads the database as the reader reads: a record in a later page is read
 * only when the reader gets there, so a paused reader holds the CMS's paging back.
 */
import { COLLECTIONS, createClient, StreamLineSchema } from '@repo/types'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { seed } from '../src/seed'
import { seedSynthetic } from '../src/seed/synthetic'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'

describeEachDatabase('the product stream', (kind) => {
  let cms: TestCms

  beforeAll(async () => {
    cms = await startCms(kind)
    await seed(cms.payload, { log: () => {} })
    await seedSynthetic(cms.payload, { products: 2400, needs: 20, log: () => {} })
  })
  afterAll(async () => cms?.close())

  it('should read a later page of the database only when the reader gets there', async () => {
    const client = createClient({ baseUrl: cms.baseUrl, fetch: cms.fetch })
    // The product at position 2,200 in title order: in the fifth page of 500.
    const target = (await client.products.search({ sort: 'title', limit: 1, page: 2200 })).docs[0]!
    const res = await cms.fetch(`${cms.baseUrl}/api/stream/knowledge-products?sort=title`)
    expect(res.status).toBe(200)
    const total = Number(res.headers.get('x-total-count'))
    expect(total).toBeGreaterThan(2200)
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = decoder.decode((await reader.read()).value, { stream: true })
    // The reader paused after its first page: the record is changed meanwhile …
    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: target.id,
      data: { summary: 'Changed while the stream was paused.' } as never,
      overrideAccess: true,
    })
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => StreamLineSchema.parse(JSON.parse(l)))
    const records = lines.flatMap((l) => ('record' in l ? [l.record] : []))
    expect(records).toHaveLength(total)
    expect(lines.at(-1)).toEqual({ end: { count: total } })
    // … and the stream, reading that page only now, sends it as it is now.
    const streamed = records.find((r) => r.id === target.id)!
    expect(streamed.summary).toBe('Changed while the stream was paused.')
    expect(records.map((r) => r.title)).toEqual(
      [...records.map((r) => r.title)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    )
  })
})
