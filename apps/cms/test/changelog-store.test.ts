import { type SQLiteAdapter, sql } from '@payloadcms/db-sqlite'
import { type ChangeFilter, COLLECTIONS } from '@repo/types'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { expectedLog, rebuildChangeLog } from '../src/changes/backfill'
import { byteOrder } from '../src/changes/derive'
import { listChanges } from '../src/changes/log'
import { MAP_CELL_DATES, MAP_CHANGES } from '../src/changes/slugs'
import { fromStored, type StoredChange } from '../src/changes/store'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'
import { buildWorld, unique } from './helpers/world'

type Id = string | number

/** One step on a product, as an editor would take it through the Local API. */
type Op =
  | { op: 'publish'; product: number; themes: number[] }
  | { op: 'draft'; product: number }
  | { op: 'link'; product: number; need: number }
  | { op: 'unlink'; product: number; need: number }
  | { op: 'unpublish'; product: number }
  | { op: 'trash'; product: number }
  | { op: 'restore'; product: number }
  | { op: 'delete'; product: number }
  | { op: 'editNeed'; need: number }
  | { op: 'unpublishNeed'; need: number }

const PRODUCTS = 3
const NEEDS = 2
const THEMES = 3

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('publish' as const),
    product: fc.nat(PRODUCTS - 1),
    themes: fc.uniqueArray(fc.nat(THEMES - 1), { maxLength: 2 }),
  }),
  fc.record({ op: fc.constant('draft' as const), product: fc.nat(PRODUCTS - 1) }),
  fc.record({
    op: fc.constant('link' as const),
    product: fc.nat(PRODUCTS - 1),
    need: fc.nat(NEEDS - 1),
  }),
  fc.record({
    op: fc.constant('unlink' as const),
    product: fc.nat(PRODUCTS - 1),
    need: fc.nat(NEEDS - 1),
  }),
  fc.record({ op: fc.constant('unpublish' as const), product: fc.nat(PRODUCTS - 1) }),
  fc.record({ op: fc.constant('trash' as const), product: fc.nat(PRODUCTS - 1) }),
  fc.record({ op: fc.constant('restore' as const), product: fc.nat(PRODUCTS - 1) }),
  fc.record({ op: fc.constant('delete' as const), product: fc.nat(PRODUCTS - 1) }),
  fc.record({ op: fc.constant('editNeed' as const), need: fc.nat(NEEDS - 1) }),
  fc.record({ op: fc.constant('unpublishNeed' as const), need: fc.nat(NEEDS - 1) }),
)

describeEachDatabase('the changelog kept as changes happen', (kind) => {
  let cms: TestCms
  const themes: Id[] = []

  beforeAll(async () => {
    cms = await startCms(kind)
    await buildWorld(cms.payload)
    for (let i = 0; i < THEMES; i++) {
      const t = await cms.payload.create({
        collection: COLLECTIONS.themes,
        data: { title: unique(`Log theme ${i}`), order: 10 + i, colour: '#1f5f8b' },
        overrideAccess: true,
      })
      themes.push(t.id)
    }
  }, 120_000)
  afterAll(async () => cms?.close())

  /** The stored log and cell dates, in the derivation's order and shape. */
  const stored = async () => {
    const { docs } = await cms.payload.find({
      collection: MAP_CHANGES,
      pagination: false,
      limit: 0,
      depth: 0,
      overrideAccess: true,
    })
    const changes = (docs as unknown as StoredChange[])
      .map(fromStored)
      .sort((a, b) => byteOrder(a.at, b.at) || byteOrder(a.id, b.id))
    const cellDocs = await cms.payload.find({
      collection: MAP_CELL_DATES,
      pagination: false,
      limit: 0,
      depth: 0,
      overrideAccess: true,
    })
    const cells = new Map(
      (cellDocs.docs as unknown as { key: string; at: string }[]).map((c) => [
        c.key,
        new Date(c.at).toISOString(),
      ]),
    )
    return { changes, cells }
  }
  const expected = async () => {
    const log = await expectedLog(cms.payload)
    return { changes: log.changes, cells: log.cells }
  }

  it('should store, after any sequence of edits, exactly the log the history derives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), async (ops) => {
        const needs: Id[] = []
        for (let i = 0; i < NEEDS; i++) {
          const n = await cms.payload.create({
            collection: COLLECTIONS.learningNeeds,
            data: {
              title: unique(`Log need ${i}`),
              description: 'A need the stored log follows.',
              kind: 'learning-need',
              themes: [themes[i % THEMES] as number],
              _status: 'published',
            },
            overrideAccess: true,
          })
          needs.push(n.id)
        }
        const products: { id: Id; trashed: boolean; deleted: boolean; needs: Set<Id> }[] = []
        for (let i = 0; i < PRODUCTS; i++) {
          const p = await cms.payload.create({
            collection: COLLECTIONS.knowledgeProducts,
            data: {
              title: unique(`Log product ${i}`),
              type: i % 2 ? 'tool' : 'report',
              themes: [themes[i % THEMES] as number],
            },
            draft: true,
            overrideAccess: true,
          })
          products.push({ id: p.id, trashed: false, deleted: false, needs: new Set() })
        }
        let n = 0
        const update = (id: Id, data: Record<string, unknown>, draft = false) =>
          cms.payload.update({
            collection: COLLECTIONS.knowledgeProducts,
            id,
            data,
            draft,
            overrideAccess: true,
          })
        for (const step of ops) {
          n += 1
          if ('product' in step) {
            const p = products[step.product]!
            if (p.deleted || p.trashed !== (step.op === 'restore')) continue
            if (step.op === 'delete') {
              await cms.payload.delete({
                collection: COLLECTIONS.knowledgeProducts,
                id: p.id,
                overrideAccess: true,
              })
              p.deleted = true
            } else if (step.op === 'publish') {
              await update(p.id, {
                summary: `Published ${n}`,
                themes: step.themes.map((t) => themes[t]),
                _status: 'published',
              })
            } else if (step.op === 'draft') {
              await update(p.id, { summary: `Draft ${n}` }, true)
            } else if (step.op === 'link' || step.op === 'unlink') {
              const need = needs[step.need]!
              if (step.op === 'link') p.needs.add(need)
              else p.needs.delete(need)
              await update(p.id, { learningNeeds: [...p.needs], _status: 'published' })
            } else if (step.op === 'unpublish') {
              await update(p.id, { _status: 'draft' })
            } else if (step.op === 'trash') {
              await update(p.id, { deletedAt: new Date().toISOString() })
              p.trashed = true
            } else {
              await cms.payload.update({
                collection: COLLECTIONS.knowledgeProducts,
                id: p.id,
                data: { deletedAt: null },
                trash: true,
                overrideAccess: true,
              })
              p.trashed = false
            }
          } else {
            await cms.payload.update({
              collection: COLLECTIONS.learningNeeds,
              id: needs[step.need]!,
              data:
                step.op === 'editNeed'
                  ? { description: `Edited ${n}`, _status: 'published' }
                  : { _status: 'draft' },
              overrideAccess: true,
            })
          }
        }
        const [is, should] = [await stored(), await expected()]
        expect(is.changes).toEqual(should.changes)
        expect(Object.fromEntries(is.cells)).toEqual(Object.fromEntries(should.cells))
      }),
      // A fixed seed (CI is the same every run); this one once found that a product deleted
      // for good after its unpublish left review events the derivation could not read.
      { numRuns: 12, seed: -373153203 },
    )
    // Each page of `/api/changes` is the derived log filtered, newest first, sliced.
    const log = (await expected()).changes
    const slugs = await cms.payload.find({
      collection: COLLECTIONS.themes,
      where: { id: { in: themes } },
      depth: 0,
      overrideAccess: true,
    })
    const slugOf = new Map(slugs.docs.map((t) => [String(t.id), t.slug!]))
    const today = new Date().toISOString().slice(0, 10)
    const filters: ChangeFilter[] = [
      { themes: [], page: 1, limit: 100 },
      { themes: [slugOf.get(String(themes[0]))!], page: 1, limit: 100 },
      {
        themes: [slugOf.get(String(themes[1]))!, slugOf.get(String(themes[2]))!],
        page: 2,
        limit: 3,
      },
      { themes: [], from: today, to: today, page: 3, limit: 5 },
      { themes: [], to: '2020-01-01', page: 1, limit: 20 },
      { themes: ['no-such-theme'], page: 1, limit: 20 },
    ]
    for (const filter of filters) {
      const wanted = new Set(filter.themes)
      const matching = log
        .filter(
          (c) =>
            c.listed &&
            (!filter.from || c.at >= `${filter.from}T00:00:00.000Z`) &&
            (!filter.to || c.at <= `${filter.to}T23:59:59.999Z`) &&
            (wanted.size === 0 || c.themes.some((t) => wanted.has(slugOf.get(t) ?? ''))),
        )
        .reverse()
      const page = await listChanges(cms.payload, filter)
      const start = (filter.page - 1) * filter.limit
      expect(page.docs.map((c) => c.id)).toEqual(
        matching.slice(start, start + filter.limit).map((c) => c.id),
      )
      expect(page.totalDocs).toBe(matching.length)
    }

    // The backfill over the same history writes the same log (and the same cell dates).
    const before = await stored()
    expect(before.changes.length).toBeGreaterThan(0)
    await rebuildChangeLog(cms.payload)
    const after = await stored()
    expect(after.changes).toEqual(before.changes)
    expect(Object.fromEntries(after.cells)).toEqual(Object.fromEntries(before.cells))
  }, 600_000)
})

describe('the changelog and the write it records [sqlite]', () => {
  let cms: TestCms
  const drizzle = () => (cms.payload.db as unknown as SQLiteAdapter).drizzle
  const entriesOf = async (id: Id) =>
    (
      await cms.payload.count({
        collection: MAP_CHANGES,
        where: { recordId: { equals: String(id) } },
        overrideAccess: true,
      })
    ).totalDocs
  let theme: Id
  const draftProduct = () =>
    cms.payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: { title: unique('Atomic log product'), type: 'report', themes: [theme as number] },
      draft: true,
      overrideAccess: true,
    })
  /** Publishes while `table` refuses every write (a real failure inside the transaction). */
  const publishWhileRefusing = async (table: string, id: Id) => {
    for (const event of ['INSERT', 'UPDATE']) {
      await drizzle().run(
        sql.raw(
          `CREATE TRIGGER refuse_${event}_${table} BEFORE ${event} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} unavailable'); END`,
        ),
      )
    }
    try {
      await expect(
        cms.payload.update({
          collection: COLLECTIONS.knowledgeProducts,
          id,
          data: { _status: 'published' },
          overrideAccess: true,
        }),
      ).rejects.toThrow()
    } finally {
      for (const event of ['INSERT', 'UPDATE']) {
        await drizzle().run(sql.raw(`DROP TRIGGER refuse_${event}_${table}`))
      }
    }
  }
  const status = async (id: Id) =>
    (
      (await cms.payload.db.findOne({
        collection: COLLECTIONS.knowledgeProducts,
        where: { id: { equals: id } },
      })) as { _status?: string } | null
    )?._status

  beforeAll(async () => {
    cms = await startCms('sqlite')
    await buildWorld(cms.payload)
    const t = await cms.payload.create({
      collection: COLLECTIONS.themes,
      data: { title: unique('Atomic log theme'), order: 50, colour: '#1f5f8b' },
      overrideAccess: true,
    })
    theme = t.id
  }, 120_000)
  afterAll(async () => cms?.close())

  it('should keep the stored log and cell dates out of the REST API of Payload', async () => {
    const p = await draftProduct()
    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: p.id,
      data: { _status: 'published' },
      overrideAccess: true,
    })
    expect(await entriesOf(p.id)).toBe(1)
    for (const path of [MAP_CHANGES, MAP_CELL_DATES]) {
      const res = await cms.fetch(`${cms.baseUrl}/api/${path}?limit=100`)
      expect(res.status).toBe(403)
      expect(await res.text()).not.toContain(String(p.id) + '/v/')
    }
  })

  it('should leave no entry when the write it records fails after the entry was written', async () => {
    // The cell dates are written after the entry, in the same transaction.
    const p = await draftProduct()
    await publishWhileRefusing('map_cell_dates', p.id)
    expect(await status(p.id)).toBe('draft')
    expect(await entriesOf(p.id)).toBe(0)
  })

  it('should leave the record unpublished when its entry cannot be written, and log it once it is', async () => {
    const p = await draftProduct()
    const cellsBefore = (
      await cms.payload.count({ collection: MAP_CELL_DATES, overrideAccess: true })
    ).totalDocs
    await publishWhileRefusing('map_changes', p.id)
    expect(await status(p.id)).toBe('draft')
    expect(
      (await cms.payload.count({ collection: MAP_CELL_DATES, overrideAccess: true })).totalDocs,
    ).toBe(cellsBefore)
    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: p.id,
      data: { _status: 'published' },
      overrideAccess: true,
    })
    expect(await entriesOf(p.id)).toBe(1)
  })
})
