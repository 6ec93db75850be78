import type { SQLiteAdapter } from '@payloadcms/db-sqlite'
import { COLLECTIONS } from '@repo/types'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'

import { startCms, type TestCms } from './helpers/payload'
import { buildWorld, loginTokens, recordData, type World } from './helpers/world'

const SITE = 'http://site.test'

/** What the site was told, and what the database said when it was told. */
type Call = {
  body: { collection: string; slug?: string }
  liveStatus: unknown
  deletedAt?: unknown
}

let cms: TestCms
let world: World
let editorToken: string
const calls: Call[] = []

beforeAll(async () => {
  vi.stubEnv('SITE_URL', SITE)
  vi.stubEnv('REVALIDATE_SECRET', 'revalidate-secret-for-tests')
  const realFetch = globalThis.fetch
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input)
    if (!url.startsWith(SITE)) return realFetch(input, init)
    const body = JSON.parse(String(init?.body)) as Call['body']
    if (body.collection !== COLLECTIONS.knowledgeProducts) return new Response('{}')
    // Read at the very moment the site is told, outside any transaction (what the site would
    // read): libsql's client runs the statement before its first await, so this is not later.
    const { rows } = await (cms.payload.db as unknown as SQLiteAdapter).client.execute({
      sql: 'SELECT _status, deleted_at FROM knowledge_products WHERE slug = ?',
      args: [body.slug ?? ''],
    })
    const call = {
      body,
      liveStatus: rows[0]?._status,
      deletedAt: rows[0]?.deleted_at ?? null,
    }
    calls.push(call)
    return new Response('{}', { status: 200 })
  })
  cms = await startCms('sqlite')
  world = await buildWorld(cms.payload)
  ;({ editor: editorToken } = await loginTokens(cms, world, ['editor'] as const))
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
    deletedAt: null,
  })
})

const patch = (id: string | number, body: unknown) =>
  cms.fetch(`${cms.baseUrl}/api/${COLLECTIONS.knowledgeProducts}/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', Authorization: `JWT ${editorToken}` },
    body: JSON.stringify(body),
  })

it('should revalidate a REST publish only once it is committed', async () => {
  const doc = await cms.payload.create({
    collection: COLLECTIONS.knowledgeProducts,
    data: { ...recordData(COLLECTIONS.knowledgeProducts, world), _status: 'draft' } as never,
    draft: true,
  })
  await settle()
  calls.length = 0
  expect((await patch(doc.id, { _status: 'published' })).status).toBe(200)
  await settle()
  // What another process read when the site was told: the published row, not the old one.
  expect(calls.filter((c) => c.body.slug === doc.slug)).toEqual([
    {
      body: { collection: COLLECTIONS.knowledgeProducts, slug: doc.slug },
      liveStatus: 'published',
      deletedAt: null,
    },
  ])
})

it('should revalidate a REST unpublish and a REST trash over a pending draft, after the commit', async () => {
  const trashed = await publishedWithPendingDraft()
  const unpublished = await publishedWithPendingDraft()
  expect((await patch(unpublished.id, { _status: 'draft' })).status).toBe(200)
  expect((await patch(trashed.id, { deletedAt: new Date().toISOString() })).status).toBe(200)
  await settle()
  expect(calls.filter((c) => c.body.slug === unpublished.slug)).toEqual([
    {
      body: { collection: COLLECTIONS.knowledgeProducts, slug: unpublished.slug },
      liveStatus: 'draft',
      deletedAt: null,
    },
  ])
  const trash = calls.filter((c) => c.body.slug === trashed.slug)
  expect(trash).toHaveLength(1)
  expect(trash[0]!.deletedAt).not.toBeNull()
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
