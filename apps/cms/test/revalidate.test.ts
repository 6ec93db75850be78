import { COLLECTIONS } from '@repo/types'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'

import { startCms, type TestCms } from './helpers/payload'
import { buildWorld, recordData, type World } from './helpers/world'

const SITE = 'http://site.test'

/** What the site was told, and what the database said when it was told. */
type Call = { body: { collection: string; slug?: string }; liveStatus: unknown }

let cms: TestCms
let world: World
const calls: Call[] = []

beforeAll(async () => {
  vi.stubEnv('SITE_URL', SITE)
  vi.stubEnv('REVALIDATE_SECRET', 'revalidate-secret-for-tests')
  const realFetch = globalThis.fetch
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input)
    if (!url.startsWith(SITE)) return realFetch(input, init)
    const body = JSON.parse(String(init?.body)) as Call['body']
    // Read outside any transaction: what another process (the site) would see now.
    const { docs } = await cms.payload.db.find({
      collection: body.collection as never,
      where: { slug: { equals: body.slug } },
      limit: 1,
    })
    calls.push({ body, liveStatus: (docs[0] as { _status?: unknown } | undefined)?._status })
    return new Response('{}', { status: 200 })
  })
  cms = await startCms('sqlite')
  world = await buildWorld(cms.payload)
}, 120_000)
afterAll(async () => {
  vi.unstubAllGlobals()
  vi.unstubAllEnvs()
  await cms?.close()
})

const settle = () => new Promise((resolve) => setTimeout(resolve, 100))
const editor = () => ({ overrideAccess: false, user: world.users.editor, depth: 0 }) as const

async function publishedWithPendingDraft() {
  const doc = await cms.payload.create({
    collection: COLLECTIONS.knowledgeProducts,
    data: { ...recordData(COLLECTIONS.knowledgeProducts, world), _status: 'published' } as never,
  })
  await cms.payload.update({
    collection: COLLECTIONS.knowledgeProducts,
    id: doc.id,
    data: { summary: 'Pending' },
    draft: true,
    ...editor(),
  })
  await settle()
  calls.length = 0
  return doc
}

it('should revalidate an unpublish over a pending draft, once the change is stored', async () => {
  const doc = await publishedWithPendingDraft()
  await cms.payload.update({
    collection: COLLECTIONS.knowledgeProducts,
    id: doc.id,
    data: { _status: 'draft' },
    ...editor(),
  })
  await settle()
  expect(calls).toContainEqual({
    body: { collection: COLLECTIONS.knowledgeProducts, slug: doc.slug },
    liveStatus: 'draft',
  })
})

it('should revalidate a trash over a pending draft', async () => {
  const doc = await publishedWithPendingDraft()
  await cms.payload.update({
    collection: COLLECTIONS.knowledgeProducts,
    id: doc.id,
    data: { deletedAt: new Date().toISOString() },
    ...editor(),
  })
  await settle()
  expect(calls.map((c) => c.body)).toContainEqual({
    collection: COLLECTIONS.knowledgeProducts,
    slug: doc.slug,
  })
})

it('should not revalidate a draft save, which changes nothing the public sees', async () => {
  const doc = await publishedWithPendingDraft()
  await cms.payload.update({
    collection: COLLECTIONS.knowledgeProducts,
    id: doc.id,
    data: { summary: 'Still pending' },
    draft: true,
    ...editor(),
  })
  await settle()
  expect(calls.filter((c) => c.body.slug === doc.slug)).toEqual([])
})
