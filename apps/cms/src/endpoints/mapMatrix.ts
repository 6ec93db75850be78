import {
  COLLECTIONS,
  MATRIX_PATH,
  type Matrix,
  type MatrixAxis,
  type MatrixRow,
  MatrixSchema,
  parseMapParams,
  PRODUCT_TYPES,
} from '@repo/types'
import type { Endpoint, PayloadRequest, Where } from 'payload'

import { rateLimited } from '../api/rateLimit'
import { cachedRead } from '../perf/readCache'
import { matrixCountsSql, sqliteClient } from '../perf/sqliteCounts'

type Id = string | number

const PUBLISHED: Where = { _status: { equals: 'published' } }

const idsOf = (value: unknown): Id[] =>
  (Array.isArray(value) ? value : [])
    .map((v) => (v && typeof v === 'object' && 'id' in v ? (v as { id: Id }).id : v))
    .filter((v): v is Id => typeof v === 'string' || typeof v === 'number')

const badRequest = (message: string) => Response.json({ errors: [{ message }] }, { status: 400 })

/**
 * Reads and checks the query of `GET /api/map/matrix`: `axis` (`learning-needs`, the default, or
 * `types`) and an optional `programme` slug, with `parseMapParams` of @repo/types (the one parser
 * of the site's home page and the export service). Returns the problem as a message when bad.
 */
export function parseMatrixQuery(
  searchParams: URLSearchParams,
): { axis: MatrixAxis; programme?: string } | string {
  const result = parseMapParams(searchParams)
  if (!result.ok) return result.issues.map((i) => `${i.param}: ${i.message}`).join(' ')
  return result.params
}

/**
 * Computes the map: rows (learning needs or product types) × theme columns, each cell the number
 * of PUBLISHED knowledge products in that row that carry that theme. Reads only ids (`select`,
 * `depth: 0`), never whole product documents.
 */
export async function computeMatrix(
  req: PayloadRequest,
  query: { axis: MatrixAxis; programme?: string },
): Promise<Matrix | string> {
  const { payload } = req
  const common = { req, depth: 0, overrideAccess: true, pagination: false } as const

  const themes = await payload.find({
    ...common,
    collection: COLLECTIONS.themes,
    sort: ['order', 'title'],
    select: { title: true, slug: true, shortTitle: true, colour: true, order: true },
  })

  let programme: Matrix['programme'] = null
  if (query.programme) {
    const found = await payload.find({
      ...common,
      collection: COLLECTIONS.programmes,
      where: { slug: { equals: query.programme } },
      limit: 1,
      pagination: true,
      select: { name: true, slug: true },
    })
    const doc = found.docs[0]
    if (!doc) return `There is no programme with the slug "${query.programme}".`
    programme = { id: doc.id, slug: doc.slug ?? query.programme, name: doc.name }
  }

  const themeSlugById = new Map<string, string>()
  for (const t of themes.docs) themeSlugById.set(String(t.id), t.slug ?? String(t.id))
  const emptyCells = () => Object.fromEntries(themes.docs.map((t) => [t.slug ?? String(t.id), 0]))

  type RowAcc = MatrixRow & { products: Set<string> }
  const rows: RowAcc[] = []
  const rowByKey = new Map<string, RowAcc>()
  let products: { id: Id; themes: Id[]; rowKeys: string[] }[] = []
  // SQLite: the database counts (see perf/sqliteCounts); MongoDB: count the products' ids here.
  const sql = sqliteClient(payload)
  let counts: Awaited<ReturnType<typeof matrixCountsSql>> | undefined

  if (query.axis === 'learning-needs') {
    const needs = await payload.find({
      ...common,
      collection: COLLECTIONS.learningNeeds,
      where: programme ? { and: [PUBLISHED, { programme: { equals: programme.id } }] } : PUBLISHED,
      sort: ['title', 'id'],
      select: { title: true, slug: true, kind: true, coverage: true },
    })
    for (const n of needs.docs) {
      const row: RowAcc = {
        key: n.slug ?? String(n.id),
        label: n.title,
        id: n.id,
        kind: n.kind,
        coverage: n.coverage ?? 'open',
        total: 0,
        cells: emptyCells(),
        products: new Set(),
      }
      rows.push(row)
      rowByKey.set(String(n.id), row)
    }
    if (rows.length > 0 && sql) {
      counts = await matrixCountsSql(sql, {
        axis: 'learning-needs',
        needIds: needs.docs.map((n) => n.id),
      })
    } else if (rows.length > 0) {
      const found = await payload.find({
        ...common,
        collection: COLLECTIONS.knowledgeProducts,
        where: { and: [PUBLISHED, { learningNeeds: { in: needs.docs.map((n) => n.id) } }] },
        select: { themes: true, learningNeeds: true },
      })
      products = found.docs.map((p) => ({
        id: p.id,
        themes: idsOf(p.themes),
        rowKeys: idsOf(p.learningNeeds).map(String),
      }))
    }
  } else {
    for (const t of PRODUCT_TYPES) {
      const row: RowAcc = {
        key: t.value,
        label: t.label,
        total: 0,
        cells: emptyCells(),
        products: new Set(),
      }
      rows.push(row)
      rowByKey.set(t.value, row)
    }
    const where: Where[] = [PUBLISHED]
    let skip = false
    let partnershipIds: Id[] | undefined
    if (programme) {
      const partnerships = await payload.find({
        ...common,
        collection: COLLECTIONS.partnerships,
        where: { programme: { equals: programme.id } },
        select: {},
      })
      const ids = partnerships.docs.map((p) => p.id)
      partnershipIds = ids
      if (ids.length === 0) skip = true
      else where.push({ partnerships: { in: ids } })
    }
    if (!skip && sql) {
      counts = await matrixCountsSql(sql, {
        axis: 'types',
        types: PRODUCT_TYPES.map((t) => t.value),
        partnershipIds,
      })
    } else if (!skip) {
      const found = await payload.find({
        ...common,
        collection: COLLECTIONS.knowledgeProducts,
        where: { and: where },
        select: { themes: true, type: true },
      })
      products = found.docs.map((p) => ({ id: p.id, themes: idsOf(p.themes), rowKeys: [p.type] }))
    }
  }

  const themeList = themes.docs.map((t) => ({
    id: t.id,
    slug: t.slug ?? String(t.id),
    title: t.title,
    shortTitle: t.shortTitle ?? null,
    colour: t.colour,
    order: t.order ?? null,
  }))
  if (sql) {
    for (const cell of counts?.cells ?? []) {
      const row = rowByKey.get(cell.row)
      const slug = themeSlugById.get(cell.theme)
      if (row && slug !== undefined) row.cells[slug] = (row.cells[slug] ?? 0) + cell.n
    }
    return MatrixSchema.parse({
      axis: query.axis,
      programme,
      themes: themeList,
      rows: rows.map(({ products: _unused, ...row }) => ({
        ...row,
        total: counts?.rows.get(String(row.id ?? row.key)) ?? 0,
      })),
      totals: {
        products: counts?.total ?? 0,
        byTheme: Object.fromEntries(
          themeList.map((t) => [t.slug, counts?.themes.get(String(t.id)) ?? 0]),
        ),
      },
    })
  }

  const allProducts = new Set<string>()
  const byTheme = new Map<string, Set<string>>()
  for (const p of products) {
    const themeSlugs = [...new Set(p.themes.map((t) => themeSlugById.get(String(t))))].filter(
      (s): s is string => s !== undefined,
    )
    let counted = false
    for (const key of new Set(p.rowKeys)) {
      const row = rowByKey.get(key)
      if (!row) continue
      counted = true
      row.products.add(String(p.id))
      for (const slug of themeSlugs) {
        row.cells[slug] = (row.cells[slug] ?? 0) + 1
        if (!byTheme.has(slug)) byTheme.set(slug, new Set())
        byTheme.get(slug)!.add(String(p.id))
      }
    }
    if (counted) allProducts.add(String(p.id))
  }

  return MatrixSchema.parse({
    axis: query.axis,
    programme,
    themes: themeList,
    rows: rows.map(({ products: set, ...row }) => ({ ...row, total: set.size })),
    totals: {
      products: allProducts.size,
      byTheme: Object.fromEntries(
        themes.docs.map((t) => {
          const slug = t.slug ?? String(t.id)
          return [slug, byTheme.get(slug)?.size ?? 0]
        }),
      ),
    },
  })
}

/**
 * `GET /api/map/matrix?axis=learning-needs|types&programme=<slug>`: the counts behind the map.
 * Bad parameters (and an unknown programme) give 400 with `{ errors: [{ message }] }`; more than
 * the per-client rate limit (api/rateLimit) a 429 with Retry-After.
 */
export const mapMatrixEndpoint: Endpoint = {
  path: MATRIX_PATH,
  method: 'get',
  handler: async (req) => {
    const limited = rateLimited(req.headers)
    if (limited) return limited
    const query = parseMatrixQuery(new URL(req.url ?? 'http://localhost').searchParams)
    if (typeof query === 'string') return badRequest(query)
    // Cached per query until content changes (perf/readCache; cleared by the collections' hooks).
    const matrix = await cachedRead(
      req.payload,
      `matrix:${query.axis}:${query.programme ?? ''}`,
      () => computeMatrix(req, query),
    )
    if (typeof matrix === 'string') return badRequest(matrix)
    return Response.json(matrix, {
      headers: { 'Cache-Control': 'public, max-age=60, stale-while-revalidate=300' },
    })
  },
}
