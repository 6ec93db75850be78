import { getPayload } from 'payload'
import { productFilters } from '@repo/types'
import { createConfig } from '/work/wt14/apps/cms/src/config'
import { parseEnv } from '/work/wt14/apps/cms/src/env'
import { searchAdapter, productConditions } from '/work/wt14/apps/cms/src/search'
import { publicProducts } from '/work/wt14/apps/cms/src/search/documents'
const config = await createConfig({ env: parseEnv({ NODE_ENV: 'production', PAYLOAD_SECRET: 'dev-secret-0123456789abcdef0123456789', SERVER_URL: 'http://x' }), databaseUrl: 'file:/work/km14/s100k.db', logLevel: 'error' })
const payload = await getPayload({ config })
const a = searchAdapter(payload)
const t = async (label: string, f: () => Promise<any>) => { const s = performance.now(); const r = await f(); console.log(label, (performance.now() - s).toFixed(1), 'ms'); return r }
for (const qs of ['q=land+rights', 'q=reports', 'q=land+rights&theme=environmental-rights', '', 'theme=environmental-rights']) {
  const f = productFilters.parse(qs)
  const c = await t(`cond ${qs}`, () => productConditions(payload, f))
  const r = await t(`  page`, () => a.products(c, f.sort, { offset: 0, limit: 20 }))
  await t(`  page again`, () => a.products(c, f.sort, { offset: 0, limit: 20 }))
  await t(`  docs`, () => publicProducts(payload, r.hits.map((h: any) => h.id)))
  await t(`  docs again`, () => publicProducts(payload, r.hits.map((h: any) => h.id)))
  await t(`  facets1`, () => a.facets([{ conditions: c, facets: ['themes','partnerships','programmes','types','years','languages','countries'] }], new Map()))
  await t(`  ids`, () => a.productIds(c, f.sort))
}
process.exit(0)
