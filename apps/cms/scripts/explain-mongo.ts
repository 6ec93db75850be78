/**
 * `MONGODB_URL=mongodb://… pnpm --filter @repo/cms exec tsx scripts/explain-mongo.ts [--products N]`
 *
 * The MongoDB twin of `test/query-plans.test.ts`: on a fresh, uniquely named database it loads
 * the real seed and N synthetic products (default 5000), runs the site's filter combinations
 * through the public REST handler (what the SDK sends), captures every query Mongoose sends to
 * the products' collection, and `explain()`s it: the winning plan must use an index (IXSCAN) and
 * never scan the collection (COLLSCAN). Prints a table; exits 1 when a query scans. Without
 * MONGODB_URL it says so and exits 0. The database is dropped at the end.
 */
import { parseArgs } from 'node:util'

import { createClient, type ProductFilterInput } from '@repo/types'
import { getPayload, handleEndpoints } from 'payload'

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { products: { type: 'string', default: '5000' } },
})

const mongoUrl = process.env.MONGODB_URL
if (!mongoUrl) {
  console.log(
    'MONGODB_URL is not set: nothing to explain (the SQLite plans are checked by test/query-plans.test.ts).',
  )
  process.exit(0)
}

const { createConfig } = await import('../src/config')
const { parseEnv } = await import('../src/env')
const { seed } = await import('../src/seed')
const { seedSynthetic } = await import('../src/seed/synthetic')

const FILTERS: Record<string, ProductFilterInput> = {
  'no filter': {},
  theme: { themes: ['communities-in-local-governance'] },
  programme: { programmes: ['dialogue-and-dissent'] },
  partnership: { partnerships: ['fair-green-and-global-alliance'] },
  'type and years': { types: ['report'], yearFrom: 2015, yearTo: 2020 },
  language: { languages: ['fr'] },
  country: { countries: ['Kenya'] },
  'theme, type, language, country': {
    themes: ['communities-in-local-governance'],
    types: ['report'],
    languages: ['en'],
    countries: ['Kenya'],
  },
  'full text': { q: 'land rights' },
  'sort title': { sort: 'title' },
  'sort recently updated': { sort: '-updatedAt', limit: 1 },
}

const url = new URL(mongoUrl)
url.pathname = `/km_explain_${process.pid}_${Date.now()}`
const config = await createConfig({
  env: parseEnv({
    NODE_ENV: 'test',
    PAYLOAD_SECRET: 'explain-secret-that-is-long-enough-0123456789',
    SERVER_URL: 'http://cms.test',
  }),
  databaseUrl: url.toString(),
  logLevel: 'error',
})
const key = 'explain-mongo'
const payload = await getPayload({ config, key })

type Captured = { collection: string; method: string; query: unknown; options: unknown }
type Mongoose = {
  set(option: 'debug', fn: false | ((...args: unknown[]) => void)): void
}
type Collection = {
  find(filter: unknown, options?: unknown): { explain(v: string): Promise<Explain> }
  countDocuments(filter: unknown): Promise<number>
  aggregate(pipeline: unknown[]): { explain(v: string): Promise<Explain> }
}
type Explain = { queryPlanner?: { winningPlan?: unknown }; stages?: unknown[] }

const db = payload.db as unknown as {
  collections: Record<string, { collection: Collection; base: Mongoose; collection_name?: string }>
}
const products = db.collections['knowledge-products']!
const mongoose = products.base
const captured: Captured[] = []
let failures = 0
try {
  console.log(`Seeding ${values.products} synthetic products on ${url.pathname.slice(1)}…`)
  await seed(payload, { log: () => {} })
  await seedSynthetic(payload, { products: Number(values.products), log: () => {} })

  const fetchInProcess = (async (input: RequestInfo | URL, init?: RequestInit) =>
    handleEndpoints({
      config,
      request: new Request(input, init),
      payloadInstanceCacheKey: key,
    })) as typeof fetch
  const client = createClient({ baseUrl: 'http://cms.test', fetch: fetchInProcess })

  mongoose.set(
    'debug',
    (collection: unknown, method: unknown, query: unknown, ...rest: unknown[]) => {
      captured.push({
        collection: String(collection),
        method: String(method),
        query,
        options: rest[rest.length - 1],
      })
    },
  )

  const stagesOf = (plan: unknown): string[] => {
    const out: string[] = []
    const walk = (node: unknown) => {
      if (!node || typeof node !== 'object') return
      const n = node as Record<string, unknown>
      if (typeof n.stage === 'string') out.push(n.stage)
      for (const k of ['inputStage', 'queryPlan', 'winningPlan']) walk(n[k])
      for (const k of ['inputStages', 'stages']) if (Array.isArray(n[k])) n[k].forEach(walk)
      if (n.$cursor) walk((n.$cursor as Explain).queryPlanner?.winningPlan)
    }
    walk(plan)
    return out
  }

  const rows: { filter: string; query: string; stages: string; ok: boolean }[] = []
  for (const [name, filter] of Object.entries(FILTERS)) {
    captured.length = 0
    await client.products.list(filter)
    const ours = captured.filter(
      (c) =>
        c.collection === 'knowledge-products' &&
        ['find', 'countDocuments', 'aggregate'].includes(c.method),
    )
    for (const c of ours) {
      const explained =
        c.method === 'aggregate'
          ? await products.collection.aggregate(c.query as unknown[]).explain('queryPlanner')
          : await products.collection.find(c.query).explain('queryPlanner')
      const stages = stagesOf(explained.queryPlanner?.winningPlan ?? explained)
      const ok = stages.includes('IXSCAN') && !stages.includes('COLLSCAN')
      if (!ok) failures++
      rows.push({
        filter: name,
        query: `${c.method} ${JSON.stringify(c.query).slice(0, 80)}`,
        stages: stages.join(' < '),
        ok,
      })
    }
  }
  console.table(rows)
  console.log(
    failures === 0
      ? 'Every products query uses an index (IXSCAN) and none scans the collection.'
      : `${failures} queries do not use an index.`,
  )
} finally {
  mongoose.set('debug', false)
  await payload.db.dropDatabase?.({ adapter: payload.db } as never)
  await payload.destroy()
}
process.exit(failures === 0 ? 0 : 1)
