import { COLLECTIONS, type CollectionSlug } from '@repo/types'
import type { Payload, TypedUser } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { REVIEW_EVENTS } from '../src/review/states'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'
import {
  buildWorld,
  createFixture,
  pngFile,
  recordData,
  type Role,
  ROLES_UNDER_TEST,
  type World,
} from './helpers/world'

type Op = 'readPublished' | 'readDraft' | 'create' | 'update' | 'delete' | 'publish'
type Outcome = 'allowed' | 'denied' | 'n/a'
type Row = Record<Role, Outcome>

const A: Outcome = 'allowed'
const D: Outcome = 'denied'
const NA: Row = {
  anonymous: 'n/a',
  contributorA: 'n/a',
  contributorB: 'n/a',
  editor: 'n/a',
  admin: 'n/a',
}
const row = (
  anonymous: Outcome,
  contributorA: Outcome,
  contributorB: Outcome,
  editor: Outcome,
  admin: Outcome,
): Row => ({
  anonymous,
  contributorA,
  contributorB,
  editor,
  admin,
})

/** Reference data: public to read, written by editors and admins only; no drafts. */
const reference: Record<Op, Row> = {
  readPublished: row(A, A, A, A, A),
  readDraft: NA,
  create: row(D, D, D, A, A),
  update: row(D, D, D, A, A),
  delete: row(D, D, D, A, A),
  publish: NA,
}

/**
 * Content with drafts. The subject record belongs to partnership A; contributor A may draft,
 * edit and delete it, contributor B may not touch it, and nobody but staff publishes.
 */
const content: Record<Op, Row> = {
  readPublished: row(A, A, A, A, A),
  readDraft: row(D, A, D, A, A),
  create: row(D, A, D, A, A),
  update: row(D, A, D, A, A),
  delete: row(D, A, D, A, A),
  publish: row(D, D, D, A, A),
}

const EXPECTED: Record<CollectionSlug, Record<Op, Row>> = {
  [COLLECTIONS.programmes]: reference,
  [COLLECTIONS.themes]: reference,
  [COLLECTIONS.organisations]: reference,
  [COLLECTIONS.partnerships]: reference,
  [COLLECTIONS.knowledgeProducts]: content,
  [COLLECTIONS.learningNeeds]: content,
  [COLLECTIONS.insights]: content,
  /**
   * Uploads: the files of published products are public (a file attached only to a draft is
   * not, see uploads.test.ts); any signed-in person may upload (contributors attach files);
   * staff manage.
   */
  [COLLECTIONS.media]: {
    readPublished: row(A, A, A, A, A),
    readDraft: NA,
    create: row(D, A, A, A, A),
    update: row(D, D, D, A, A),
    delete: row(D, D, D, A, A),
    publish: NA,
  },
  /** People: nobody reads or changes another account except an admin. */
  [COLLECTIONS.users]: {
    readPublished: row(D, D, D, D, A),
    readDraft: NA,
    create: row(D, D, D, D, A),
    update: row(D, D, D, D, A),
    delete: row(D, D, D, D, A),
    publish: NA,
  },
}

const hasDrafts = (c: CollectionSlug) =>
  c === COLLECTIONS.knowledgeProducts ||
  c === COLLECTIONS.learningNeeds ||
  c === COLLECTIONS.insights

/** Runs one operation through the Local API with the user's access applied. */
async function viaLocalApi(
  payload: Payload,
  world: World,
  collection: CollectionSlug,
  op: Op,
  user?: TypedUser,
) {
  const access = { overrideAccess: false, user, depth: 0 } as const
  switch (op) {
    case 'readPublished': {
      const doc = await createFixture(
        payload,
        collection,
        world,
        hasDrafts(collection) || collection === COLLECTIONS.media ? 'published' : undefined,
      )
      return payload.findByID({ collection, id: doc.id, ...access })
    }
    case 'readDraft': {
      const doc = await createFixture(payload, collection, world, 'draft')
      return payload.findByID({ collection, id: doc.id, draft: true, ...access })
    }
    case 'create':
      return payload.create({
        collection,
        data: recordData(collection, world) as never,
        draft: hasDrafts(collection),
        file: collection === COLLECTIONS.media ? pngFile() : undefined,
        ...access,
      })
    case 'update': {
      const doc = await createFixture(
        payload,
        collection,
        world,
        hasDrafts(collection) ? 'draft' : undefined,
      )
      const field =
        collection === COLLECTIONS.users ||
        collection === COLLECTIONS.organisations ||
        collection === COLLECTIONS.programmes ||
        collection === COLLECTIONS.partnerships
          ? 'name'
          : collection === COLLECTIONS.media
            ? 'alt'
            : 'title'
      return payload.update({
        collection,
        id: doc.id,
        data: { [field]: `Changed ${Date.now()}` } as never,
        draft: hasDrafts(collection),
        ...access,
      })
    }
    case 'delete': {
      const doc = await createFixture(
        payload,
        collection,
        world,
        hasDrafts(collection) ? 'draft' : undefined,
      )
      return payload.delete({ collection, id: doc.id, ...access })
    }
    case 'publish': {
      const doc = await createFixture(payload, collection, world, 'draft')
      return payload.update({
        collection,
        id: doc.id,
        data: { _status: 'published' } as never,
        ...access,
      })
    }
  }
}

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = await run()
    return result ? 'allowed' : 'denied'
  } catch (err) {
    const status = (err as { status?: number }).status
    if (status && status >= 400 && status < 500) return 'denied'
    throw err
  }
}

/** Runs one operation over REST, signed in with the user's JWT. */
async function viaRest(
  cms: TestCms,
  world: World,
  collection: CollectionSlug,
  op: Op,
  token?: string,
): Promise<Outcome> {
  const headers: Record<string, string> = token ? { Authorization: `JWT ${token}` } : {}
  const url = (path: string) => `${cms.baseUrl}/api/${collection}${path}`
  const json = (method: string, path: string, body: unknown) =>
    cms.fetch(url(path), {
      method,
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  let res: Response
  const drafts = hasDrafts(collection)
  switch (op) {
    case 'readPublished': {
      const doc = await createFixture(
        cms.payload,
        collection,
        world,
        drafts || collection === COLLECTIONS.media ? 'published' : undefined,
      )
      res = await cms.fetch(url(`/${doc.id}?depth=0`), { headers })
      break
    }
    case 'readDraft': {
      const doc = await createFixture(cms.payload, collection, world, 'draft')
      res = await cms.fetch(url(`/${doc.id}?draft=true&depth=0`), { headers })
      break
    }
    case 'create': {
      if (collection === COLLECTIONS.media) {
        const form = new FormData()
        const file = pngFile()
        form.append('file', new Blob([file.data], { type: file.mimetype }), file.name)
        form.append('_payload', JSON.stringify(recordData(collection, world)))
        res = await cms.fetch(url(''), { method: 'POST', headers, body: form })
      } else {
        res = await json('POST', drafts ? '?draft=true' : '', recordData(collection, world))
      }
      break
    }
    case 'update': {
      const doc = await createFixture(cms.payload, collection, world, drafts ? 'draft' : undefined)
      const body =
        collection === COLLECTIONS.media
          ? { alt: 'Changed' }
          : {
              [collection === COLLECTIONS.knowledgeProducts ||
              collection === COLLECTIONS.learningNeeds ||
              collection === COLLECTIONS.insights ||
              collection === COLLECTIONS.themes
                ? 'title'
                : 'name']: 'Changed',
            }
      res = await json('PATCH', `/${doc.id}${drafts ? '?draft=true' : ''}`, body)
      break
    }
    case 'delete': {
      const doc = await createFixture(cms.payload, collection, world, drafts ? 'draft' : undefined)
      res = await cms.fetch(url(`/${doc.id}`), { method: 'DELETE', headers })
      break
    }
    case 'publish': {
      const doc = await createFixture(cms.payload, collection, world, 'draft')
      res = await json('PATCH', `/${doc.id}`, { _status: 'published' })
      break
    }
  }
  expect(res.status, `${op} on ${collection} answered ${res.status}`).toBeLessThan(500)
  return res.ok ? 'allowed' : 'denied'
}

describeEachDatabase('access matrix', (kind) => {
  let cms: TestCms
  let world: World
  const tokens: Partial<Record<Role, string>> = {}

  beforeAll(async () => {
    cms = await startCms(kind)
    world = await buildWorld(cms.payload)
    for (const role of ROLES_UNDER_TEST) {
      if (role === 'anonymous') continue
      const res = await cms.fetch(`${cms.baseUrl}/api/users/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: world.users[role].email, password: world.passwords[role] }),
      })
      expect(res.status).toBe(200)
      tokens[role] = ((await res.json()) as { token: string }).token
    }
  }, 120_000)
  afterAll(async () => cms?.close())

  for (const [collection, ops] of Object.entries(EXPECTED) as [CollectionSlug, Record<Op, Row>][]) {
    describe(collection, () => {
      for (const [op, expected] of Object.entries(ops) as [Op, Row][]) {
        for (const role of ROLES_UNDER_TEST) {
          const outcome = expected[role]
          if (outcome === 'n/a') continue
          const verb = outcome === 'allowed' ? 'allow' : 'deny'
          it(`should ${verb} ${op} for ${role} (Local API)`, async () => {
            const user = role === 'anonymous' ? undefined : world.users[role]
            expect(
              await outcomeOf(() => viaLocalApi(cms.payload, world, collection, op, user)),
            ).toBe(outcome)
          })
          it(`should ${verb} ${op} for ${role} (REST)`, async () => {
            expect(await viaRest(cms, world, collection, op, tokens[role])).toBe(outcome)
          })
        }
      }
    })
  }

  describe(`${REVIEW_EVENTS} (written by the workflow only)`, () => {
    const expected: Record<'read' | 'create' | 'update' | 'delete', Row> = {
      read: row(D, A, D, A, A),
      create: row(D, D, D, D, D),
      update: row(D, D, D, D, D),
      delete: row(D, D, D, D, D),
    }
    for (const [op, outcomes] of Object.entries(expected)) {
      for (const role of ROLES_UNDER_TEST) {
        const outcome = outcomes[role]
        it(`should ${outcome === 'allowed' ? 'allow' : 'deny'} ${op} for ${role} (REST)`, async () => {
          // A draft of partnership A creates a review event as it is saved.
          const doc = await createFixture(cms.payload, COLLECTIONS.insights, world, 'draft')
          const { docs } = await cms.payload.find({
            collection: REVIEW_EVENTS,
            where: { 'record.value': { equals: doc.id } },
            depth: 0,
          })
          const event = docs[0]!
          const headers: Record<string, string> = {
            'Content-Type': 'application/json',
            ...(tokens[role] ? { Authorization: `JWT ${tokens[role]}` } : {}),
          }
          const url = `${cms.baseUrl}/api/${REVIEW_EVENTS}`
          const res =
            op === 'read'
              ? await cms.fetch(`${url}/${event.id}?depth=0`, { headers })
              : op === 'create'
                ? await cms.fetch(url, {
                    method: 'POST',
                    headers,
                    body: JSON.stringify({
                      record: { relationTo: COLLECTIONS.insights, value: doc.id },
                      to: 'published',
                      at: new Date().toISOString(),
                    }),
                  })
                : op === 'update'
                  ? await cms.fetch(`${url}/${event.id}`, {
                      method: 'PATCH',
                      headers,
                      body: JSON.stringify({ comment: 'Rewritten history' }),
                    })
                  : await cms.fetch(`${url}/${event.id}`, { method: 'DELETE', headers })
          expect(res.status).toBeLessThan(500)
          expect(res.ok ? 'allowed' : 'denied').toBe(outcome)
        })
      }
    }
  })

  describe('own account', () => {
    it('should let a contributor read and rename themself but not change their role or partnerships', async () => {
      const me = world.users.contributorA
      const read = await cms.payload.findByID({
        collection: COLLECTIONS.users,
        id: me.id,
        overrideAccess: false,
        user: me,
      })
      expect(read.email).toBe(me.email)
      const updated = await cms.payload.update({
        collection: COLLECTIONS.users,
        id: me.id,
        data: { name: 'Renamed', role: 'admin', partnerships: [world.partnershipB as number] },
        overrideAccess: false,
        user: me,
        depth: 0,
      })
      expect(updated.name).toBe('Renamed')
      expect(updated.role).toBe('contributor')
      expect(updated.partnerships).toEqual([world.partnershipA])
    })

    it('should list only published content to anonymous visitors', async () => {
      await createFixture(cms.payload, COLLECTIONS.knowledgeProducts, world, 'draft')
      const res = await cms.fetch(
        `${cms.baseUrl}/api/${COLLECTIONS.knowledgeProducts}?limit=100&depth=0`,
      )
      const body = (await res.json()) as { docs: { _status: string }[] }
      expect(body.docs.length).toBeGreaterThan(0)
      expect(body.docs.every((d) => d._status === 'published')).toBe(true)
    })

    it('should keep a contributor from saving a live change over a published record', async () => {
      const doc = await createFixture(
        cms.payload,
        COLLECTIONS.knowledgeProducts,
        world,
        'published',
      )
      const live = cms.payload.update({
        collection: COLLECTIONS.knowledgeProducts,
        id: doc.id,
        data: { title: 'Live edit' },
        overrideAccess: false,
        user: world.users.contributorA,
      })
      await expect(live).rejects.toMatchObject({ status: 403 })
      const draft = await cms.payload.update({
        collection: COLLECTIONS.knowledgeProducts,
        id: doc.id,
        data: { title: 'Draft edit' },
        draft: true,
        overrideAccess: false,
        user: world.users.contributorA,
      })
      expect(draft.title).toBe('Draft edit')
      const published = await cms.payload.findByID({
        collection: COLLECTIONS.knowledgeProducts,
        id: doc.id,
        depth: 0,
      })
      expect(published.title).not.toBe('Draft edit')
    })
  })
})
