import { randomUUID } from 'node:crypto'

import { COLLECTIONS, KnowledgeMapError, PRODUCT_TYPES } from '@repo/types'
import { createClient } from '@repo/types/client'
import type { Facets } from '@repo/types/facets'
import type { Payload, Where } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../src/seed'
import { startCms, type TestCms } from './helpers/payload'

type Id = string | number
const PUBLISHED: Where = { _status: { equals: 'published' } }

async function countPublished(payload: Payload, where?: Where): Promise<number> {
  const { totalDocs } = await payload.count({
    collection: COLLECTIONS.knowledgeProducts,
    where: where ? { and: [PUBLISHED, where] } : PUBLISHED,
    overrideAccess: true,
  })
  return totalDocs
}

const countOf = (facets: Facets, key: keyof Facets['facets'], value: string) =>
  facets.facets[key].find((v) => v.value === value)?.count

describe('GET /api/map/facets', () => {
  let cms: TestCms
  let options: { baseUrl: string; fetch: typeof fetch }
  let themes: { id: Id; slug: string }[]
  let partnership: { id: Id; slug: string }
  let programme: { id: Id; slug: string }
  let draftTheme: { id: Id; slug: string }

  beforeAll(async () => {
    cms = await startCms('sqlite')
    const { payload } = cms
    await seed(payload, { log: () => {} })
    options = { baseUrl: cms.baseUrl, fetch: cms.fetch }
    const found = await payload.find({ collection: COLLECTIONS.themes, sort: 'order', limit: 10 })
    themes = found.docs.map((t) => ({ id: t.id, slug: t.slug! }))
    const withPartnership = await payload.find({
      collection: COLLECTIONS.knowledgeProducts,
      where: { and: [PUBLISHED, { partnerships: { exists: true } }] },
      depth: 2,
      limit: 1,
    })
    const p = withPartnership.docs[0]!.partnerships![0] as {
      id: Id
      slug: string
      programme: { id: Id; slug: string }
    }
    partnership = { id: p.id, slug: p.slug }
    programme = { id: p.programme.id, slug: p.programme.slug }

    // Products with languages and countries the seed has not, and a draft that must not count.
    for (const [i, languages, countries] of [
      [0, ['fr', 'sw'], ['Testland K', 'Testland M']],
      [1, ['fr'], ['Testland K']],
    ] as const) {
      await payload.create({
        collection: COLLECTIONS.knowledgeProducts,
        data: {
          title: `Facet product ${i} ${randomUUID().slice(0, 6)}`,
          type: 'toolkit',
          year: 2023,
          languages: [...languages],
          countries: [...countries],
          themes: [themes[i]!.id as number],
          partnerships: [partnership.id as number],
          _status: 'published',
        },
        overrideAccess: true,
      })
    }
    draftTheme = themes[3]!
    await payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: {
        title: 'A draft that no facet may count',
        type: 'podcast',
        year: 2031,
        languages: ['am'],
        countries: ['Atlantis'],
        themes: [draftTheme.id as number],
        _status: 'draft',
      },
      draft: true,
      overrideAccess: true,
    })
  })

  afterAll(async () => {
    await cms?.close()
  })

  it('should count every theme, type and programme over published products only', async () => {
    const facets = await createClient(options).map.facets()
    expect(facets.total).toBe(await countPublished(cms.payload))
    expect(facets.facets.themes.map((t) => t.value)).toEqual(themes.map((t) => t.slug))
    for (const t of themes) {
      expect(countOf(facets, 'themes', t.slug)).toBe(
        await countPublished(cms.payload, { themes: { in: [t.id] } }),
      )
    }
    for (const t of PRODUCT_TYPES) {
      expect(countOf(facets, 'types', t.value)).toBe(
        await countPublished(cms.payload, { type: { equals: t.value } }),
      )
    }
    expect(countOf(facets, 'programmes', programme.slug)).toBe(
      await countPublished(cms.payload, { 'partnerships.programme': { equals: programme.id } }),
    )
    expect(countOf(facets, 'partnerships', partnership.slug)).toBe(
      await countPublished(cms.payload, { partnerships: { in: [partnership.id] } }),
    )
    // The draft's year, language and country are nowhere.
    expect(countOf(facets, 'years', '2031')).toBeUndefined()
    expect(countOf(facets, 'languages', 'am')).toBeUndefined()
    expect(countOf(facets, 'countries', 'Atlantis')).toBeUndefined()
    expect(countOf(facets, 'languages', 'fr')).toBe(2)
    expect(countOf(facets, 'languages', 'sw')).toBe(1)
    expect(countOf(facets, 'countries', 'Testland K')).toBe(2)
    expect(countOf(facets, 'countries', 'Testland M')).toBe(1)
    expect(countOf(facets, 'years', '2023')).toBe(
      await countPublished(cms.payload, { year: { equals: 2023 } }),
    )
    expect(facets.facets.themes.every((t) => /^#[0-9a-f]{6}$/i.test(t.colour ?? ''))).toBe(true)
  })

  it('should count each facet with every filter except its own', async () => {
    const facets = await createClient(options).map.facets(`?theme=${themes[0]!.slug}&language=fr`)
    // Both filters apply to the total…
    expect(facets.total).toBe(1)
    // …the theme facet ignores the theme filter, but keeps the language one…
    expect(countOf(facets, 'themes', themes[0]!.slug)).toBe(1)
    expect(countOf(facets, 'themes', themes[1]!.slug)).toBe(1)
    expect(countOf(facets, 'themes', themes[2]!.slug)).toBe(0)
    // …and the language facet ignores the language filter, but keeps the theme one.
    expect(countOf(facets, 'languages', 'fr')).toBe(1)
    expect(countOf(facets, 'languages', 'sw')).toBe(1)
    expect(countOf(facets, 'types', 'toolkit')).toBe(1)
    expect(countOf(facets, 'types', 'report')).toBe(0)
  })

  it('should keep a selected value that matches nothing, with a count of 0', async () => {
    const facets = await createClient(options).map.facets({
      countries: ['Nowhere'],
      yearFrom: 1991,
    })
    expect(facets.total).toBe(0)
    expect(countOf(facets, 'countries', 'Nowhere')).toBe(0)
    expect(countOf(facets, 'years', '1991')).toBe(0)
  })

  it('should answer 400 naming the bad parameter', async () => {
    const res = await cms.fetch(`${cms.baseUrl}/api/map/facets?yearFrom=soon&colour=red`)
    expect(res.status).toBe(400)
    const body = (await res.json()) as { errors: { param: string }[] }
    expect(body.errors.map((e) => e.param).sort()).toEqual(['colour', 'yearFrom'])
  })

  it('should reject a bad filter before any request is made', async () => {
    let requests = 0
    const counting = (async (...args: Parameters<typeof fetch>) => {
      requests++
      return cms.fetch(...args)
    }) as typeof fetch
    const err = await createClient({ ...options, fetch: counting })
      .map.facets('?type=novel')
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(KnowledgeMapError)
    expect((err as KnowledgeMapError).code).toBe('invalid_filter')
    expect(requests).toBe(0)
  })
})
