/**
 * `pnpm seed:synthetic --products 100000`: loads synthetic products and needs for performance
 * work into a SEPARATE database (default `apps/cms/data/synthetic.db`), never the real seed's.
 *
 *   --products N     products to add (default 100000)
 *   --needs N        learning needs to add (default products/1000, at least 20)
 *   --reset          remove the existing synthetic records first
 *   --remove         only remove the synthetic records, then stop
 *   --database URL   the database (default: SYNTHETIC_DATABASE_URL, else file:data/synthetic.db)
 *   --batch N        products per transaction / insertMany (default 2000)
 *   --seed N         pseudo-random seed (default 1)
 *
 * The themes, partnerships, organisations and programmes the products link to are the real ones:
 * the real seed runs first when the database has none.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const here = path.dirname(fileURLToPath(import.meta.url))
export const DEFAULT_SYNTHETIC_DB = `file:${path.resolve(here, '../data/synthetic.db')}`

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    products: { type: 'string', default: '100000' },
    needs: { type: 'string' },
    reset: { type: 'boolean', default: false },
    remove: { type: 'boolean', default: false },
    database: { type: 'string' },
    batch: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
  },
})

const int = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined
  if (!/^\d+$/.test(v)) throw new Error(`--${name} must be a whole number, not "${v}".`)
  return Number(v)
}

const databaseUrl = values.database || process.env.SYNTHETIC_DATABASE_URL || DEFAULT_SYNTHETIC_DB
process.env.DATABASE_URL = databaseUrl
if (databaseUrl.startsWith('file:')) {
  const { mkdirSync } = await import('node:fs')
  mkdirSync(path.dirname(databaseUrl.slice('file:'.length)), { recursive: true })
}

const { openPayload, runSeed } = await import('./lib')
const { countSynthetic, removeSynthetic, seedSynthetic } = await import('../src/seed/synthetic')

console.log(`Synthetic data → ${databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}`)
const payload = await openPayload({ production: true })
try {
  if (values.remove || values.reset) await removeSynthetic(payload, (m) => console.log(m))
  if (!values.remove) {
    const themes = await payload.count({ collection: 'themes', overrideAccess: true })
    if (themes.totalDocs === 0) {
      console.log('No reference data yet: running the real seed first (themes, partnerships, …).')
      await runSeed(payload)
    }
    const existing = await countSynthetic(payload)
    if (existing.products > 0) {
      console.log(
        `The database already holds ${existing.products} synthetic products; adding more (use --reset to start over).`,
      )
    }
    const report = await seedSynthetic(payload, {
      products: int('products', values.products)!,
      needs: int('needs', values.needs),
      batchSize: int('batch', values.batch),
      seed: int('seed', values.seed),
      log: (m) => console.log(m),
    })
    console.log(`\nPath: ${report.path}. ${report.reason}`)
    const { recomputeSuggestedCoverage } = await import('../src/suggest/snapshot')
    const started = Date.now()
    const suggestions = await recomputeSuggestedCoverage(payload, 'synthetic load')
    console.log(
      `Suggestions: ${suggestions.suggested} of ${suggestions.needs} learning needs have a strong one (${((Date.now() - started) / 1000).toFixed(1)} s).`,
    )
    console.table([
      {
        products: report.products,
        published: report.published,
        needs: report.needs,
        'need links': report.links,
        rows: report.rows,
        seconds: Number(report.seconds.toFixed(1)),
        'products/s': Math.round(report.productsPerSecond),
        'rows/s': Math.round(report.rowsPerSecond),
      },
    ])
  }
} finally {
  await payload.destroy()
}
