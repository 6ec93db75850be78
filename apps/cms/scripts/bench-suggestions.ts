/**
 * Suggestion figures for `pnpm bench` (packages/bench runs this and writes
 * bench/results/suggestions.json):
 *
 * - quality: precision@5 and recall@10 of the need → product suggestions over the evaluation
 *   set (test/fixtures/suggestions.ts), on the real seed in a temporary SQLite database;
 * - speed (with --database FILE, e.g. the 100k synthetic database; its migrations run): the
 *   time of one need's suggestions, for every learning need, and of one product's, for 200
 *   products, in-process through the Local API and the search adapter: each record's first
 *   call, then a repeat (the stem frequencies kept; see src/suggest/frequencies.ts).
 *
 *   tsx scripts/bench-suggestions.ts [--database FILE] [--out FILE]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { COLLECTIONS } from '@repo/types'
import { getPayload, type Payload } from 'payload'

import { createConfig } from '../src/config'
import { getEnv, prepareLocalEnv } from '../src/env'
import { runMigrations } from '../src/lib/migrate'
import { seed } from '../src/seed'
import { evaluate } from '../src/suggest/evaluate'
import { type Side, suggestionsFor } from '../src/suggest/rank'
import { recomputeSuggestedCoverage } from '../src/suggest/snapshot'
import { SUGGESTION_EVALUATION } from '../test/fixtures/suggestions'

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { database: { type: 'string' }, out: { type: 'string' } },
})

await prepareLocalEnv({ production: false })

async function open(databaseUrl: string, key: string): Promise<Payload> {
  const dir = mkdtempSync(path.join(tmpdir(), 'km-bench-suggest-'))
  const config = await createConfig({
    env: getEnv(),
    databaseUrl,
    mediaDir: path.join(dir, 'media'),
    logLevel: 'fatal',
  })
  const payload = await getPayload({ config, key })
  await runMigrations(payload)
  return payload
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
const round = (n: number) => Math.round(n * 100) / 100

async function quality() {
  const dir = mkdtempSync(path.join(tmpdir(), 'km-bench-seed-'))
  const payload = await open(`file:${path.join(dir, 'seed.db')}`, 'bench-suggestions-seed')
  try {
    await seed(payload, { log: () => {} })
    const q = await evaluate(SUGGESTION_EVALUATION, async (title) => {
      const { docs } = await payload.find({
        collection: COLLECTIONS.learningNeeds,
        where: { title: { equals: title } },
        overrideAccess: true,
      })
      const list = await suggestionsFor(payload, 'need', docs[0]!.id, { limit: 10 })
      return list!.suggestions.map((s) => s.title)
    })
    return {
      needs: q.needs,
      precisionAt5: round(q.precisionAt5 * 1000) / 1000,
      recallAt10: round(q.recallAt10 * 1000) / 1000,
      perNeed: q.perNeed,
    }
  } finally {
    await payload.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The background job's work: every published need's strong suggestions, stored. */
async function recompute(payload: Payload) {
  const t0 = performance.now()
  const { needs, suggested } = await recomputeSuggestedCoverage(payload, 'bench')
  return { needs, suggested, ms: round(performance.now() - t0) }
}

async function speed(file: string) {
  const payload = await open(`file:${path.resolve(file)}`, 'bench-suggestions-scale')
  try {
    const count = async (collection: typeof COLLECTIONS.knowledgeProducts) =>
      (
        await payload.count({
          collection,
          where: { _status: { equals: 'published' } },
          overrideAccess: true,
        })
      ).totalDocs
    const needs = await payload.find({
      collection: COLLECTIONS.learningNeeds,
      pagination: false,
      depth: 0,
      select: {},
      overrideAccess: true,
    })
    const products = await payload.find({
      collection: COLLECTIONS.knowledgeProducts,
      where: { _status: { equals: 'published' } },
      limit: 200,
      sort: 'id',
      depth: 0,
      select: {},
      overrideAccess: true,
    })
    const pass = async (side: Side, ids: (string | number)[]) => {
      const ms: number[] = []
      for (const id of ids) {
        const t0 = performance.now()
        await suggestionsFor(payload, side, id)
        ms.push(performance.now() - t0)
      }
      ms.sort((a, b) => a - b)
      return {
        p50Ms: round(percentile(ms, 50)),
        p95Ms: round(percentile(ms, 95)),
        maxMs: round(ms.at(-1) ?? 0),
      }
    }
    // "first": each record's first suggestions in this process (its stems' frequencies are
    // counted, unless another record counted them); "repeat": the same again, frequencies kept.
    const time = async (side: Side, ids: (string | number)[]) => ({
      records: ids.length,
      first: await pass(side, ids),
      repeat: await pass(side, ids),
    })
    return {
      database: path.resolve(file),
      publishedProducts: await count(COLLECTIONS.knowledgeProducts),
      learningNeeds: needs.docs.length,
      needToProducts: await time(
        'need',
        needs.docs.map((d) => d.id),
      ),
      productToNeeds: await time(
        'product',
        products.docs.map((d) => d.id),
      ),
      recomputeAll: await recompute(payload),
    }
  } finally {
    await payload.destroy()
  }
}

const result = {
  quality: await quality(),
  speed: values.database ? await speed(values.database) : null,
}
const json = `${JSON.stringify(result, null, 2)}\n`
if (values.out) writeFileSync(values.out, json)
else process.stdout.write(json)
process.exit(0)
