import { COLLECTIONS } from '@repo/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { normaliseQuery, recordMiss, SEARCH_MISSES, topMisses } from '../src/demand/unmetSearches'
import { startCms, type TestCms } from './helpers/payload'
import { buildWorld, loginTokens, type World } from './helpers/world'

const SECRET = 'unmet-search-test-shared-secret-012345'

describe('normaliseQuery', () => {
  it('should fold case, Unicode forms and white space, and drop e-mails and long numbers', () => {
    expect(normaliseQuery('  Climate   FINANCE\n')).toBe('climate finance')
    expect(normaliseQuery('ﬁnance')).toBe('finance')
    expect(normaliseQuery('gender me@example.org budgets')).toBe('gender budgets')
    expect(normaliseQuery('call 0612345678 about wash')).toBe('call about wash')
    expect(normaliseQuery('x'.repeat(500))).toHaveLength(200)
  })
})

describe('unmet searches', () => {
  let cms: TestCms
  let world: World
  const tokens: Record<string, string> = {}

  beforeAll(async () => {
    cms = await startCms('sqlite', { env: { REVALIDATE_SECRET: SECRET } })
    world = await buildWorld(cms.payload)
    Object.assign(tokens, await loginTokens(cms, world, ['editor', 'contributorA']))
  }, 120_000)
  afterAll(async () => cms?.close())

  const report = (query: unknown, auth = `Bearer ${SECRET}`) =>
    cms.fetch(`${cms.baseUrl}/api/unmet-searches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: JSON.stringify({ query }),
    })

  it('should count a query per day, keeping only the words, the day and the count', async () => {
    expect((await report('Feminist MEL')).status).toBe(201)
    expect((await report('  feminist   mel ')).status).toBe(201)
    const { docs } = await cms.payload.find({
      collection: SEARCH_MISSES,
      where: { query: { equals: 'feminist mel' } },
      overrideAccess: true,
    })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({ query: 'feminist mel', count: 2 })
    expect(Object.keys(docs[0]!).sort()).toEqual([
      'count',
      'createdAt',
      'day',
      'id',
      'query',
      'updatedAt',
    ])
  })

  it('should take reports from the site only, and show them to editors only', async () => {
    expect((await report('anything', 'Bearer nope')).status).toBe(401)
    expect((await report(42)).status).toBe(400)
    const list = (token?: string) =>
      cms.fetch(`${cms.baseUrl}/api/${SEARCH_MISSES}`, {
        headers: token ? { authorization: `JWT ${token}` } : {},
      })
    expect((await list()).status).toBe(403)
    expect((await list(tokens.contributorA)).status).toBe(403)
    expect((await list(tokens.editor)).status).toBe(200)
    // Nobody writes them through the API, not even an editor.
    const create = await cms.fetch(`${cms.baseUrl}/api/${SEARCH_MISSES}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${tokens.editor}` },
      body: JSON.stringify({ query: 'x', day: '2026-01-01', count: 5 }),
    })
    expect(create.status).toBe(403)
  })

  it('should rank the last 30 days by count, and forget what is past the retention period', async () => {
    const policy = { enabled: true, retentionDays: 90 }
    const now = new Date()
    const day = (n: number) => new Date(now.getTime() - n * 86_400_000)
    await recordMiss(cms.payload, 'old need', policy, day(100))
    await recordMiss(cms.payload, 'sixty days ago', policy, day(60))
    for (const n of [0, 1, 1]) await recordMiss(cms.payload, 'water governance', policy, day(n))
    await recordMiss(cms.payload, 'climate finance', policy, day(2))
    const top = await topMisses(cms.payload, 30, 50, now)
    const iso = (d: Date) => d.toISOString().slice(0, 10)
    expect(top[0]).toEqual({ query: 'water governance', count: 3, days: 2, lastDay: iso(now) })
    expect(top.find((t) => t.query === 'climate finance')).toEqual({
      query: 'climate finance',
      count: 1,
      days: 1,
      lastDay: iso(day(2)),
    })
    const counts = top.map((t) => t.count)
    expect([...counts].sort((a, b) => b - a)).toEqual(counts)
    expect(top.map((t) => t.query)).not.toContain('sixty days ago')
    const kept = await cms.payload.find({
      collection: SEARCH_MISSES,
      limit: 0,
      pagination: false,
      overrideAccess: true,
    })
    expect(kept.docs.map((d) => d.query)).not.toContain('old need')
    expect(kept.docs.map((d) => d.query)).toContain('sixty days ago')
  })

  it('should keep nothing when switched off', async () => {
    expect(
      await recordMiss(cms.payload, 'not kept', { enabled: false, retentionDays: 90 }),
    ).toBeNull()
    const found = await cms.payload.count({
      collection: SEARCH_MISSES,
      where: { query: { equals: 'not kept' } },
      overrideAccess: true,
    })
    expect(found.totalDocs).toBe(0)
    const policy = await (await cms.fetch(`${cms.baseUrl}/api/unmet-searches/policy`)).json()
    expect(policy).toMatchObject({ enabled: true, retentionDays: 90 })
  })

  it('should let an editor turn an unmet search into a draft learning need in one step', async () => {
    await report('youth-led groups after funding')
    const res = await cms.fetch(`${cms.baseUrl}/api/unmet-searches/to-need`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `JWT ${tokens.editor}`,
      },
      body: 'query=youth-led+groups+after+funding',
      redirect: 'manual',
    })
    expect(res.status).toBe(303)
    const id = res.headers.get('location')!.split('/').pop()!
    const need = await cms.payload.findByID({
      collection: COLLECTIONS.learningNeeds,
      id,
      draft: true,
      overrideAccess: true,
    })
    expect(need).toMatchObject({
      title: 'Youth-led groups after funding',
      kind: 'knowledge-gap',
      _status: 'draft',
    })
    expect(need.description).toContain('“youth-led groups after funding” 1 time')
    const contributor = await cms.fetch(`${cms.baseUrl}/api/unmet-searches/to-need`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `JWT ${tokens.contributorA}` },
      body: JSON.stringify({ query: 'youth-led groups after funding' }),
    })
    expect(contributor.status).toBe(403)
  })
})
