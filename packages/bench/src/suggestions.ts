/**
 * Suggestions: precision@5 and recall@10 over the evaluation set on the real seed, and the time
 * of one record's suggestions on the benchmark database. Runs the CMS's own script in-process
 * with Payload (apps/cms/scripts/bench-suggestions.ts), before the servers start.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { printTable, writeResult } from './results.js'

type Pass = { p50Ms: number; p95Ms: number; maxMs: number }
type Speed = { records: number; first: Pass; repeat: Pass }
type Result = {
  quality: { needs: number; precisionAt5: number; recallAt10: number }
  speed: {
    publishedProducts: number
    learningNeeds: number
    needToProducts: Speed
    productToNeeds: Speed
    recomputeAll: { needs: number; suggested: number; ms: number }
  } | null
}

export async function benchSuggestions(options: { repoRoot: string; dbFile: string }) {
  const cmsDir = path.join(options.repoRoot, 'apps/cms')
  const dir = mkdtempSync(path.join(tmpdir(), 'km-bench-suggestions-'))
  const out = path.join(dir, 'suggestions.json')
  try {
    execFileSync(
      path.join(cmsDir, 'node_modules/.bin/tsx'),
      ['scripts/bench-suggestions.ts', '--database', options.dbFile, '--out', out],
      { cwd: cmsDir, stdio: ['ignore', 'inherit', 'inherit'] },
    )
    const result = JSON.parse(readFileSync(out, 'utf8')) as Result
    printTable('Suggestions: quality on the real seed (evaluation set)', [
      {
        needs: result.quality.needs,
        'precision@5': result.quality.precisionAt5,
        'recall@10': result.quality.recallAt10,
      },
    ])
    if (result.speed) {
      const row = (what: string, s: Speed) => ({
        what,
        records: s.records,
        'first p50 ms': s.first.p50Ms,
        'first p95 ms': s.first.p95Ms,
        'first max ms': s.first.maxMs,
        'repeat p50 ms': s.repeat.p50Ms,
        'repeat p95 ms': s.repeat.p95Ms,
      })
      printTable(
        `Suggestions: one record's, at ${result.speed.publishedProducts} published products`,
        [
          row('need → products', result.speed.needToProducts),
          row('product → needs', result.speed.productToNeeds),
        ],
      )
      printTable('Suggestions: the background job, every published need stored', [
        {
          needs: result.speed.recomputeAll.needs,
          'with a strong suggestion': result.speed.recomputeAll.suggested,
          'total ms': result.speed.recomputeAll.ms,
        },
      ])
    }
    writeResult(options.repoRoot, 'suggestions', result)
    return {
      precisionAt5: result.quality.precisionAt5,
      recallAt10: result.quality.recallAt10,
      needToProductsP95Ms: result.speed?.needToProducts.first.p95Ms ?? null,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
