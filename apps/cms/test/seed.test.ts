import { COLLECTIONS, PRODUCT_TYPE_VALUES } from '@repo/types'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { seed, type SeedReport } from '../src/seed'
import facts from '../src/seed/data/seed-facts.json' with { type: 'json' }
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'

const expectedOrganisations = new Set(
  [
    ...facts.partnerships.flatMap((p) => [p.lead, ...(p.members ?? [])]),
    ...facts.knowledgeProducts.flatMap((k) => [k.publisher, ...(k.organisations ?? [])]),
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
      [COLLECTIONS.learningNeeds]: facts.learningNeeds.length,
      [COLLECTIONS.users]: 1,
    })
    expect(facts.partnerships.length).toBe(43)
    expect(facts.knowledgeProducts.length).toBe(86)
    expect(facts.learningNeeds.length).toBe(23)
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

  it('should publish every real product with its partnership, year, link and sources, and invent no year', async () => {
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
      expect(doc!.year ?? null).toBe(fact.year ?? null)
      expect(doc!.externalUrl ?? null).toBe(fact.url ?? null)
      expect(doc!.summary ?? null).toBe(fact.description ?? null)
      const urls = doc!.sources?.map((s) => s.url) ?? []
      if (fact.source) expect(urls[0]).toBe(fact.source)
      for (const more of fact.moreSources ?? []) expect(urls).toContain(more)
      // One product in the facts has no page at all; every other one keeps at least one.
      if (fact.source || fact.url || fact.moreSources?.length) {
        expect(urls.length, `${fact.title} has a source`).toBeGreaterThan(0)
      }
      const partnershipNames = (doc!.partnerships ?? []).map((p) =>
        typeof p === 'object' ? p.name : p,
      )
      expect(partnershipNames).toEqual(fact.partnership ? [fact.partnership] : [])
      // No source links a product to a need: the seed links none.
      expect(doc!.learningNeeds ?? []).toEqual([])
    }
  })

  it('should map every free-text type, with evaluations as their own type', async () => {
    const { docs } = await cms.payload.find({
      collection: COLLECTIONS.knowledgeProducts,
      where: { type: { equals: 'evaluation' } },
      limit: 0,
      pagination: false,
    })
    expect(docs.length).toBe(facts.knowledgeProducts.filter((k) => k.type === 'evaluation').length)
    expect(docs.length).toBe(14)
  })

  it('should mark inferred facts as inferred, with the note that says what was inferred', async () => {
    for (const collection of [COLLECTIONS.knowledgeProducts, COLLECTIONS.learningNeeds] as const) {
      const { docs } = await cms.payload.find({ collection, limit: 0, pagination: false })
      const list: {
        confidence?: string | null
        note?: string | null
        title?: string
        statement?: string
      }[] =
        collection === COLLECTIONS.knowledgeProducts ? facts.knowledgeProducts : facts.learningNeeds
      const inferred = list.filter((f) => f.confidence === 'inferred from context')
      expect(inferred.length).toBeGreaterThan(0)
      expect(docs.filter((d) => d.confidence === 'inferred')).toHaveLength(inferred.length)
      expect(docs.filter((d) => d.confidence === 'stated')).toHaveLength(
        list.length - inferred.length,
      )
      for (const d of docs.filter((x) => x.confidence === 'inferred')) {
        const fact = list.find((f) =>
          collection === COLLECTIONS.learningNeeds
            ? f.statement === (d as { description?: string }).description
            : f.title === d.title,
        )
        expect(fact, String(d.title)).toBeDefined()
        expect(d.provenanceNote ?? null, String(d.title)).toBe(fact?.note ?? null)
      }
    }
  })

  it('should load each stated need with who stated it, the year and the source, and no example', async () => {
    const { docs } = await cms.payload.find({
      collection: COLLECTIONS.learningNeeds,
      limit: 0,
      depth: 1,
      pagination: false,
    })
    expect(docs).toHaveLength(facts.learningNeeds.length)
    for (const fact of facts.learningNeeds) {
      const need = docs.find((d) => d.description === fact.statement)
      expect(need, fact.statement).toBeDefined()
      expect(need!.isExample).toBeFalsy()
      expect(need!.statedBy?.name).toBe(fact.statedBy)
      expect(need!.statedYear ?? null).toBe(fact.year)
      expect(need!.topic ?? null).toBe(fact.theme)
      expect(need!.sources?.[0]?.url).toBe(fact.source)
      expect(need!.kind).toBe(fact.type === 'knowledge gap' ? 'knowledge-gap' : 'learning-need')
      expect(need!.title.length).toBeLessThanOrEqual(80)
      expect(need!.editorialNote).toMatch(/editorially/)
      // Nothing links a need yet, so every need is honestly open: a gap until an editor links.
      expect(need!.coverage).toBe('open')
    }
  })

  it('should raise a need by a partnership only when the source names that partnership', async () => {
    const { docs } = await cms.payload.find({
      collection: COLLECTIONS.learningNeeds,
      limit: 0,
      depth: 1,
      pagination: false,
    })
    const raised = (statedBy: string) =>
      (docs.find((d) => d.statedBy?.name === statedBy)!.raisedBy ?? []).map((p) =>
        typeof p === 'object' ? p.name : p,
      )
    expect(raised('Right2Grow')).toEqual(['Right2Grow'])
    expect(raised('She Leads')).toEqual(['She Leads'])
    expect(raised('Power of Pride (COC Nederland, Pan Africa ILGA, ILGA Asia)')).toEqual([
      'Power of Pride',
    ])
    // "Count Me In! consortium" resembles "Count Me In! 2.0" but does not name it.
    expect(raised('Count Me In! consortium (with UAF and UAF-Africa)')).toEqual([])
    expect(raised('Partos PME platform')).toEqual([])
  })

  it('should remove the example needs an earlier seed made, and keep everything else', async () => {
    await cms.payload.create({
      collection: COLLECTIONS.learningNeeds,
      data: {
        title: 'Learning theme: Civic Power',
        slug: 'learning-theme-civic-power',
        description: 'Example learning need. An earlier seed made it.',
        kind: 'learning-need',
        isExample: true,
        _status: 'published',
      },
      overrideAccess: true,
    })
    const before = await counts()
    await seed(cms.payload, { log: () => {} })
    expect(await counts()).toEqual({
      ...before,
      [COLLECTIONS.learningNeeds]: before[COLLECTIONS.learningNeeds]! - 1,
    })
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
