import { COLLECTIONS } from '@repo/types'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'
import { buildWorld, loginTokens, type World } from './helpers/world'

const SECRET = 'proposal-test-shared-secret-0123456789'

describeEachDatabase('POST /api/proposals', (kind) => {
  let cms: TestCms
  let world: World
  let contributorToken: string

  const post = (body: unknown, auth: string | null = `Bearer ${SECRET}`) =>
    cms.fetch(`${cms.baseUrl}/api/proposals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })

  beforeAll(async () => {
    cms = await startCms(kind, { env: { REVALIDATE_SECRET: SECRET } })
    world = await buildWorld(cms.payload)
    contributorToken = (await loginTokens(cms, world, ['contributorA'])).contributorA
  }, 120_000)
  afterAll(async () => cms?.close())

  const product = {
    kind: 'knowledge-product',
    title: 'A toolkit on local advocacy',
    link: 'https://example.org/toolkit',
    description: 'A practical toolkit that a visitor found useful for local advocacy work.',
    email: 'visitor@example.org',
  }

  it('should refuse a caller without the shared secret, whatever it sends', async () => {
    for (const auth of [null, 'Bearer wrong-secret', `Basic ${SECRET}`, `Bearer ${SECRET}x`]) {
      const res = await post(product, auth)
      expect(res.status).toBe(401)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
    }
  })

  it('should refuse invalid input with 400, naming each field, and file nothing', async () => {
    const before = await cms.payload.count({
      collection: COLLECTIONS.knowledgeProducts,
      overrideAccess: true,
    })
    const res = await post({ kind: 'poem', title: 'x', link: 'javascript:alert(1)', email: 'no' })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { errors: { field: string; message: string }[] }
    expect(body.errors.map((e) => e.field).sort()).toEqual([
      'description',
      'email',
      'kind',
      'link',
      'title',
    ])
    expect((await post('{not json')).status).toBe(400)
    expect(
      (await cms.payload.count({ collection: COLLECTIONS.knowledgeProducts, overrideAccess: true }))
        .totalDocs,
    ).toBe(before.totalDocs)
  })

  it('should file a product as a draft ready for review, with the e-mail for editors only', async () => {
    const res = await post(product)
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: number | string }
    const draft = await cms.payload.findByID({
      collection: COLLECTIONS.knowledgeProducts,
      id,
      draft: true,
      overrideAccess: true,
    })
    expect(draft).toMatchObject({
      title: product.title,
      summary: product.description,
      externalUrl: product.link,
      type: 'other',
      _status: 'draft',
      reviewStatus: 'in-review',
      proposal: { email: product.email },
    })
    expect(draft.editorialNote).toMatch(/Proposed by a visitor/)
    // Nothing of it is public: anonymous REST does not see it at all.
    const anonymous = await cms.fetch(
      `${cms.baseUrl}/api/knowledge-products?where[title][equals]=${encodeURIComponent(product.title)}`,
    )
    expect(((await anonymous.json()) as { totalDocs: number }).totalDocs).toBe(0)
    expect((await cms.fetch(`${cms.baseUrl}/api/knowledge-products/${id}`)).status).toBe(404)
    // A signed-in contributor may read drafts of their partnerships, never the proposer's e-mail.
    const asContributor = await cms.fetch(
      `${cms.baseUrl}/api/knowledge-products/${id}?draft=true`,
      { headers: { authorization: `JWT ${contributorToken}` } },
    )
    const seen = asContributor.ok ? ((await asContributor.json()) as Record<string, unknown>) : {}
    expect(seen.proposal).toBeUndefined()
    expect(JSON.stringify(seen)).not.toContain(product.email)
  })

  it('should file a learning need as a draft too', async () => {
    const res = await post({
      kind: 'learning-need',
      title: 'How to sustain youth-led groups after funding ends',
      description:
        'We keep seeing youth-led groups fold when a grant ends; what works to avoid it?',
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: number | string }
    const need = await cms.payload.findByID({
      collection: COLLECTIONS.learningNeeds,
      id,
      draft: true,
      overrideAccess: true,
    })
    expect(need).toMatchObject({
      _status: 'draft',
      reviewStatus: 'in-review',
      kind: 'learning-need',
    })
    expect(need.proposal?.email ?? null).toBeNull()
  })
})

it('should refuse every proposal when no shared secret is configured', async () => {
  const cms = await startCms('sqlite')
  try {
    const res = await cms.fetch(`${cms.baseUrl}/api/proposals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer undefined' },
      body: '{}',
    })
    expect(res.status).toBe(401)
  } finally {
    await cms.close()
  }
})
