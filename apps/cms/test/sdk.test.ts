import { randomUUID } from 'node:crypto'

import {
  COLLECTIONS,
  createClient,
  KnowledgeMapError,
  PRODUCT_SORTS,
  type KnowledgeMapClient,
  type Product,
} from '@repo/types'
import type { Payload, Where } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../src/seed'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'

type Id = string | number
const PUBLISHED: Where = { _status: { equals: 'published' } }

/** Records every request the SDK makes, then lets the real in-process handler answer it. */
function recordingFetch(inner: typeof fetch) {
  const requests: { url: string; headers: Headers }[] = []
  const wrapped = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ url: String(input), headers: new Headers(init?.headers) })
    return inner(input, init)
  }) as typeof fetch
  return { fetch: wrapped, requests }
}

async function expectKmError(promise: Promise<unknown>): Promise<KnowledgeMapError> {
  const err = await promise.then(
    () => {
      throw new Error('expected a KnowledgeMapError, got a result')
    },
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(KnowledgeMapError)
  return err as KnowledgeMapError
}

async function countPublished(payload: Payload, where: Where): Promise<number> {
  const { totalDocs } = await payload.count({
    collection: COLLECTIONS.knowledgeProducts,
    where: { and: [PUBLISHED, where] },
    overrideAccess: true,
  })
  return totalDocs
}

describeEachDatabase('SDK against the real CMS', (kind) => {
  let cms: TestCms
  let client: KnowledgeMapClient
  let recorded: ReturnType<typeof recordingFetch>
  let apiKey: string
  let draftSlug: string
  let taggedSlug: string
  let theme: { id: Id; slug: string }
  let programme: { id: Id; slug: string }
  let partnership: { id: Id; slug: string }
  let need: { id: Id; slug: string }
  let draftInsightSlug: string
  let publishedInsightSlug: string

  beforeAll(async () => {
    cms = await startCms(kind)
    const { payload } = cms
    await seed(payload, { log: () => {} })

    const themes = await payload.find({ collection: COLLECTIONS.themes, sort: 'order', limit: 1 })
    theme = { id: themes.docs[0]!.id, slug: themes.docs[0]!.slug! }
    // A partnership that has products.
    const withProducts = await payload.find({
      collection: COLLECTIONS.knowledgeProducts,
      where: { and: [PUBLISHED, { partnerships: { exists: true } }] },
      depth: 1,
      limit: 1,
    })
    const p = withProducts.docs[0]!.partnerships![0] as { id: Id; slug: string }
    partnership = { id: p.id, slug: p.slug }
    const partnershipDoc = await payload.findByID({
      collection: COLLECTIONS.partnerships,
      id: p.id,
      depth: 1,
    })
    const prog = partnershipDoc.programme as { id: Id; slug: string }
    programme = { id: prog.id, slug: prog.slug }
    // The seed links no product to a need (no source states one): link one, as an editor would.
    const needs = await payload.find({ collection: COLLECTIONS.learningNeeds, limit: 1 })
    need = { id: needs.docs[0]!.id, slug: needs.docs[0]!.slug! }
    await payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: withProducts.docs[0]!.id,
      data: { learningNeeds: [need.id as number] },
      overrideAccess: true,
    })

    // A published product with languages and countries the seed has not, and a draft.
    taggedSlug = `tagged-product-${randomUUID().slice(0, 8)}`
    await payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: {
        title: 'Tagged product about civic space',
        slug: taggedSlug,
        type: 'toolkit',
        year: 2023,
        languages: ['fr', 'sw'],
        countries: ['Testland K', 'Testland M'],
        themes: [theme.id as number],
        partnerships: [partnership.id as number],
        _status: 'published',
      },
      overrideAccess: true,
    })
    draftSlug = `unpublished-draft-${randomUUID().slice(0, 8)}`
    await payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: {
        title: 'A draft nobody outside may see',
        slug: draftSlug,
        type: 'report',
        themes: [theme.id as number],
        _status: 'draft',
      },
      draft: true,
      overrideAccess: true,
    })
    publishedInsightSlug = `published-insight-${randomUUID().slice(0, 8)}`
    draftInsightSlug = `draft-insight-${randomUUID().slice(0, 8)}`
    for (const [slug, status] of [
      [publishedInsightSlug, 'published'],
      [draftInsightSlug, 'draft'],
    ] as const) {
      await payload.create({
        collection: COLLECTIONS.insights,
        data: {
          title: `Insight ${slug}`,
          slug,
          body: 'A lesson learned.',
          partnership: partnership.id as number,
          learningNeeds: [need.id as number],
          _status: status,
        },
        draft: status === 'draft',
        overrideAccess: true,
      })
    }

    apiKey = randomUUID()
    await payload.create({
      collection: COLLECTIONS.users,
      data: {
        email: `editor-${randomUUID().slice(0, 8)}@example.org`,
        password: 'a-long-password-123',
        name: 'Editor with a key',
        role: 'editor',
        enableAPIKey: true,
        apiKey,
      },
      overrideAccess: true,
    })

    recorded = recordingFetch(cms.fetch)
    client = createClient({ baseUrl: cms.baseUrl, fetch: recorded.fetch })
  })

  afterAll(async () => {
    await cms?.close()
  })

  describe('lists and filters', () => {
    it('should list every published product and nothing else', async () => {
      const page = await client.products.list({ limit: 100 })
      expect(page.totalDocs).toBe(await countPublished(cms.payload, {}))
      expect(page.docs.length).toBe(page.totalDocs)
      expect(page.docs.every((d) => d._status === 'published')).toBe(true)
      expect(page.docs.map((d) => d.slug)).not.toContain(draftSlug)
    })

    it('should populate relations with slugs and titles only', async () => {
      const product = await client.products.get(taggedSlug)
      expect(product.themes.map((t) => t.slug)).toEqual([theme.slug])
      expect(Object.keys(product.themes[0]!).sort()).toEqual(
        ['colour', 'id', 'order', 'shortTitle', 'slug', 'title'].sort(),
      )
      expect(product.partnerships[0]!.slug).toBe(partnership.slug)
      expect(product.languages).toEqual(['fr', 'sw'])
    })

    it('should filter by theme slug as a direct count does', async () => {
      const page = await client.products.list({ themes: [theme.slug], limit: 100 })
      expect(page.totalDocs).toBeGreaterThan(0)
      expect(page.totalDocs).toBe(await countPublished(cms.payload, { themes: { in: [theme.id] } }))
      for (const doc of page.docs) expect(doc.themes.map((t) => t.slug)).toContain(theme.slug)
    })

    it('should filter by programme slug through the partnerships', async () => {
      const partnerships = await cms.payload.find({
        collection: COLLECTIONS.partnerships,
        where: { programme: { equals: programme.id } },
        pagination: false,
        depth: 0,
      })
      const expected = await countPublished(cms.payload, {
        partnerships: { in: partnerships.docs.map((p) => p.id) },
      })
      const page = await client.products.list({ programmes: [programme.slug], limit: 100 })
      expect(page.totalDocs).toBe(expected)
      expect(page.totalDocs).toBeGreaterThan(0)
      const none = await client.products.list({ programmes: ['no-such-programme'] })
      expect(none.totalDocs).toBe(0)
    })

    it('should filter by partnership, learning need, type and year range', async () => {
      const byPartnership = await client.products.list({ partnerships: [partnership.slug] })
      expect(byPartnership.totalDocs).toBe(
        await countPublished(cms.payload, { partnerships: { in: [partnership.id] } }),
      )
      const byNeed = await client.products.list({ learningNeeds: [need.slug] })
      expect(byNeed.totalDocs).toBeGreaterThan(0)
      expect(byNeed.totalDocs).toBe(
        await countPublished(cms.payload, { learningNeeds: { in: [need.id] } }),
      )
      const byType = await client.products.list({ types: ['toolkit'] })
      expect(byType.docs.map((d) => d.slug)).toContain(taggedSlug)
      expect(byType.docs.every((d) => d.type === 'toolkit')).toBe(true)
      const byYear = await client.products.list({ yearFrom: 2023, yearTo: 2023, limit: 100 })
      expect(byYear.totalDocs).toBe(await countPublished(cms.payload, { year: { equals: 2023 } }))
      expect(byYear.docs.every((d) => d.year === 2023)).toBe(true)
    })

    it('should filter by language, country and text', async () => {
      for (const filter of [
        { languages: ['sw' as const] },
        { countries: ['Testland M'] },
        { q: 'tagged product' },
      ]) {
        const page = await client.products.list(filter)
        expect(page.docs.map((d) => d.slug)).toEqual([taggedSlug])
      }
      expect((await client.products.list({ countries: ['Nowhereland'] })).totalDocs).toBe(0)
    })

    it('should accept the query string the site puts in its URLs', async () => {
      const fromObject = await client.products.list({ themes: [theme.slug], types: ['toolkit'] })
      const fromUrl = await client.products.list(`?theme=${theme.slug}&type=toolkit`)
      expect(fromUrl).toEqual(fromObject)
    })

    it('should reject an invalid filter without making a request', async () => {
      const before = recorded.requests.length
      const err = await expectKmError(client.products.list({ limit: 1000 }))
      expect(err.code).toBe('invalid_filter')
      expect(err.details).toEqual([expect.objectContaining({ param: 'limit' })])
      const err2 = await expectKmError(client.products.list('?theme=Not%20A%20Slug'))
      expect(err2.code).toBe('invalid_filter')
      expect(recorded.requests.length).toBe(before)
    })

    it('should filter learning needs, partnerships and insights by slug', async () => {
      const needs = await client.learningNeeds.list({ themes: [theme.slug] })
      const expectedNeeds = await cms.payload.count({
        collection: COLLECTIONS.learningNeeds,
        where: { and: [PUBLISHED, { themes: { in: [theme.id] } }] },
        overrideAccess: true,
      })
      expect(needs.totalDocs).toBe(expectedNeeds.totalDocs)
      expect(needs.docs.every((n) => n.coverageHistory === undefined)).toBe(true)
      const open = await client.learningNeeds.list({ coverage: ['open'] })
      expect(open.docs.every((n) => n.coverage === 'open')).toBe(true)

      const partnerships = await client.partnerships.list({ programmes: [programme.slug] })
      const expectedPartnerships = await cms.payload.count({
        collection: COLLECTIONS.partnerships,
        where: { programme: { equals: programme.id } },
      })
      expect(partnerships.totalDocs).toBe(expectedPartnerships.totalDocs)
      expect(partnerships.docs.every((p) => p.programme?.slug === programme.slug)).toBe(true)

      const insights = await client.insights.list({ learningNeeds: [need.slug] })
      expect(insights.docs.map((i) => i.slug)).toEqual([publishedInsightSlug])
      expect(insights.docs[0]!.partnership?.slug).toBe(partnership.slug)
    })

    it('should list themes in map order and programmes newest first', async () => {
      const themes = await client.themes.list()
      expect(themes.docs.map((t) => t.order)).toEqual(
        [...themes.docs.map((t) => t.order)].sort((a, b) => (a ?? 0) - (b ?? 0)),
      )
      expect(themes.totalDocs).toBe(4)
      const programmes = await client.programmes.list()
      expect(programmes.docs.map((p) => p.startYear)).toEqual(
        [...programmes.docs.map((p) => p.startYear)].sort((a, b) => b - a),
      )
      expect(programmes.totalDocs).toBe(2)
      const org = (await client.organisations.list({ limit: 1 })).docs[0]!
      expect((await client.organisations.get(org.slug)).id).toBe(org.id)
    })
  })

  describe('pagination', () => {
    it('should page with disjoint pages that add up to the total', async () => {
      const first = await client.products.list({ limit: 5, sort: 'title' })
      expect(first.totalDocs).toBeGreaterThan(5)
      expect(first.totalPages).toBe(Math.ceil(first.totalDocs / 5))
      const seen: string[] = []
      for (let page = 1; page <= first.totalPages; page++) {
        const p = await client.products.list({ limit: 5, sort: 'title', page })
        expect(p.page).toBe(page)
        seen.push(...p.docs.map((d) => d.slug))
      }
      expect(new Set(seen).size).toBe(first.totalDocs)
      const direct = await cms.payload.find({
        collection: COLLECTIONS.knowledgeProducts,
        where: PUBLISHED,
        sort: ['title', 'id'],
        pagination: false,
        depth: 0,
      })
      expect(seen).toEqual(direct.docs.map((d) => d.slug))
    })

    it('should iterate over every match with keyset pages, not offsets', async () => {
      const before = recorded.requests.length
      const all: Product[] = []
      for await (const doc of client.products.iterate({ limit: 4 })) all.push(doc)
      const total = await countPublished(cms.payload, {})
      expect(total).toBeGreaterThan(8)
      expect(all).toHaveLength(total)
      expect(new Set(all.map((d) => String(d.id))).size).toBe(total)
      const made = recorded.requests.slice(before)
      expect(made.length).toBeGreaterThanOrEqual(Math.ceil(total / 4))
      for (const r of made) {
        const params = new URL(r.url).searchParams
        expect(params.get('page')).toBeNull()
        expect(params.get('pagination')).toBe('false')
        expect(params.get('sort')).toMatch(/,-?id$/)
      }
      expect(made.slice(1).every((r) => new URL(r.url).searchParams.get('where'))).toBe(true)
    })

    it('should iterate in the order of every sort the site offers, missing years included', async () => {
      expect(
        (
          await cms.payload.count({
            collection: COLLECTIONS.knowledgeProducts,
            where: { year: { exists: false } },
          })
        ).totalDocs,
      ).toBeGreaterThan(0)
      for (const sort of PRODUCT_SORTS) {
        const listed = await client.products.list({ sort, limit: 100 })
        const iterated: string[] = []
        for await (const doc of client.products.iterate({ sort, limit: 3 })) iterated.push(doc.slug)
        expect(iterated, sort).toEqual(listed.docs.map((d) => d.slug))
      }
    })

    it('should iterate over a filtered set', async () => {
      const slugs: string[] = []
      for await (const doc of client.products.iterate({ themes: [theme.slug], limit: 2 })) {
        slugs.push(doc.slug)
      }
      expect(slugs.length).toBe(await countPublished(cms.payload, { themes: { in: [theme.id] } }))
    })
  })

  describe('get by slug', () => {
    it('should get a product by slug', async () => {
      const product = await client.products.get(taggedSlug)
      expect(product.title).toBe('Tagged product about civic space')
      expect(product.countries).toEqual(['Testland K', 'Testland M'])
    })

    it('should get a learning need with its coverage history', async () => {
      const got = await client.learningNeeds.get(need.slug)
      expect(got.coverage).not.toBe('open')
      expect(Array.isArray(got.coverageHistory)).toBe(true)
    })

    it('should throw a 404 KnowledgeMapError for an unknown slug', async () => {
      for (const slug of ['no-such-product', 'Not a slug']) {
        const err = await expectKmError(client.products.get(slug))
        expect(err.status).toBe(404)
        expect(err.code).toBe('not_found')
      }
      const err = await expectKmError(client.partnerships.get('no-such-partnership'))
      expect(err.status).toBe(404)
    })
  })

  describe('drafts', () => {
    it('should keep drafts invisible without credentials', async () => {
      expect((await expectKmError(client.products.get(draftSlug))).status).toBe(404)
      expect((await expectKmError(client.products.get(draftSlug, { draft: true }))).status).toBe(
        404,
      )
      expect((await expectKmError(client.insights.get(draftInsightSlug))).status).toBe(404)
    })

    it('should send no credentials with published-only requests, even when it has a key', async () => {
      const rec = recordingFetch(cms.fetch)
      const editor = createClient({
        baseUrl: cms.baseUrl,
        fetch: rec.fetch,
        apiKey,
        headers: { Authorization: 'Bearer leaked', 'X-Trace': 'yes' },
      })
      expect((await expectKmError(editor.products.get(draftSlug))).status).toBe(404)
      await editor.products.list()
      for (const r of rec.requests) {
        expect(r.headers.get('authorization')).toBeNull()
        expect(r.headers.get('x-trace')).toBe('yes')
      }
    })

    it('should show drafts to an editor with an API key', async () => {
      const rec = recordingFetch(cms.fetch)
      const editor = createClient({ baseUrl: cms.baseUrl, fetch: rec.fetch, apiKey })
      const draft = await editor.products.get(draftSlug, { draft: true })
      expect(draft._status).toBe('draft')
      const list = await editor.products.list({ limit: 100 }, { draft: true })
      expect(list.docs.map((d) => d.slug)).toContain(draftSlug)
      const insight = await editor.insights.get(draftInsightSlug, { draft: true })
      expect(insight._status).toBe('draft')
      expect(
        rec.requests.every((r) => r.headers.get('authorization') === `users API-Key ${apiKey}`),
      ).toBe(true)
    })

    it('should reject a wrong API key with a typed error', async () => {
      const wrong = createClient({ baseUrl: cms.baseUrl, fetch: cms.fetch, apiKey: randomUUID() })
      const result = await wrong.products.get(draftSlug, { draft: true }).catch((e: unknown) => e)
      // Payload treats an unknown key as anonymous: the draft stays hidden.
      expect(result).toBeInstanceOf(KnowledgeMapError)
      expect((result as KnowledgeMapError).status).toBe(404)
    })
  })

  describe('failures', () => {
    const failing = (respond: (real: Response) => Response | Promise<Response>) =>
      createClient({
        baseUrl: cms.baseUrl,
        fetch: (async (input: RequestInfo | URL, init?: RequestInit) =>
          respond(await cms.fetch(input, init))) as typeof fetch,
      })

    it('should turn malformed JSON into a KnowledgeMapError', async () => {
      const bad = failing(
        () =>
          new Response('{"docs": [', {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          }),
      )
      const err = await expectKmError(bad.products.list())
      expect(err.code).toBe('invalid_json')
      expect(err.status).toBe(200)
    })

    it('should turn a 500 into a KnowledgeMapError with the status and the body', async () => {
      const bad = failing(() =>
        Response.json({ errors: [{ message: 'Something broke' }] }, { status: 500 }),
      )
      const err = await expectKmError(bad.products.get(taggedSlug))
      expect(err.status).toBe(500)
      expect(err.code).toBe('server_error')
      expect(err.message).toContain('Something broke')
      const html = failing(() => new Response('<h1>Bad gateway</h1>', { status: 502 }))
      const err2 = await expectKmError(html.map.matrix())
      expect(err2.status).toBe(502)
      expect(err2.details).toBe('<h1>Bad gateway</h1>')
    })

    it('should turn a response of the wrong shape into a validation error', async () => {
      const bad = failing(async (real) => {
        const body = (await real.json()) as { docs: Record<string, unknown>[] }
        for (const d of body.docs) delete d.title
        return Response.json(body)
      })
      const err = await expectKmError(bad.products.list({ limit: 2 }))
      expect(err.code).toBe('invalid_response')
      expect(err.details).toContainEqual({ path: 'docs.0.title', message: expect.any(String) })
    })

    it('should turn network errors and timeouts into KnowledgeMapErrors', async () => {
      const down = createClient({
        baseUrl: cms.baseUrl,
        fetch: (async () => {
          throw new TypeError('fetch failed')
        }) as typeof fetch,
      })
      const err = await expectKmError(down.themes.list())
      expect(err.code).toBe('network_error')
      expect(err.status).toBe(0)

      const slow = createClient({
        baseUrl: cms.baseUrl,
        timeoutMs: 50,
        fetch: ((_input: RequestInfo | URL, init?: RequestInit) =>
          new Promise((_resolve, reject) => {
            init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))
          })) as typeof fetch,
      })
      expect((await expectKmError(slow.themes.list())).code).toBe('timeout')

      const controller = new AbortController()
      const pending = slow.themes.list(undefined, { signal: controller.signal })
      controller.abort()
      expect((await expectKmError(pending)).code).toBe('aborted')
    })
  })

  describe('map matrix', () => {
    it('should count published products per learning need and theme as a direct count does', async () => {
      const matrix = await client.map.matrix({ axis: 'learning-needs' })
      const themes = await cms.payload.find({ collection: COLLECTIONS.themes, pagination: false })
      expect(matrix.themes.map((t) => t.slug)).toEqual(
        themes.docs.sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).map((t) => t.slug),
      )
      const needs = await cms.payload.find({
        collection: COLLECTIONS.learningNeeds,
        where: PUBLISHED,
        pagination: false,
      })
      expect(matrix.rows.map((r) => r.key).sort()).toEqual(needs.docs.map((n) => n.slug).sort())
      let nonZero = 0
      for (const row of matrix.rows) {
        const needDoc = needs.docs.find((n) => n.slug === row.key)!
        expect(row.coverage).toBe(needDoc.coverage)
        expect(row.total).toBe(
          await countPublished(cms.payload, { learningNeeds: { equals: needDoc.id } }),
        )
        for (const t of themes.docs) {
          const expected = await countPublished(cms.payload, {
            and: [{ learningNeeds: { equals: needDoc.id } }, { themes: { equals: t.id } }],
          })
          expect(row.cells[t.slug!]).toBe(expected)
          if (expected > 0) nonZero++
        }
      }
      expect(nonZero).toBeGreaterThan(0)
    })

    it('should limit learning-need rows to the needs of a programme', async () => {
      for (const p of (await client.programmes.list()).docs) {
        const matrix = await client.map.matrix({ axis: 'learning-needs', programme: p.slug })
        const expected = await cms.payload.find({
          collection: COLLECTIONS.learningNeeds,
          where: { and: [PUBLISHED, { programme: { equals: p.id } }] },
          pagination: false,
          depth: 0,
        })
        expect(matrix.rows.map((r) => r.key).sort()).toEqual(
          expected.docs.map((n) => n.slug).sort(),
        )
      }
    })

    it('should count published products per type and theme within a programme', async () => {
      const matrix = await client.map.matrix({ axis: 'types', programme: programme.slug })
      expect(matrix.programme?.slug).toBe(programme.slug)
      const partnerships = await cms.payload.find({
        collection: COLLECTIONS.partnerships,
        where: { programme: { equals: programme.id } },
        pagination: false,
        depth: 0,
      })
      const inProgramme: Where = { partnerships: { in: partnerships.docs.map((p) => p.id) } }
      expect(matrix.totals.products).toBe(await countPublished(cms.payload, inProgramme))
      for (const row of matrix.rows) {
        expect(row.total).toBe(
          await countPublished(cms.payload, { and: [inProgramme, { type: { equals: row.key } }] }),
        )
        expect(row.cells[theme.slug]).toBe(
          await countPublished(cms.payload, {
            and: [inProgramme, { type: { equals: row.key } }, { themes: { equals: theme.id } }],
          }),
        )
      }
      const toolkit = matrix.rows.find((r) => r.key === 'toolkit')!
      expect(toolkit.cells[theme.slug]).toBeGreaterThan(0)
    })

    it('should answer bad parameters with a 400 and a readable message', async () => {
      const err = await expectKmError(client.map.matrix({ programme: 'no-such-programme' }))
      expect(err.status).toBe(400)
      expect(err.code).toBe('bad_request')
      expect(err.message).toContain('no-such-programme')
      for (const query of [
        'axis=colours',
        'programme=Not%20a%20slug',
        'axis=types&axis=types',
        'x=1',
      ]) {
        const res = await cms.fetch(`${cms.baseUrl}/api/map/matrix?${query}`)
        expect(res.status).toBe(400)
        const body = (await res.json()) as { errors: { message: string }[] }
        expect(body.errors[0]!.message.length).toBeGreaterThan(10)
      }
    })
  })
})
