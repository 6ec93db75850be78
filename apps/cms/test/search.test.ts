/**
 * The search conformance suite: the same documents, the same queries and the same expected
 * results on every adapter (SQLite FTS5 here; MongoDB's text index when MONGODB_URL is set),
 * through the real REST endpoint and the SDK.
 */
import {
  COLLECTIONS,
  createClient,
  type KnowledgeMapClient,
  POPULATE,
  type ProductFilterInput,
} from '@repo/types'
import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { searchAdapter } from '../src/search'
import { analyzeDocument } from '../src/search/analyze'
import { SEARCH_SOURCES } from '../src/search/fields'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'

type Id = string | number

const DOCS = {
  annual: { title: 'Annual report on land rights', summary: 'A report about land tenure.' },
  mapping: { title: 'Community mapping', summary: 'Two reports on land rights in Uganda.' },
  dutch: {
    title: 'Verkiezingen en participatie in Nederland',
    summary: 'Over de verkiezing van lokale raden.',
    languages: ['nl'],
  },
  french: {
    title: 'Les droits des femmes au Sénégal',
    summary: 'Une étude sur la place de la femme.',
    languages: ['fr'],
  },
  evaluation: { title: 'Évaluation finale du programme', summary: 'Final évaluation.' },
  youth: { title: 'Participation of youth', summary: 'Participatory methods for youth groups.' },
  oil: {
    title: 'Oil palm and land rights',
    summary: 'Land rights conflicts around oil palm plantations.',
    keywords: ['plantations'],
  },
} as const
type Key = keyof typeof DOCS

describeEachDatabase('search conformance', (kind) => {
  let cms: TestCms
  let client: KnowledgeMapClient
  const ids = {} as Record<Key | 'draft' | 'trashed' | 'pending', Id>
  const keyOf = new Map<string, string>()

  const create = async (key: string, data: Record<string, unknown>, status = 'published') => {
    const doc = await cms.payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: { type: 'report', ...data, _status: status } as never,
      draft: status === 'draft',
      overrideAccess: true,
    })
    keyOf.set(String(doc.id), key)
    return doc.id as Id
  }

  beforeAll(async () => {
    cms = await startCms(kind)
    client = createClient({ baseUrl: cms.baseUrl, fetch: cms.fetch })
    for (const [key, data] of Object.entries(DOCS)) ids[key as Key] = await create(key, data)
    ids.draft = await create('draft', { title: 'Secret land rights draft' }, 'draft')
    ids.trashed = await create('trashed', { title: 'Trashed land rights report' })
    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: ids.trashed,
      data: { deletedAt: new Date().toISOString() } as never,
      overrideAccess: true,
    })
    ids.pending = await create('pending', { title: 'Mangrove restoration guide' })
    // A pending draft of a published record: its words are not public yet.
    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: ids.pending,
      data: { title: 'Mangrove restoration guide revised zebra' } as never,
      draft: true,
      overrideAccess: true,
    })
  })
  afterAll(async () => cms?.close())

  const found = async (q: string, extra: ProductFilterInput = {}) => {
    const res = await client.products.search({ q, limit: 50, ...extra })
    expect(res.hits.map((h) => h.id)).toEqual(res.docs.map((d) => d.id))
    // The count is the engine's: it must agree with the public records it returned.
    expect(res.totalDocs).toBe(res.docs.length)
    return res.docs.map((d) => keyOf.get(String(d.id)) ?? `?${d.id}`)
  }

  const CASES: [string, string[]][] = [
    ['reports', ['annual', 'mapping']],
    ['REPORT', ['annual', 'mapping']],
    ['land rights', ['annual', 'mapping', 'oil']],
    ['"land rights"', ['annual', 'mapping', 'oil']],
    ['"rights land"', []],
    ['land -oil', ['annual', 'mapping']],
    ['land -"oil palm"', ['annual', 'mapping']],
    ['verkiezing', ['dutch']],
    ['verkiezingen', ['dutch']],
    ['femme', ['french']],
    ['femmes', ['french']],
    ['participatie', ['dutch']],
    ['participation', ['youth']],
    ['evaluation', ['evaluation']],
    ['ÉVALUATION', ['evaluation']],
    ['senegal', ['french']],
    ['partic*', ['dutch', 'youth']],
    ['plantation', ['oil']],
    ['youth OR tenure', ['annual', 'youth']],
    ['mangrove', ['pending']],
    ['zebra', []],
    ['secret', []],
    ['trashed', []],
  ]

  it.each(CASES)('should find exactly the public matches of %s', async (q, expected) => {
    expect((await found(q)).sort()).toEqual([...expected].sort())
  })

  it('should rank a title match above a summary-only match', async () => {
    const order = await found('land rights')
    expect(order.indexOf('mapping')).toBe(2)
    const reports = await found('reports')
    expect(reports).toEqual(['annual', 'mapping'])
  })

  it('should combine the text with the other filters', async () => {
    expect(await found('land rights', { languages: ['nl'] })).toEqual([])
    expect(await found('participatie', { languages: ['nl'] })).toEqual(['dutch'])
  })

  it('should leave out of a dated view, results and facets alike, what was published after it', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    const dated = await client.products.search(
      { q: 'land rights', asOf: yesterday },
      { include: ['facets'] },
    )
    expect(dated.totalDocs).toBe(0)
    expect(dated.facets?.total).toBe(0)
    const now = new Date(Date.now() + 1000).toISOString()
    expect((await found('land rights', { asOf: now })).sort()).toEqual(['annual', 'mapping', 'oil'])
  })

  it('should mark the matched words in the snippets', async () => {
    const res = await client.products.search({ q: 'land rights' })
    const hit = res.hits[res.docs.findIndex((d) => d.id === ids.annual)]!
    expect(hit.snippet.title.filter((s) => s.match).map((s) => s.text)).toEqual(['land', 'rights'])
    expect(hit.snippet.title.map((s) => s.text).join('')).toBe(DOCS.annual.title)
    expect(hit.score).toBeGreaterThan(0)
  })

  it('should give facets and the matrix for the same filter in the same answer', async () => {
    const res = await client.products.search(
      { q: 'land rights' },
      { include: ['facets', 'matrix'] },
    )
    expect(res.facets?.total).toBe(res.totalDocs)
    expect(res.facets?.facets.types.find((t) => t.value === 'report')?.count).toBe(3)
    expect(res.matrix?.axis).toBe('learning-needs')
  })

  it('should follow publish, unpublish, trash and restore', async () => {
    const set = (status: 'draft' | 'published') =>
      cms.payload.update({
        collection: COLLECTIONS.knowledgeProducts,
        id: ids.oil,
        data: { _status: status } as never,
        overrideAccess: true,
      })
    await set('draft')
    expect(await found('oil')).toEqual([])
    await set('published')
    expect(await found('oil')).toEqual(['oil'])
    await cms.payload.delete({
      collection: COLLECTIONS.knowledgeProducts,
      id: ids.draft,
      overrideAccess: true,
    })
    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: ids.trashed,
      data: { deletedAt: null } as never,
      overrideAccess: true,
      trash: true,
    })
    expect(await found('trashed')).toEqual(['trashed'])
  })

  it('should index exactly the public records, with what anonymous REST returns', async () => {
    const res = await cms.fetch(
      `${cms.baseUrl}/api/knowledge-products?limit=100&depth=0&select[title]=true&select[summary]=true&select[keywords]=true&select[countries]=true`,
    )
    const { docs } = (await res.json()) as { docs: Record<string, unknown>[] }
    const indexed = await searchAdapter(cms.payload).indexed(COLLECTIONS.knowledgeProducts)
    expect([...indexed.keys()].sort()).toEqual(docs.map((d) => String(d.id)).sort())
    for (const doc of docs) {
      expect(indexed.get(String(doc.id))).toEqual(
        analyzeDocument(SEARCH_SOURCES[COLLECTIONS.knowledgeProducts](doc)),
      )
    }
    // The hidden search field itself is never returned.
    const one = await cms.fetch(`${cms.baseUrl}/api/knowledge-products/${ids.annual}`)
    const body = (await one.json()) as Record<string, unknown>
    expect(body.search, JSON.stringify(body.search)).toBeUndefined()
    expect(Object.keys(POPULATE)).toContain(COLLECTIONS.themes)
  })

  it('should search learning needs and partnerships too', async () => {
    await cms.payload.create({
      collection: COLLECTIONS.learningNeeds,
      data: {
        title: 'How to measure shifts in social norms',
        description: 'Partners ask for measurement tools.',
        _status: 'published',
      } as never,
      overrideAccess: true,
    })
    const res = await client.search('norm')
    const needs = res.groups.find((g) => g.collection === COLLECTIONS.learningNeeds)!
    expect(needs.hits.map((h) => h.title)).toEqual(['How to measure shifts in social norms'])
    expect(needs.hits[0]!.snippet.title.some((s) => s.match && s.text === 'norms')).toBe(true)
  })

  it('should refuse a query with nothing to search for, naming the parameter', async () => {
    for (const q of ['-oil', '"  "', '***']) {
      const res = await cms.fetch(
        `${cms.baseUrl}/api/search/knowledge-products?q=${encodeURIComponent(q)}`,
      )
      expect(res.status).toBe(400)
      expect(((await res.json()) as { errors: { param: string }[] }).errors[0]!.param).toBe('q')
    }
    const bad = await cms.fetch(`${cms.baseUrl}/api/search/knowledge-products?include=everything`)
    expect(bad.status).toBe(400)
  })

  it('should answer any search text with results or a 400, never an engine error', async () => {
    // Words of the engines' own query syntaxes (FTS5: AND OR NOT NEAR ^ : * ( ) { } "…"; MongoDB
    // $text: "…" -), mixed with letters of several scripts: all must be read as plain text.
    const token = fc.oneof(
      fc.constantFrom('AND', 'OR', 'NOT', 'NEAR', 'near/3', '^', ':', '*', '(', ')', '{', '}'),
      fc.constantFrom('"', '-', '+', '\\', "'", 'land', 'rights', 'ÉVAL', 'ﬁnance', 'عربى'),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 12 }), async (parts) => {
        const q = parts.join(fc.sample(fc.constantFrom(' ', ''), 1)[0])
        const res = await cms.fetch(
          `${cms.baseUrl}/api/search/knowledge-products?q=${encodeURIComponent(q)}`,
        )
        expect([200, 400], `${res.status} for q=${JSON.stringify(q)}`).toContain(res.status)
      }),
      { numRuns: 400, seed: 20261201 },
    )
  })

  it('should suggest the nearest word when nothing matches, where the engine can', async () => {
    const res = await client.products.search({ q: 'mangrvoe' })
    expect(res.totalDocs).toBe(0)
    if (searchAdapter(cms.payload).suggests) {
      expect(res.didYouMean).toBe('mangrove')
      expect(res.suggestions).toEqual([{ word: 'mangrvoe', suggestion: 'mangrove' }])
    } else {
      expect(res.suggestions).toEqual([])
    }
  })

  it('should stream every matching product once, in order, with a closing line', async () => {
    const titles: string[] = []
    for await (const p of client.products.stream({ q: 'land', sort: 'title' })) titles.push(p.title)
    expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : 1)))
    expect(titles.length).toBe((await client.products.search({ q: 'land' })).totalDocs)
  })
})
