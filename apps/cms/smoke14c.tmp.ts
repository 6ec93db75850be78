import { getPayload } from 'payload'
import { sql } from '@payloadcms/db-sqlite'
import { createConfig } from '/work/wt14/apps/cms/src/config'
import { parseEnv } from '/work/wt14/apps/cms/src/env'
const config = await createConfig({ env: parseEnv({ NODE_ENV: 'production', PAYLOAD_SECRET: 'dev-secret-0123456789abcdef0123456789', SERVER_URL: 'http://x' }), databaseUrl: 'file:/work/km14/s100k.db', logLevel: 'error' })
const payload = await getPayload({ config })
const db: any = payload.db.drizzle
const M = `{"search_title" "search_summary" "search_keywords"} : ("land") AND {"search_title" "search_summary" "search_keywords"} : ("right")`
for (let i=0;i<3;i++){
let s = performance.now()
await db.all(sql`SELECT kp.id, bm25(knowledge_products_fts,10,4,2,10,4,2) s FROM knowledge_products_fts f CROSS JOIN knowledge_products kp ON kp.id = f.rowid WHERE knowledge_products_fts MATCH ${M} AND kp._status='published' AND kp.deleted_at IS NULL ORDER BY s, kp.id LIMIT 20`)
console.log('drizzle join', performance.now()-s)
s = performance.now()
await db.all(sql`SELECT count(*) n FROM knowledge_products kp WHERE kp._status='published' AND kp.deleted_at IS NULL AND kp.id IN (SELECT rowid FROM knowledge_products_fts WHERE knowledge_products_fts MATCH ${M})`)
console.log('drizzle count', performance.now()-s)
s = performance.now()
console.log(await db.all(sql`PRAGMA journal_mode`), await db.all(sql`PRAGMA cache_size`), await db.all(sql`PRAGMA mmap_size`))
}
process.exit(0)
