/**
 * Two CMS processes on one SQLite file, as when the CMS is scaled out: a change made through
 * one is visible through the other's search, facets and matrix within 1 s. Nothing is cached in
 * a process (the search index is SQLite's own, written in the same transaction as the record).
 */
import { COLLECTIONS, createClient, type KnowledgeMapClient } from '@repo/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  adminApi,
  type AdminApi,
  findRepoRoot,
  type RunningCms,
  startBuiltCms,
} from '@repo/testing'

/** The promise: visible through the other process within this long. */
const WITHIN_MS = 1000

async function within<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean) {
  const deadline = Date.now() + WITHIN_MS
  let last: T
  for (;;) {
    last = await probe()
    if (ok(last)) return last
    if (Date.now() > deadline) {
      throw new Error(`${what}: not visible through the other process within ${WITHIN_MS} ms`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('two CMS processes on one SQLite database', () => {
  let a: RunningCms
  let b: RunningCms
  let api: AdminApi
  let other: KnowledgeMapClient

  beforeAll(async () => {
    const repoRoot = findRepoRoot(import.meta.dirname)
    a = await startBuiltCms({ repoRoot })
    b = await startBuiltCms({ repoRoot, databaseUrl: a.databaseUrl, admin: a.admin })
    api = await adminApi(a.url, a.admin)
    other = createClient({ baseUrl: b.url })
  }, 400_000)

  afterAll(async () => {
    await b?.stop()
    await a?.stop()
  })

  it('should show a publish and an unpublish made through one in the other’s search, facets and matrix within 1 s', async () => {
    const themes = await api.find({ collection: COLLECTIONS.themes, limit: 1, sort: 'order' })
    const theme = themes.docs[0]!
    const need = await api.create({
      collection: COLLECTIONS.learningNeeds,
      data: {
        title: 'How do two processes agree?',
        description: 'A need for the two-process test.',
        themes: [theme.id],
        _status: 'published',
      },
    })
    const before = await other.products.search({}, { include: ['facets', 'matrix'] })
    const cellBefore = (m: typeof before.matrix) =>
      m?.rows.find((r) => r.id === need.id)?.cells[String(theme.slug)] ?? 0

    const product = await api.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: {
        title: 'Quetzalcoatlite deposits and community mining rights',
        type: 'report',
        themes: [theme.id],
        learningNeeds: [need.id],
        _status: 'published',
      },
    })

    const found = await within(
      'publish',
      () => other.products.search({ q: 'quetzalcoatlite' }, { include: ['facets', 'matrix'] }),
      (r) => r.totalDocs === 1,
    )
    expect(found.docs[0]!.id).toBe(product.id)
    const facets = await other.map.facets({})
    expect(facets.total).toBe(before.facets!.total + 1)
    const matrix = await other.map.matrix()
    expect(cellBefore(matrix)).toBe(cellBefore(before.matrix) + 1)

    await api.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: product.id,
      data: { _status: 'draft' },
    })
    await within(
      'unpublish',
      () => other.products.search({ q: 'quetzalcoatlite' }),
      (r) => r.totalDocs === 0,
    )
    expect((await other.map.facets({})).total).toBe(before.facets!.total)
    expect(cellBefore(await other.map.matrix())).toBe(cellBefore(before.matrix))
  })
})
