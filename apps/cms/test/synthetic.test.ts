import { COLLECTIONS, coverageFromCount, createClient, type KnowledgeMapClient } from '@repo/types'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { seed } from '../src/seed'
import {
  countSynthetic,
  removeSynthetic,
  SYNTHETIC_KEYWORD,
  SYNTHETIC_PREFIX,
  type SyntheticReport,
  seedSynthetic,
} from '../src/seed/synthetic'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'

const PRODUCTS = 300

describeEachDatabase('synthetic load', (kind) => {
  let cms: TestCms
  let client: KnowledgeMapClient
  let report: SyntheticReport
  let realProducts: number

  beforeAll(async () => {
    cms = await startCms(kind)
    await seed(cms.payload, { log: () => {} })
    realProducts = (
      await cms.payload.count({ collection: COLLECTIONS.knowledgeProducts, overrideAccess: true })
    ).totalDocs
    report = await seedSynthetic(cms.payload, {
      products: PRODUCTS,
      needs: 12,
      batchSize: 100,
      log: () => {},
    })
    client = createClient({ baseUrl: cms.baseUrl, fetch: cms.fetch })
  })
  afterAll(async () => {
    await cms?.close()
  })

  it('should say which bulk path it used and count what it wrote', () => {
    expect(report.path).toBe(kind === 'sqlite' ? 'sqlite-driver' : 'mongodb-insertMany')
    expect(report.products).toBe(PRODUCTS)
    expect(report.published).toBeGreaterThan(PRODUCTS * 0.8)
    expect(report.published).toBeLessThan(PRODUCTS)
    expect(report.rows).toBeGreaterThan(PRODUCTS * 2)
  })

  it('should make published products visible through the REST API like created ones', async () => {
    const page = await client.products.list({ limit: 100, sort: 'title' })
    expect(page.totalDocs).toBe(report.published + realProducts)
    const synthetic = page.docs.find((p) => p.slug.startsWith(SYNTHETIC_PREFIX))!
    expect(synthetic).toBeDefined()
    const full = await client.products.get(synthetic.slug)
    expect(full.keywords).toContain(SYNTHETIC_KEYWORD)
    expect(full.themes.length).toBeGreaterThan(0)
    expect(full.themes[0]!.slug).toBeTruthy()
    expect(full.partnerships[0]!.name).toBeTruthy()
    expect(full.languages.length).toBeGreaterThan(0)
    expect(full.countries.length).toBeGreaterThan(0)
    // The versions table holds it as the latest, published version.
    const versions = await cms.payload.findVersions({
      collection: COLLECTIONS.knowledgeProducts,
      where: { and: [{ parent: { equals: full.id } }, { latest: { equals: true } }] },
      overrideAccess: true,
      depth: 0,
    })
    expect(versions.docs).toHaveLength(1)
    expect(versions.docs[0]!.version._status).toBe('published')
    expect(versions.docs[0]!.version.slug).toBe(full.slug)
  })

  it('should keep drafts out of the public API and return them as drafts to editors', async () => {
    const drafts = await cms.payload.find({
      collection: COLLECTIONS.knowledgeProducts,
      where: { and: [{ _status: { equals: 'draft' } }, { slug: { like: SYNTHETIC_PREFIX } }] },
      overrideAccess: true,
      draft: true,
      depth: 0,
      limit: 1,
    })
    const draft = drafts.docs[0]!
    expect(draft).toBeDefined()
    await expect(client.products.get(draft.slug!)).rejects.toMatchObject({ status: 404 })
  })

  it('should filter synthetic products by theme, need and country through the filter language', async () => {
    const need = (await client.learningNeeds.list({ limit: 100, coverage: ['covered'] })).docs.find(
      (n) => n.slug.startsWith(SYNTHETIC_PREFIX),
    )!
    expect(need).toBeDefined()
    const byNeed = await client.products.list({ learningNeeds: [need.slug], limit: 100 })
    expect(byNeed.totalDocs).toBeGreaterThanOrEqual(2)
    const full = await client.products.get(byNeed.docs[0]!.slug)
    const byAll = await client.products.list({
      learningNeeds: [need.slug],
      themes: [full.themes[0]!.slug],
      countries: [full.countries[0]!],
      types: [full.type],
    })
    expect(byAll.docs.map((p) => p.slug)).toContain(full.slug)
  })

  it('should store each need’s coverage as the recount of its published products gives it', async () => {
    const needs = await cms.payload.find({
      collection: COLLECTIONS.learningNeeds,
      where: { slug: { like: SYNTHETIC_PREFIX } },
      overrideAccess: true,
      pagination: false,
      depth: 0,
    })
    expect(needs.docs).toHaveLength(12)
    let gaps = 0
    for (const need of needs.docs) {
      const { totalDocs } = await cms.payload.count({
        collection: COLLECTIONS.knowledgeProducts,
        where: {
          and: [{ learningNeeds: { equals: need.id } }, { _status: { equals: 'published' } }],
        },
        overrideAccess: true,
      })
      expect(need.publishedProductCount).toBe(totalDocs)
      expect(need.coverage).toBe(coverageFromCount(totalDocs))
      expect(need.coverageHistory).toHaveLength(1)
      expect(need.description).toMatch(/^\[synthetic\]/)
      if (totalDocs === 0) gaps++
    }
    expect(gaps).toBeGreaterThan(0)
  })

  it('should remove every synthetic record and leave the real ones', async () => {
    await removeSynthetic(cms.payload, () => {})
    expect(await countSynthetic(cms.payload)).toEqual({ products: 0, needs: 0 })
    const left = await cms.payload.count({
      collection: COLLECTIONS.knowledgeProducts,
      overrideAccess: true,
    })
    expect(left.totalDocs).toBe(realProducts)
    const versions = await cms.payload.countVersions({
      collection: COLLECTIONS.knowledgeProducts,
      where: { 'version.slug': { like: SYNTHETIC_PREFIX } },
      overrideAccess: true,
    })
    expect(versions.totalDocs).toBe(0)
  })
})
