/**
 * Query plans of the public reads on SQLite: every filter and sort the site offers (through the
 * SDK and `toPayloadWhere`, so exactly what the site sends), the SDK's keyset iterator, a product
 * page, the export's "last updated" probe, and the map's matrix and facets endpoints. Each SQL
 * statement Payload (or our endpoints) runs is captured from the driver and `EXPLAIN QUERY PLAN`ed:
 * the big tables must be reached through an index, never a full `SCAN`.
 *
 * A few thousand synthetic products are enough for the planner to pick its real plans (the
 * statistics come from ANALYZE, as after `seed:synthetic`); the same plans are checked once more
 * with no statistics at all, as on a database nobody analysed.
 */
import { createClient, type KnowledgeMapClient, type ProductFilterInput } from '@repo/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seed } from '../src/seed'
import { seedSynthetic } from '../src/seed/synthetic'
import { startCms, type TestCms } from './helpers/payload'

type Statement = { sql: string; args: unknown[] }
type LibsqlClient = {
  execute(stmt: string | Statement, args?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>
}

/** Tables that grow with the number of products: never scanned whole. */
const BIG = new Set([
  'knowledge_products',
  'knowledge_products_rels',
  'knowledge_products_texts',
  'knowledge_products_languages',
  'knowledge_products_audience',
  'knowledge_products_sources',
  '_knowledge_products_v',
  '_knowledge_products_v_rels',
  '_knowledge_products_v_texts',
  'search_facets',
  'map_changes',
  'map_changes_texts',
])

/** The combinations of the site's product search (facets, text, sorts, paging). */
const FILTERS: Record<string, ProductFilterInput> = {
  'no filter (default sort, newest first)': {},
  theme: { themes: ['communities-in-local-governance'] },
  'two themes': { themes: ['communities-in-local-governance', 'environmental-rights'] },
  programme: { programmes: ['dialogue-and-dissent'] },
  partnership: { partnerships: ['fair-green-and-global-alliance'] },
  type: { types: ['report'] },
  'type and year range': { types: ['report', 'tool'], yearFrom: 2015, yearTo: 2020 },
  'year range': { yearFrom: 2018, yearTo: 2022 },
  language: { languages: ['fr'] },
  country: { countries: ['Kenya'] },
  'learning need': { learningNeeds: ['synthetic-need-placeholder'] },
  'theme, programme, type, year, language and country': {
    themes: ['communities-in-local-governance'],
    programmes: ['dialogue-and-dissent'],
    types: ['report'],
    yearFrom: 2010,
    languages: ['en'],
    countries: ['Kenya'],
  },
  'full text': { q: 'land rights' },
  'full text and theme': { q: 'advocacy', themes: ['communities-in-local-governance'] },
  'sort oldest first': { sort: 'year' },
  'sort title A–Z': { sort: 'title' },
  'sort title Z–A': { sort: '-title' },
  'sort recently updated (and the export’s probe)': { sort: '-updatedAt', limit: 1 },
  'deep page': { page: 40 },
}

/**
 * Listings whose page the index must deliver already in order (no sort step): the sorts on
 * their own, and the one-value `type` filter (a compound index ends in the sort column).
 */
const ORDERED_BY_INDEX = new Set([
  'no filter (default sort, newest first)',
  'type',
  'sort oldest first',
  'sort title A–Z',
  'sort title Z–A',
  'sort recently updated (and the export’s probe)',
  'deep page',
])

/** `alias → table` from Payload's SQL (joins are aliased with random UUIDs). */
function aliases(sql: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of sql.matchAll(/"(\w+)" "?(\w+)"?(?= on| where|\)|,| left| inner| cross)/g)) {
    out.set(m[2]!, m[1]!)
  }
  for (const m of sql.matchAll(/"(\w+)" (\w+) (?:on|where|cross|join|left|group)/gi)) {
    out.set(m[2]!, m[1]!)
  }
  return out
}

/** The plan's full scans of big tables (a SCAN of a co-routine or CTE is not one). */
function fullScans(sql: string, plan: string[]): string[] {
  const names = aliases(sql)
  const coroutines = new Set(
    plan.flatMap((d) => [...d.matchAll(/(?:CO-ROUTINE|MATERIALIZE) (\S+)/g)].map((m) => m[1]!)),
  )
  return plan.filter((detail) => {
    const m = /^SCAN (\S+)(.*)$/.exec(detail)
    if (!m) return false
    const [, name, rest] = m
    if (coroutines.has(name!) || name!.startsWith('(')) return false
    // A virtual table scanned by its MATCH index (FTS5: `INDEX 0:M…`) is a search, not a scan.
    if (/USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|VIRTUAL TABLE INDEX \d+:M/.test(rest!)) {
      return false
    }
    return BIG.has(names.get(name!) ?? name!)
  })
}

describe('query plans of the public reads [sqlite]', () => {
  let cms: TestCms
  let client: KnowledgeMapClient
  let driver: LibsqlClient
  let execute: LibsqlClient['execute']
  const captured: Statement[] = []
  let needSlug: string
  let productSlug: string

  beforeAll(async () => {
    cms = await startCms('sqlite')
    await seed(cms.payload, { log: () => {} })
    await seedSynthetic(cms.payload, { products: 3000, needs: 30, log: () => {} })
    driver = (cms.payload.db as unknown as { client: LibsqlClient }).client
    execute = driver.execute.bind(driver)
    driver.execute = (stmt, args) => {
      if (typeof stmt === 'string') captured.push({ sql: stmt, args: args ?? [] })
      else captured.push({ sql: stmt.sql, args: (stmt.args as unknown[]) ?? [] })
      return execute(stmt, args)
    }
    client = createClient({ baseUrl: cms.baseUrl, fetch: cms.fetch })
    const needs = await client.learningNeeds.list({ coverage: ['covered'], limit: 1 })
    needSlug = needs.docs[0]!.slug
    productSlug = (await client.products.list({ limit: 1 })).docs[0]!.slug
  })
  afterAll(async () => {
    if (driver) driver.execute = execute
    await cms?.close()
  })

  /** Runs `read`, then EXPLAINs every SELECT it made that touches a product or changelog table. */
  async function plansOf(read: () => Promise<unknown>) {
    captured.length = 0
    await read()
    const statements = captured.filter(
      (s) =>
        /^\s*(select|with)\b/i.test(s.sql) &&
        /knowledge_products|search_facets|map_changes|map_cell_dates/.test(s.sql),
    )
    const out: { sql: string; plan: string[]; top: string[] }[] = []
    for (const s of statements) {
      const res = await execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.args })
      out.push({
        sql: s.sql,
        plan: res.rows.map((r) => String(r.detail)),
        top: res.rows.filter((r) => Number(r.parent) === 0).map((r) => String(r.detail)),
      })
    }
    return out
  }

  function expectIndexed(plans: { sql: string; plan: string[] }[]) {
    expect(plans.length).toBeGreaterThan(0)
    for (const { sql, plan } of plans) {
      const scans = fullScans(sql, plan)
      expect(scans, `${sql}\n${plan.join('\n')}`).toEqual([])
      // The product table itself is reached by an index or by id.
      const names = aliases(sql)
      const onProducts = plan.filter((d) => {
        const m = /^(?:SEARCH|SCAN) (\S+)/.exec(d)
        return m && (names.get(m[1]!) ?? m[1]) === 'knowledge_products'
      })
      for (const d of onProducts) {
        expect(d, `${sql}\n${plan.join('\n')}`).toMatch(
          /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/,
        )
      }
    }
  }

  for (const statistics of ['with ANALYZE statistics', 'without statistics'] as const) {
    describe(statistics, () => {
      beforeAll(async () => {
        if (statistics === 'without statistics') {
          await execute('DELETE FROM sqlite_stat1')
          await execute('ANALYZE sqlite_schema')
        }
      })

      for (const [name, filter] of Object.entries(FILTERS)) {
        it(`should list products by index: ${name}`, async () => {
          const f =
            name === 'learning need' ? { ...filter, learningNeeds: [needSlug] } : { ...filter }
          const plans = await plansOf(() => client.products.list(f))
          expectIndexed(plans)
          if (ORDERED_BY_INDEX.has(name)) {
            // The page itself (the statement with LIMIT that reads the products' fields).
            const page = plans.find((p) => /limit \?/i.test(p.sql) && /"title"/.test(p.sql))!
            expect(page, 'the page query').toBeDefined()
            expect(
              page.top.filter((d) => /TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY/.test(d)),
            ).toEqual([])
          }
        })
      }

      it('should serve an anonymous default-shape request (no sort, no depth) in index order', async () => {
        // Payload appends `-createdAt` to a sort that lacks it; only a sort that ends on the id
        // lets the index deliver the page without sorting every published product.
        const plans = await plansOf(async () => {
          const res = await cms.fetch(`${cms.baseUrl}/api/knowledge-products?limit=20`)
          expect(res.status).toBe(200)
        })
        expectIndexed(plans)
        const page = plans.find((p) => /limit \?/i.test(p.sql) && /"title"/.test(p.sql))!
        expect(page, 'the page query').toBeDefined()
        expect(
          page.top.filter((d) => /TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY/.test(d)),
          `${page.sql}\n${page.plan.join('\n')}`,
        ).toEqual([])
      })

      it('should page the SDK iterator by key (sort value and id of the last row) by index', async () => {
        const plans = await plansOf(async () => {
          let n = 0
          for await (const _ of client.products.iterate({
            limit: 100,
            themes: ['communities-in-local-governance'],
          })) {
            if (++n >= 250) break
          }
        })
        // Default sort, newest year first: `year < last OR (year = last AND id < last id) OR …`.
        expect(plans.some((p) => /"year" < \?/.test(p.sql) && /"id" < \?/.test(p.sql))).toBe(true)
        expectIndexed(plans)
      })

      it('should find a product page by its slug by index', async () => {
        expectIndexed(await plansOf(() => client.products.get(productSlug)))
      })

      it('should count the map matrix by index, both axes and per programme', async () => {
        for (const query of [
          '',
          '?axis=types',
          '?programme=dialogue-and-dissent',
          '?axis=types&programme=dialogue-and-dissent',
        ]) {
          const plans = await plansOf(async () => {
            const res = await cms.fetch(`${cms.baseUrl}/api/map/matrix${query}`)
            expect(res.status).toBe(200)
          })
          expectIndexed(plans)
        }
      })

      it('should search, count the facets and the matrix of every filter by index', async () => {
        for (const [name, filter] of Object.entries(FILTERS)) {
          const f = name === 'learning need' ? { ...filter, learningNeeds: [needSlug] } : filter
          const plans = await plansOf(() =>
            client.products.search(f, { include: ['facets', 'matrix'] }),
          )
          expectIndexed(plans)
        }
      })

      it('should count the facets by index, with and without filters', async () => {
        for (const query of ['', '?theme=civic-space&type=report', '?country=Kenya&language=fr']) {
          const plans = await plansOf(async () => {
            const res = await cms.fetch(`${cms.baseUrl}/api/map/facets${query}`)
            expect(res.status).toBe(200)
          })
          expectIndexed(plans)
        }
      })

      it('should read the changelog and the cell dates by index', async () => {
        const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)
        for (const query of [
          '?limit=20',
          `?theme=communities-in-local-governance&from=${from}&limit=20`,
          '?theme=communities-in-local-governance&theme=environmental-rights&page=3',
          `?from=${from}&to=${from}`,
          '/cells?axis=learning-needs',
          '/cells?axis=types',
        ]) {
          const plans = await plansOf(async () => {
            const res = await cms.fetch(`${cms.baseUrl}/api/changes${query}`)
            expect(res.status).toBe(200)
          })
          expectIndexed(plans)
          // The page comes off the (listed, seq) index in order: no sort of every match.
          for (const { sql, plan } of plans.filter((p) => /order by \S*seq/i.test(p.sql))) {
            expect(plan.join('\n'), sql).not.toMatch(/TEMP B-TREE/)
          }
        }
      })
    })
  }
})
