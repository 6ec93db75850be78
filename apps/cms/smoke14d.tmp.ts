import { getPayload } from 'payload'
import { productFilters } from '@repo/types'
import { createConfig } from '/work/wt14/apps/cms/src/config'
import { parseEnv } from '/work/wt14/apps/cms/src/env'
import { searchAdapter, productConditions } from '/work/wt14/apps/cms/src/search'
import { searchProducts, productFacets } from '/work/wt14/apps/cms/src/search/products'
import { computeMatrix } from '/work/wt14/apps/cms/src/endpoints/mapMatrix'
const config = await createConfig({ env: parseEnv({ NODE_ENV: 'production', PAYLOAD_SECRET: 'dev-secret-0123456789abcdef0123456789', SERVER_URL: 'http://x' }), databaseUrl: 'file:/work/km14/s100k.db', logLevel: 'error' })
const payload = await getPayload({ config })
const a = searchAdapter(payload)
const t = async (label: string, f: () => Promise<any>) => { let best = 1e9; let r; for (let i = 0; i < 3; i++) { const s = performance.now(); r = await f(); best = Math.min(best, performance.now() - s) } console.log(label.padEnd(60), best.toFixed(1), 'ms'); return r }
for (const qs of ['q=land+rights', 'q=reports', 'q=land+rights&theme=environmental-rights', '', 'theme=environmental-rights', 'type=report&yearFrom=2018']) {
  const f = productFilters.parse(qs)
  const c = await productConditions(payload, f)
  await t(`page ${qs}`, () => a.products(c, f.sort, { offset: 0, limit: 20 }))
  await t(`facets ${qs}`, () => productFacets(payload, f))
  await t(`matrix(c) ${qs}`, () => computeMatrix(payload, { axis: 'learning-needs' }, c))
  await t(`search+facets+matrix ${qs}`, () => searchProducts(payload, f, ['facets', 'matrix'], (cc) => computeMatrix(payload, { axis: 'learning-needs' }, cc) as any))
  await t(`ids ${qs}`, () => a.productIds(c, f.sort))
}
await t('matrix all', () => computeMatrix(payload, { axis: 'learning-needs' }))
await t('matrix types', () => computeMatrix(payload, { axis: 'types' }))
process.exit(0)
