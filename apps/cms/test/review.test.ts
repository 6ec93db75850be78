import { COLLECTIONS } from '@repo/types'
import type { TypedUser } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ReviewEvent } from '../src/payload-types'
import { loadQueue } from '../src/review/queue'
import { REVIEW_EVENTS, REVIEWED_SLUGS, type ReviewedCollection } from '../src/review/states'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'
import { buildWorld, createFixture, recordData, type World } from './helpers/world'

describeEachDatabase('review workflow', (kind) => {
  let cms: TestCms
  let world: World
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    cms = await startCms(kind)
    world = await buildWorld(cms.payload)
    for (const role of ['contributorA', 'contributorB', 'editor'] as const) {
      const res = await cms.fetch(`${cms.baseUrl}/api/users/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: world.users[role].email, password: world.passwords[role] }),
      })
      tokens[role] = ((await res.json()) as { token: string }).token
    }
  })
  afterAll(async () => cms?.close())

  const as = (user: TypedUser) => ({ overrideAccess: false, user, depth: 0 }) as const
  const history = async (collection: ReviewedCollection, id: string | number) => {
    const { docs } = await cms.payload.find({
      collection: REVIEW_EVENTS,
      where: {
        and: [{ 'record.relationTo': { equals: collection } }, { 'record.value': { equals: id } }],
      },
      sort: 'at',
      depth: 0,
      pagination: false,
    })
    return docs as ReviewEvent[]
  }
  const rest = (role: string, method: string, path: string, body?: unknown) =>
    cms.fetch(`${cms.baseUrl}/api/${path}`, {
      method,
      headers: { Authorization: `JWT ${tokens[role]}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })

  for (const collection of REVIEWED_SLUGS) {
    it(`should take a ${collection} record from contribution through return and fix to publication, recording every step`, async () => {
      const contributor = world.users.contributorA
      const editor = world.users.editor
      const draft = await cms.payload.create({
        collection,
        data: recordData(collection, world) as never,
        draft: true,
        ...as(contributor),
      })
      expect(draft.reviewStatus).toBe('draft')

      const submitted = await cms.payload.update({
        collection,
        id: draft.id,
        data: { reviewStatus: 'in-review', reviewComment: 'First version, please check.' },
        draft: true,
        ...as(contributor),
      })
      expect(submitted.reviewStatus).toBe('in-review')
      expect(submitted._status).toBe('draft')

      const editorQueue = await loadQueue(cms.payload, editor)
      expect(editorQueue?.items.some((i) => i.id === draft.id && i.collection === collection)).toBe(
        true,
      )

      await expect(
        cms.payload.update({
          collection,
          id: draft.id,
          data: { reviewStatus: 'returned' },
          draft: true,
          ...as(editor),
        }),
      ).rejects.toMatchObject({ status: 400 })

      const returned = await cms.payload.update({
        collection,
        id: draft.id,
        data: { reviewStatus: 'returned', reviewComment: 'Add the year and a summary.' },
        draft: true,
        ...as(editor),
      })
      expect(returned.reviewStatus).toBe('returned')

      // The contributor sees the comment on the record and finds it in their own queue.
      const seen = await cms.payload.findByID({
        collection,
        id: draft.id,
        draft: true,
        ...as(contributor),
      })
      expect(seen.reviewComment).toBe('Add the year and a summary.')
      const contributorQueue = await loadQueue(cms.payload, contributor)
      expect(contributorQueue?.state).toBe('returned')
      expect(contributorQueue?.items.map((i) => i.id)).toContain(draft.id)
      expect(
        (await loadQueue(cms.payload, world.users.contributorB))?.items.map((i) => i.id),
      ).not.toContain(draft.id)

      const fixed = await cms.payload.update({
        collection,
        id: draft.id,
        data: { title: `${draft.title} (fixed)`, reviewStatus: 'in-review' },
        draft: true,
        ...as(contributor),
      })
      expect(fixed.reviewStatus).toBe('in-review')
      expect(fixed.reviewComment ?? null).toBeNull()

      const published = await cms.payload.update({
        collection,
        id: draft.id,
        data: { _status: 'published' },
        ...as(editor),
      })
      expect(published._status).toBe('published')
      expect(published.reviewStatus).toBe('published')

      const steps = await history(collection, draft.id)
      expect(steps.map((s) => [s.from ?? null, s.to])).toEqual([
        [null, 'draft'],
        ['draft', 'in-review'],
        ['in-review', 'returned'],
        ['returned', 'in-review'],
        ['in-review', 'published'],
      ])
      expect(steps.map((s) => s.byName)).toEqual([
        contributor.name,
        contributor.name,
        editor.name,
        contributor.name,
        editor.name,
      ])
      expect(steps[1]!.comment).toBe('First version, please check.')
      expect(steps[2]!.comment).toBe('Add the year and a summary.')
      expect(steps.every((s) => !Number.isNaN(Date.parse(s.at)))).toBe(true)
      expect(steps[2]!.by).toBe(editor.id)

      // The record's own join shows the same history to the contributor, without who's user id.
      const withHistory = await cms.payload.findByID({
        collection,
        id: draft.id,
        overrideAccess: false,
        user: contributor,
        depth: 1,
        joins: { reviewHistory: { sort: 'at', limit: 20 } },
      })
      const joined = (withHistory.reviewHistory?.docs ?? []) as ReviewEvent[]
      expect(joined.map((e) => e.to)).toEqual([
        'draft',
        'in-review',
        'returned',
        'in-review',
        'published',
      ])
      expect(joined.every((e) => e.by === undefined)).toBe(true)
    })
  }

  it('should deny a contributor publishing or returning, through the Local API and REST', async () => {
    const doc = await createFixture(cms.payload, COLLECTIONS.knowledgeProducts, world, 'draft')
    await expect(
      cms.payload.update({
        collection: COLLECTIONS.knowledgeProducts,
        id: doc.id,
        data: { _status: 'published' },
        ...as(world.users.contributorA),
      }),
    ).rejects.toMatchObject({ status: 403 })
    await expect(
      cms.payload.update({
        collection: COLLECTIONS.knowledgeProducts,
        id: doc.id,
        data: { reviewStatus: 'returned', reviewComment: 'Self-returned' },
        draft: true,
        ...as(world.users.contributorA),
      }),
    ).rejects.toMatchObject({ status: 400 })

    const publish = await rest('contributorA', 'PATCH', `knowledge-products/${doc.id}`, {
      _status: 'published',
    })
    expect(publish.status).toBe(403)
    const returnIt = await rest(
      'contributorA',
      'PATCH',
      `knowledge-products/${doc.id}?draft=true`,
      {
        reviewStatus: 'returned',
        reviewComment: 'x',
      },
    )
    expect(returnIt.status).toBe(400)
    expect(JSON.stringify(await returnIt.json())).toContain('only an editor returns or publishes')

    const after = await cms.payload.findByID({
      collection: COLLECTIONS.knowledgeProducts,
      id: doc.id,
      draft: true,
      depth: 0,
    })
    expect(after._status).toBe('draft')
    expect(after.reviewStatus).toBe('draft')
  })

  it("should deny a contributor editing or seeing another partnership's draft, through the Local API and REST", async () => {
    const doc = await createFixture(cms.payload, COLLECTIONS.learningNeeds, world, 'draft')
    await expect(
      cms.payload.update({
        collection: COLLECTIONS.learningNeeds,
        id: doc.id,
        data: { reviewStatus: 'in-review' },
        draft: true,
        ...as(world.users.contributorB),
      }),
    ).rejects.toMatchObject({ status: 403 })
    await expect(
      cms.payload.findByID({
        collection: COLLECTIONS.learningNeeds,
        id: doc.id,
        draft: true,
        ...as(world.users.contributorB),
      }),
    ).rejects.toMatchObject({ status: 404 })
    const patch = await rest('contributorB', 'PATCH', `learning-needs/${doc.id}?draft=true`, {
      reviewStatus: 'in-review',
    })
    expect(patch.status).toBeGreaterThanOrEqual(403)
    expect(patch.status).toBeLessThan(500)
    const read = await rest('contributorB', 'GET', `learning-needs/${doc.id}?draft=true`)
    expect(read.status).toBe(404)
  })

  it("should keep the review history of other partnerships' records, and all of it from anonymous visitors", async () => {
    const doc = await cms.payload.create({
      collection: COLLECTIONS.insights,
      data: recordData(COLLECTIONS.insights, world) as never,
      draft: true,
      ...as(world.users.contributorA),
    })
    const mine = await cms.payload.find({
      collection: REVIEW_EVENTS,
      where: { 'record.value': { equals: doc.id } },
      ...as(world.users.contributorA),
    })
    expect(mine.totalDocs).toBeGreaterThan(0)
    const theirs = await cms.payload.find({
      collection: REVIEW_EVENTS,
      where: { 'record.value': { equals: doc.id } },
      ...as(world.users.contributorB),
    })
    expect(theirs.totalDocs).toBe(0)
    const anonymous = await cms.fetch(`${cms.baseUrl}/api/${REVIEW_EVENTS}`)
    expect(anonymous.status).toBe(403)
    const forge = await rest('editor', 'POST', REVIEW_EVENTS, {
      record: { relationTo: COLLECTIONS.insights, value: doc.id },
      to: 'published',
      at: new Date().toISOString(),
    })
    expect(forge.status).toBe(403)
  })

  it('should publish a scheduled draft when the jobs queue runs, as the editor who scheduled it', async () => {
    const doc = await createFixture(cms.payload, COLLECTIONS.knowledgeProducts, world, 'draft')
    await cms.payload.jobs.queue({
      task: 'schedulePublish',
      input: {
        type: 'publish',
        doc: { relationTo: COLLECTIONS.knowledgeProducts, value: String(doc.id) },
        user: { relationTo: COLLECTIONS.users, value: world.users.editor.id },
      },
      waitUntil: new Date(Date.now() - 1000),
    } as never)
    const before = await cms.fetch(`${cms.baseUrl}/api/knowledge-products/${doc.id}?depth=0`)
    expect(before.status).toBe(404)
    await cms.payload.jobs.run()
    const after = await cms.payload.findByID({
      collection: COLLECTIONS.knowledgeProducts,
      id: doc.id,
      depth: 0,
    })
    expect(after._status).toBe('published')
    expect(after.reviewStatus).toBe('published')
    const last = (await history(COLLECTIONS.knowledgeProducts, doc.id)).at(-1)
    expect(last).toMatchObject({ to: 'published', byName: world.users.editor.name })
  })

  it('should not run a job scheduled in the future', async () => {
    const doc = await createFixture(cms.payload, COLLECTIONS.insights, world, 'draft')
    await cms.payload.jobs.queue({
      task: 'schedulePublish',
      input: {
        type: 'publish',
        doc: { relationTo: COLLECTIONS.insights, value: String(doc.id) },
        user: { relationTo: COLLECTIONS.users, value: world.users.editor.id },
      },
      waitUntil: new Date(Date.now() + 3_600_000),
    } as never)
    await cms.payload.jobs.run()
    const after = await cms.payload.findByID({
      collection: COLLECTIONS.insights,
      id: doc.id,
      depth: 0,
    })
    expect(after._status).toBe('draft')
  })

  describe('trash', () => {
    it('should move a record to the trash, hide it from the public, and restore it', async () => {
      const doc = await createFixture(
        cms.payload,
        COLLECTIONS.knowledgeProducts,
        world,
        'published',
      )
      const trashed = await rest('editor', 'PATCH', `knowledge-products/${doc.id}`, {
        deletedAt: new Date().toISOString(),
      })
      expect(trashed.status).toBe(200)

      const direct = await cms.fetch(`${cms.baseUrl}/api/knowledge-products/${doc.id}?depth=0`)
      expect(direct.status).toBe(404)
      const asked = await cms.fetch(
        `${cms.baseUrl}/api/knowledge-products?trash=true&depth=0&limit=200&where[id][equals]=${doc.id}`,
      )
      expect(((await asked.json()) as { totalDocs: number }).totalDocs).toBe(0)
      const staffView = await rest(
        'editor',
        'GET',
        `knowledge-products?trash=true&depth=0&where[id][equals]=${doc.id}`,
      )
      expect(((await staffView.json()) as { totalDocs: number }).totalDocs).toBe(1)

      const restored = await rest('editor', 'PATCH', `knowledge-products/${doc.id}?trash=true`, {
        deletedAt: null,
      })
      expect(restored.status).toBe(200)
      const back = await cms.fetch(`${cms.baseUrl}/api/knowledge-products/${doc.id}?depth=0`)
      expect(back.status).toBe(200)
    })

    it("should not let a contributor trash another partnership's record or a published one", async () => {
      const other = await cms.payload.create({
        collection: COLLECTIONS.knowledgeProducts,
        data: {
          ...recordData(COLLECTIONS.knowledgeProducts, world),
          partnerships: [world.partnershipB],
        } as never,
        draft: true,
      })
      const res = await rest('contributorA', 'PATCH', `knowledge-products/${other.id}?draft=true`, {
        deletedAt: new Date().toISOString(),
      })
      expect(res.status).toBeGreaterThanOrEqual(403)
      const published = await createFixture(
        cms.payload,
        COLLECTIONS.knowledgeProducts,
        world,
        'published',
      )
      await expect(
        cms.payload.update({
          collection: COLLECTIONS.knowledgeProducts,
          id: published.id,
          data: { deletedAt: new Date().toISOString() },
          draft: true,
          ...as(world.users.contributorA),
        }),
      ).rejects.toMatchObject({ status: 403 })
      const still = await cms.fetch(`${cms.baseUrl}/api/knowledge-products/${published.id}?depth=0`)
      expect(still.status).toBe(200)
    })
  })

  it('should never show an e-mail address as the name in the review log', async () => {
    const nameless = (await cms.payload.create({
      collection: COLLECTIONS.users,
      data: {
        email: `nameless-${Date.now()}@example.org`,
        password: 'a-long-password-123',
        name: '   ',
        role: 'contributor',
        partnerships: [world.partnershipA as number],
      },
    })) as TypedUser
    const doc = await cms.payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: recordData(COLLECTIONS.knowledgeProducts, world) as never,
      draft: true,
      ...as({ ...nameless, collection: 'users' } as TypedUser),
    })
    const events = await history(COLLECTIONS.knowledgeProducts, doc.id)
    expect(events.map((e) => e.byName)).toEqual(['A contributor'])
    // What a contributor reads of the log, over REST.
    const res = await cms.fetch(`${cms.baseUrl}/api/${REVIEW_EVENTS}?limit=100&depth=1`, {
      headers: { Authorization: `JWT ${tokens.contributorA}` },
    })
    expect(await res.text()).not.toMatch(/@example\.org/)
  })
})
