import { COLLECTIONS, PRODUCT_TYPE_VALUES } from '@repo/types'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { seed, type SeedReport } from '../src/seed'
import facts from '../src/seed/data/seed-facts.json' with { type: 'json' }
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'

const expectedOrganisations = new Set(
  [
    ...facts.partnerships.flatMap((p) => [p.lead, ...(p.members ?? [])]),
    ...facts.knowledgeProducts.map((k) => k.publisher),
  ].filter((x): x is string => typeof x === 'string'),
).size

const COUNTED = [
  COLLECTIONS.programmes,
  COLLECTIONS.themes,
  COLLECTIONS.organisations,
  COLLECTIONS.partnerships,
  COLLECTIONS.knowledgeProducts,
  COLLECTIONS.learningNeeds,
  COLLECTIONS.users,
] as const

describeEachDatabase('seed', (kind) => {
  let cms: TestCms
  let first: SeedReport
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        COUNTED.map(async (c) => [
          c,
          (await cms.payload.count({ collection: c, overrideAccess: true })).totalDocs,
        ]),
      ),
    )

  beforeAll(async () => {
    cms = await startCms(kind)
    first = await seed(cms.payload, {
      log: () => {},
      adminEmail: 'admin@example.org',
      adminPassword: 'a-long-admin-password',
    })
  })
  afterAll(async () => cms?.close())

  it('should load exactly the records in the facts file', async () => {
    expect(await counts()).toEqual({
      [COLLECTIONS.programmes]: facts.programmes.length,
      [COLLECTIONS.themes]: facts.themes.length,
      [COLLECTIONS.organisations]: expectedOrganisations,
      [COLLECTIONS.partnerships]: facts.partnerships.length,
      [COLLECTIONS.knowledgeProducts]: facts.knowledgeProducts.length,
      [COLLECTIONS.learningNeeds]: facts.learningAgenda2022.themes.length,
      [COLLECTIONS.users]: 1,
    })
    expect(facts.partnerships.length).toBe(38)
    expect(facts.knowledgeProducts.length).toBe(12)
    expect(first.generatedAdmin).toBeUndefined()
  })

  it('should change nothing when it runs a second time', async () => {
    const before = await counts()
    const second = await seed(cms.payload, {
      log: () => {},
      adminEmail: 'admin@example.org',
      adminPassword: 'a-long-admin-password',
    })
    expect(second.created).toEqual({})
    expect(await counts()).toEqual(before)
  })

  it('should keep each partnership’s programme, lead, members and source', async () => {
    const { docs } = await cms.payload.find({
      collection: COLLECTIONS.partnerships,
      limit: 0,
      depth: 1,
      pagination: false,
    })
    for (const fact of facts.partnerships) {
      const programme = facts.programmes.find((p) => p.name.startsWith(fact.programme))!
      const doc = docs.find(
        (d) =>
          d.name === fact.name &&
          typeof d.programme === 'object' &&
          d.programme.name === programme.name,
      )
      expect(doc, `${fact.name} (${fact.programme})`).toBeDefined()
      expect(typeof doc!.lead === 'object' ? doc!.lead?.name : undefined).toBe(
        fact.lead ?? undefined,
      )
      expect((doc!.members ?? []).map((m) => (typeof m === 'object' ? m.name : m)).sort()).toEqual(
        [...(fact.members ?? [])].sort(),
      )
      expect(doc!.iatiIdentifier ?? null).toBe(fact.iati ?? null)
      expect(doc!.sources?.map((s) => s.url)).toEqual(fact.source ? [fact.source] : [])
    }
    expect(new Set(docs.map((d) => d.slug)).size).toBe(docs.length)
  })

  it('should publish every real product with its partnership, year and source, and invent no year', async () => {
    const { docs } = await cms.payload.find({
      collection: COLLECTIONS.knowledgeProducts,
      limit: 0,
      depth: 1,
      pagination: false,
    })
    for (const fact of facts.knowledgeProducts) {
      const doc = docs.find((d) => d.title === fact.title)
      expect(doc, fact.title).toBeDefined()
      expect(doc!._status).toBe('published')
      expect(PRODUCT_TYPE_VALUES).toContain(doc!.type)
      expect(doc!.year ?? null).toBe(fact.year)
      expect(doc!.externalUrl ?? null).toBe(fact.source)
      const partnershipNames = (doc!.partnerships ?? []).map((p) =>
        typeof p === 'object' ? p.name : p,
      )
      expect(partnershipNames).toEqual(fact.partnership ? [fact.partnership] : [])
    }
  })

  it('should mark every seeded learning need as an example with its source', async () => {
    const { docs } = await cms.payload.find({
      collection: COLLECTIONS.learningNeeds,
      limit: 0,
      pagination: false,
    })
    expect(docs).toHaveLength(5)
    for (const need of docs) {
      expect(need.isExample).toBe(true)
      expect(need.description).toMatch(/^Example learning need\./)
      expect(need.sources?.[0]?.url).toBe(facts.learningAgenda2022.source)
    }
    expect(docs.filter((d) => d.coverage === 'open').length).toBeGreaterThan(0)
  })

  it('should print a generated admin password once when none is configured', async () => {
    const other = await startCms(kind)
    try {
      const report = await seed(other.payload, { log: () => {} })
      expect(report.generatedAdmin?.email).toBe('admin@knowledge-map.local')
      expect(report.generatedAdmin?.password.length).toBeGreaterThanOrEqual(16)
      const again = await seed(other.payload, { log: () => {} })
      expect(again.generatedAdmin).toBeUndefined()
    } finally {
      await other.close()
    }
  })
})
