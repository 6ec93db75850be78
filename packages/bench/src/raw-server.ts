/**
 * The raw-driver twin of `GET /api/knowledge-products`: a bare node:http server that answers
 * `GET /products?<filter query>` with the same page (count, docs with their child rows and
 * populated relations) straight from SQLite through the `libsql` driver (better-sqlite3's API),
 * read-only on the benchmark database. Run by the benchmark as its own process, like the CMS.
 *
 *   tsx src/raw-server.ts <database file> <port>
 */
import http from 'node:http'

import { productFilters } from '@repo/types'
import Database from 'libsql'

import { hydrateSql, listingSql, REF_SQL, type Value } from './raw-sql.js'

const [file, portArg] = process.argv.slice(2)
if (!file || !portArg) throw new Error('usage: raw-server <database file> <port>')
const db = new Database(file, { readonly: true })
type Row = Record<string, Value>
const all = (sql: string, args: Value[]) => db.prepare(sql).all(...args) as Row[]

/**
 * Counts per filter, memoised like the CMS's read cache does (the database is read-only here), so
 * Payload ÷ raw compares the same work: the page, its child rows and relations, and the count.
 */
const counts = new Map<string, number>()

function listing(query: string) {
  const filter = productFilters.parse(query)
  const q = listingSql(filter)
  const countKey = JSON.stringify(q.count)
  let totalDocs = counts.get(countKey)
  if (totalDocs === undefined) {
    totalDocs = Number((db.prepare(q.count.sql).get(...q.count.args) as Row).n)
    counts.set(countKey, totalDocs)
  }
  const rows = all(q.page.sql, q.page.args)
  const ids = rows.map((r) => Number(r.id))
  const docs = rows.map((r) => ({
    ...r,
    themes: [] as unknown[],
    partnerships: [] as unknown[],
    organisations: [] as unknown[],
    learningNeeds: [] as unknown[],
    languages: [] as unknown[],
    audience: [] as unknown[],
    countries: [] as unknown[],
    keywords: [] as unknown[],
  }))
  if (ids.length > 0) {
    const byId = new Map(docs.map((d) => [Number((d as unknown as Row).id), d]))
    const h = hydrateSql(ids)
    const refIds = {
      themes: new Set<number>(),
      partnerships: new Set<number>(),
      organisations: new Set<number>(),
      learningNeeds: new Set<number>(),
    }
    const rels = all(h.rels, ids)
    for (const r of rels) {
      const column = {
        themes: 'themes_id',
        partnerships: 'partnerships_id',
        organisations: 'organisations_id',
        learningNeeds: 'learning_needs_id',
      }[String(r.path)] as string | undefined
      if (column && r[column] != null) refIds[r.path as keyof typeof refIds].add(Number(r[column]))
    }
    const refs = Object.fromEntries(
      Object.entries(refIds).map(([k, set]) => {
        const list = [...set]
        const found = list.length
          ? all(REF_SQL[k as keyof typeof REF_SQL](list.map(() => '?').join(', ')), list)
          : []
        return [k, new Map(found.map((x) => [Number(x.id), x]))]
      }),
    ) as Record<keyof typeof refIds, Map<number, Row>>
    for (const r of rels) {
      const doc = byId.get(Number(r.parent_id))!
      const path = String(r.path) as keyof typeof refIds
      const column = {
        themes: 'themes_id',
        partnerships: 'partnerships_id',
        organisations: 'organisations_id',
        learningNeeds: 'learning_needs_id',
      }[path]
      const ref = column ? refs[path]?.get(Number(r[column])) : undefined
      if (ref) (doc[path] as unknown[]).push(ref)
    }
    for (const t of all(h.texts, ids))
      (byId.get(Number(t.parent_id))![t.path as 'countries' | 'keywords'] as unknown[])?.push(
        t.text,
      )
    for (const l of all(h.languages, ids)) byId.get(Number(l.parent_id))!.languages.push(l.value)
    for (const a of all(h.audience, ids)) byId.get(Number(a.parent_id))!.audience.push(a.value)
  }
  const totalPages = Math.ceil(totalDocs / filter.limit)
  return {
    docs,
    totalDocs,
    limit: filter.limit,
    page: filter.page,
    totalPages,
    hasNextPage: filter.page < totalPages,
    hasPrevPage: filter.page > 1,
  }
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://raw')
  try {
    if (url.pathname !== '/products') {
      res.writeHead(url.pathname === '/health' ? 200 : 404).end()
      return
    }
    const body = JSON.stringify(listing(url.search))
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(body)
  } catch (err) {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end(String((err as Error).message))
  }
})
server.listen(Number(portArg), '127.0.0.1', () => console.log(`raw driver server on ${portArg}`))
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => server.close(() => process.exit(0)))
