import { COLLECTIONS, type CollectionSlug } from '@repo/types'
import { createLocalReq, type Payload, type TypedUser } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { guardedSchedulePublish } from '../src/review/schedulePublish'
import { executeGraphql, graphqlSchema } from './model/invariants'
import { startCms, type TestCms } from './helpers/payload'
import { buildWorld, createFixture, type Role, ROLES_UNDER_TEST, type World } from './helpers/world'

/**
 * The access matrix for the operations that can change what the public sees, one row per path
 * a contributor could take to it. Outcomes are judged by their effect on the stored record (a
 * bulk request that matches nothing answers 200 and changes nothing), and every refusal of a
 * contributor of the record's own partnership must be a 403 with a readable message.
 */
type Op =
  | 'unpublish'
  | 'liveEdit'
  | 'bulkUpdate'
  | 'bulkDelete'
  | 'restoreVersion'
  | 'trash'
  | 'deleteOncePublished'
  | 'schedulePublish'
  | 'scheduleUnpublish'
  | 'cancelSchedule'

const STAFF_ONLY: Record<Role, boolean> = {
  anonymous: false,
  contributorA: false,
  contributorB: false,
  editor: true,
  admin: true,
}
const OPS: Op[] = [
  'unpublish',
  'liveEdit',
  'bulkUpdate',
  'bulkDelete',
  'restoreVersion',
  'trash',
  'deleteOncePublished',
  'schedulePublish',
  'scheduleUnpublish',
  'cancelSchedule',
]
/** Ops reached only through the admin's server function, not REST. */
const ADMIN_ONLY = new Set<Op>(['schedulePublish', 'scheduleUnpublish', 'cancelSchedule'])
const COLLECTIONS_WITH_DRAFTS = [
  COLLECTIONS.knowledgeProducts,
  COLLECTIONS.learningNeeds,
  COLLECTIONS.insights,
] as CollectionSlug[]

type Id = string | number
type Subject = { id: Id; versionId?: Id; jobId?: Id; before: Record<string, unknown> | null }

async function live(payload: Payload, collection: CollectionSlug, id: Id) {
  return (await payload.findByID({
    collection,
    id,
    draft: false,
    trash: true,
    depth: 0,
    disableErrors: true,
    overrideAccess: true,
  })) as Record<string, unknown> | null
}

const scheduleJobs = async (payload: Payload, id: Id) =>
  (
    await payload.find({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: 'schedulePublish' } },
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
  ).docs.filter(
    (j) => String((j.input as { doc?: { value?: unknown } })?.doc?.value) === String(id),
  )

/** The stored state each op starts from. */
async function prepare(
  cms: TestCms,
  world: World,
  collection: CollectionSlug,
  op: Op,
): Promise<Subject> {
  const { payload } = cms
  const system = { overrideAccess: true, depth: 0 } as const
  if (op === 'restoreVersion') {
    // A draft version, then published: restoring the draft without `draft` unpublishes.
    const doc = await createFixture(payload, collection, world, 'draft')
    const { docs } = await payload.findVersions({
      collection,
      where: { parent: { equals: doc.id } },
      sort: 'createdAt',
      limit: 1,
      ...system,
    })
    await payload.update({ collection, id: doc.id, data: { _status: 'published' }, ...system })
    return { id: doc.id, versionId: docs[0]!.id, before: await live(payload, collection, doc.id) }
  }
  const doc = await createFixture(payload, collection, world, 'published')
  if (op === 'bulkDelete' || op === 'deleteOncePublished') {
    // Once published, then unpublished by an editor: still cited, never a contributor's to delete.
    await payload.update({
      collection,
      id: doc.id,
      data: { _status: 'draft' } as never,
      user: world.users.editor,
      ...system,
    })
  }
  if (op === 'cancelSchedule') {
    const queued = await payload.jobs.queue({
      task: 'schedulePublish',
      input: {
        type: 'unpublish',
        doc: { relationTo: collection, value: String(doc.id) },
        user: { relationTo: 'users', value: world.users.editor.id },
      } as never,
      waitUntil: new Date(Date.now() + 86_400_000),
    })
    return { id: doc.id, jobId: queued.id, before: await live(payload, collection, doc.id) }
  }
  // A pending draft over the live version: the case Payload's `previousDoc` hides.
  await payload.update({
    collection,
    id: doc.id,
    data: { title: 'Pending draft' } as never,
    draft: true,
    ...system,
  })
  return { id: doc.id, before: await live(payload, collection, doc.id) }
}

/** Whether the op took effect on the stored record. */
async function tookEffect(cms: TestCms, collection: CollectionSlug, op: Op, s: Subject) {
  const now = await live(cms.payload, collection, s.id)
  switch (op) {
    case 'bulkDelete':
    case 'deleteOncePublished':
      return now === null
    case 'schedulePublish':
    case 'scheduleUnpublish':
      return (await scheduleJobs(cms.payload, s.id)).length > 0
    case 'cancelSchedule':
      return (await scheduleJobs(cms.payload, s.id)).length === 0
    default:
      return (
        now?._status !== s.before?._status ||
        now?.updatedAt !== s.before?.updatedAt ||
        Boolean(now?.deletedAt) !== Boolean(s.before?.deletedAt)
      )
  }
}

type Attempt = { status: number; message?: string }

async function viaLocalApi(
  cms: TestCms,
  collection: CollectionSlug,
  op: Op,
  s: Subject,
  user?: TypedUser,
): Promise<Attempt> {
  const { payload } = cms
  const access = { overrideAccess: false, user, depth: 0 } as const
  const byId = { where: { id: { equals: s.id } } }
  try {
    switch (op) {
      case 'unpublish':
        await payload.update({ collection, id: s.id, data: { _status: 'draft' }, ...access })
        break
      case 'liveEdit':
        await payload.update({ collection, id: s.id, data: { title: 'Live' } as never, ...access })
        break
      case 'trash':
        await payload.update({
          collection,
          id: s.id,
          data: { deletedAt: new Date().toISOString() } as never,
          ...access,
        })
        break
      case 'bulkUpdate': {
        const r = await payload.update({
          collection,
          ...byId,
          data: { _status: 'draft' },
          ...access,
        })
        if (r.errors.length) return { status: 400, message: String(r.errors[0]?.message) }
        break
      }
      case 'bulkDelete': {
        const r = await payload.delete({ collection, ...byId, ...access })
        if (r.errors.length) return { status: 400, message: String(r.errors[0]?.message) }
        break
      }
      case 'deleteOncePublished':
        await payload.delete({ collection, id: s.id, ...access })
        break
      case 'restoreVersion':
        await payload.restoreVersion({ collection, id: s.versionId as never, ...access })
        break
      case 'schedulePublish':
      case 'scheduleUnpublish':
      case 'cancelSchedule': {
        const req = await createLocalReq({ user }, payload)
        const result = await guardedSchedulePublish({
          type: op === 'schedulePublish' ? 'publish' : 'unpublish',
          date: new Date(Date.now() + 86_400_000),
          doc: op === 'cancelSchedule' ? undefined : { relationTo: collection, value: s.id },
          deleteID: op === 'cancelSchedule' ? (s.jobId as never) : undefined,
          req,
        } as never)
        // The server function reports failures instead of throwing them.
        if ((result as { error?: string }).error) return { status: 403 }
        break
      }
    }
    return { status: 200 }
  } catch (err) {
    const e = err as { status?: number; message?: string }
    return { status: e.status ?? 500, message: e.message }
  }
}

async function viaRest(
  cms: TestCms,
  collection: CollectionSlug,
  op: Op,
  s: Subject,
  token?: string,
): Promise<Attempt> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    ...(token ? { Authorization: `JWT ${token}` } : {}),
  }
  const url = (path: string) => `${cms.baseUrl}/api/${collection}${path}`
  const byId = `?where[id][equals]=${s.id}`
  const send = (method: string, path: string, body?: unknown) =>
    cms.fetch(url(path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  let res: Response
  switch (op) {
    case 'unpublish':
      res = await send('PATCH', `/${s.id}`, { _status: 'draft' })
      break
    case 'liveEdit':
      res = await send('PATCH', `/${s.id}`, { title: 'Live' })
      break
    case 'trash':
      res = await send('PATCH', `/${s.id}`, { deletedAt: new Date().toISOString() })
      break
    case 'bulkUpdate':
      res = await send('PATCH', byId, { _status: 'draft' })
      break
    case 'bulkDelete':
      res = await send('DELETE', byId)
      break
    case 'deleteOncePublished':
      res = await send('DELETE', `/${s.id}`)
      break
    case 'restoreVersion':
      res = await send('POST', `/versions/${s.versionId}`)
      break
    default:
      throw new Error(`${op} has no REST route`)
  }
  const body = (await res.json().catch(() => ({}))) as { errors?: { message?: string }[] }
  return { status: res.status, message: body.errors?.[0]?.message }
}

describe('access matrix: live state [sqlite]', () => {
  let cms: TestCms
  let world: World
  const tokens: Partial<Record<Role, string>> = {}

  beforeAll(async () => {
    cms = await startCms('sqlite')
    world = await buildWorld(cms.payload)
    for (const role of ROLES_UNDER_TEST) {
      if (role === 'anonymous') continue
      const res = await cms.fetch(`${cms.baseUrl}/api/users/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: world.users[role].email, password: world.passwords[role] }),
      })
      tokens[role] = ((await res.json()) as { token: string }).token
    }
  }, 120_000)
  afterAll(async () => cms?.close())

  for (const collection of COLLECTIONS_WITH_DRAFTS) {
    describe(collection, () => {
      for (const op of OPS) {
        for (const role of ROLES_UNDER_TEST) {
          const allowed = STAFF_ONLY[role]
          const verb = allowed ? 'allow' : 'deny'
          const check = (attempt: Attempt, effect: boolean) => {
            expect(attempt.status, attempt.message).toBeLessThan(500)
            expect(effect, `${op} by ${role}: ${attempt.status} ${attempt.message ?? ''}`).toBe(
              allowed,
            )
            if (!allowed && role === 'contributorA') {
              expect(attempt.status).toBe(403)
              if (!ADMIN_ONLY.has(op)) expect(attempt.message).not.toMatch(/not allowed/i)
            }
          }
          it(`should ${verb} ${op} for ${role} (Local API)`, async () => {
            const s = await prepare(cms, world, collection, op)
            const user = role === 'anonymous' ? undefined : world.users[role]
            const attempt = await viaLocalApi(cms, collection, op, s, user)
            check(attempt, await tookEffect(cms, collection, op, s))
          })
          if (ADMIN_ONLY.has(op)) continue
          it(`should ${verb} ${op} for ${role} (REST)`, async () => {
            const s = await prepare(cms, world, collection, op)
            const attempt = await viaRest(cms, collection, op, s, tokens[role])
            check(attempt, await tookEffect(cms, collection, op, s))
          })
        }
      }
    })
  }

  it('should let a contributor save a draft over a published record without touching the live one', async () => {
    const doc = await createFixture(cms.payload, COLLECTIONS.knowledgeProducts, world, 'published')
    const before = await live(cms.payload, COLLECTIONS.knowledgeProducts, doc.id)
    const res = await cms.fetch(
      `${cms.baseUrl}/api/${COLLECTIONS.knowledgeProducts}/${doc.id}?draft=true`,
      {
        method: 'PATCH',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `JWT ${tokens.contributorA}`,
        },
        body: JSON.stringify({ title: 'My proposal', _status: 'draft' }),
      },
    )
    expect(res.status).toBe(200)
    const after = await live(cms.payload, COLLECTIONS.knowledgeProducts, doc.id)
    expect(after).toMatchObject({ _status: 'published', title: before?.title })
  })

  it('should not let a contributor’s scheduled unpublish, queued some other way, unpublish', async () => {
    const doc = await createFixture(cms.payload, COLLECTIONS.knowledgeProducts, world, 'published')
    // Queued below the admin's guard, as by a job queued before it existed.
    await cms.payload.db.create({
      collection: 'payload-jobs',
      data: {
        taskSlug: 'schedulePublish',
        input: {
          type: 'unpublish',
          doc: { relationTo: COLLECTIONS.knowledgeProducts, value: String(doc.id) },
          user: { relationTo: 'users', value: world.users.contributorA.id },
        },
        waitUntil: new Date(Date.now() - 1000).toISOString(),
        queue: 'default',
        processing: false,
        hasError: false,
        totalTried: 0,
        log: [],
      },
    })
    await cms.payload.jobs.run({ queue: 'default', silent: true })
    expect(await live(cms.payload, COLLECTIONS.knowledgeProducts, doc.id)).toMatchObject({
      _status: 'published',
    })
  })

  it('should refuse a contributor’s unpublish through GraphQL with 403 and its reason', async () => {
    const doc = await createFixture(cms.payload, COLLECTIONS.knowledgeProducts, world, 'published')
    const result = await executeGraphql({
      schema: graphqlSchema(cms.config),
      source: `mutation ($id: Int!) { updateKnowledgeProduct(id: $id, data: { _status: draft }) { id } }`,
      variableValues: { id: doc.id },
      contextValue: {
        req: await createLocalReq({ user: world.users.contributorA }, cms.payload),
        headers: {},
      },
    })
    const error = result.errors?.[0]
    expect((error?.originalError as { status?: number } | undefined)?.status).toBe(403)
    expect(error?.message).toMatch(/is published/)
    expect(await live(cms.payload, COLLECTIONS.knowledgeProducts, doc.id)).toMatchObject({
      _status: 'published',
    })
  })
})
