import {
  COLLECTIONS,
  MATRIX_PATH,
  type Matrix,
  type MapParams,
  type Matrix as MatrixType,
  type MatrixRow,
  MatrixSchema,
  parseMapParams,
  PRODUCT_TYPES,
} from '@repo/types'
import type { Endpoint, Payload, Where } from 'payload'

import { rateLimited } from '../api/rateLimit'
import { searchAdapter } from '../search'
import { SUGGESTED_STRENGTH } from '../suggest/rank'
import { readSuggestedCoverage, readSuggestionStatus } from '../suggest/snapshot'
import type { MatrixCounts, ProductConditions } from '../search/types'

type Id = string | number

const PUBLISHED: Where = { _status: { equals: 'published' } }

const badRequest = (message: string) => Response.json({ errors: [{ message }] }, { status: 400 })

/**
 * Reads and checks the query of `GET /api/map/matrix`: `axis` (`learning-needs`, the default, or
 * `types`) and an optional `programme` slug, with `parseMapParams` of @repo/types (the one parser
 * of the site's home page and the export service). Returns the problem as a message when bad.
 */
export function parseMatrixQuery(searchParams: URLSearchParams): MapParams | string {
  const result = parseMapParams(searchParams)
  if (!result.ok) return result.issues.map((i) => `${i.param}: ${i.message}`).join(' ')
  return result.params
}

/**
 * Computes the map: rows (learning needs or product types) × theme columns, each cell the number
 * of PUBLISHED knowledge products in that row that carry that theme, counted by the database
 * (search adapter). `conditions` narrows the products (a search's filter); by default all.
 * `mode: 'suggested'` (learning-needs axis) adds each need's stored strong suggestions
 * (suggest/snapshot) as `row.suggested`, counted per theme.
 */
export async function computeMatrix(
  payload: Payload,
  query: MapParams,
  conditions: ProductConditions = {},
): Promise<Matrix | string> {
  const common = { depth: 0, overrideAccess: true, pagination: false } as const

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

  const rows: MatrixRow[] = []
  const rowByKey = new Map<string, MatrixRow>()
  const adapter = searchAdapter(payload)
  let counts: MatrixCounts | undefined

  if (query.axis === 'learning-needs') {
    const needs = await payload.find({
      ...common,
      collection: COLLECTIONS.learningNeeds,
      where: programme ? { and: [PUBLISHED, { programme: { equals: programme.id } }] } : PUBLISHED,
      sort: ['title', 'id'],
      select: { title: true, slug: true, kind: true, coverage: true },
    })
    for (const n of needs.docs) {
      const row: MatrixRow = {
        key: n.slug ?? String(n.id),
        label: n.title,
        id: n.id,
        kind: n.kind,
        coverage: n.coverage ?? 'open',
        total: 0,
        cells: emptyCells(),
      }
      rows.push(row)
      rowByKey.set(String(n.id), row)
    }
    counts = await adapter.matrix(conditions, {
      axis: 'learning-needs',
      needIds: needs.docs.map((n) => n.id),
    })
    if (query.mode === 'suggested') {
      const suggested = await readSuggestedCoverage(
        payload,
        needs.docs.map((n) => n.id),
        themeSlugById,
      )
      for (const [needId, products] of suggested) {
        const row = rowByKey.get(needId)
        if (!row) continue
        const cells = emptyCells()
        for (const p of products) for (const t of p.themes) cells[t] = (cells[t] ?? 0) + 1
        row.suggested = { products, cells }
      }
    }
  } else {
    for (const t of PRODUCT_TYPES) {
      const row: MatrixRow = { key: t.value, label: t.label, total: 0, cells: emptyCells() }
      rows.push(row)
      rowByKey.set(t.value, row)
    }
    let narrowed = conditions
    if (programme) {
      const partnerships = await payload.find({
        ...common,
        collection: COLLECTIONS.partnerships,
        where: { programme: { equals: programme.id } },
        select: {},
      })
      const ids = partnerships.docs.map((p) => p.id as Id)
      const keep = conditions.partnerships?.map(String)
      narrowed = {
        ...conditions,
        partnerships: keep ? ids.filter((id) => keep.includes(String(id))) : ids,
      }
    }
    counts = await adapter.matrix(narrowed, { axis: 'types' })
  }

  for (const cell of counts.cells) {
    const row = rowByKey.get(cell.row)
    const slug = themeSlugById.get(cell.theme)
    if (row && slug !== undefined) row.cells[slug] = (row.cells[slug] ?? 0) + cell.n
  }
  const themeList = themes.docs.map((t) => ({
    id: t.id,
    slug: t.slug ?? String(t.id),
    title: t.title,
    shortTitle: t.shortTitle ?? null,
    colour: t.colour,
    order: t.order ?? null,
  }))
  let suggestions: MatrixType['suggestions'] = null
  if (query.mode === 'suggested') {
    const status = await readSuggestionStatus(payload)
    suggestions = {
      threshold: SUGGESTED_STRENGTH,
      computedAt: status.computedAt,
      pending: status.state !== 'idle',
    }
  }
  return MatrixSchema.parse({
    axis: query.axis,
    mode: query.mode ?? 'confirmed',
    suggestions,
    programme,
    themes: themeList,
    rows: rows.map((row) => ({ ...row, total: counts.rows.get(String(row.id ?? row.key)) ?? 0 })),
    totals: {
      products: counts.total,
      byTheme: Object.fromEntries(
        themeList.map((t) => [t.slug, counts.themes.get(String(t.id)) ?? 0]),
      ),
    },
  })
}

/**
 * `GET /api/map/matrix?axis=learning-needs|types&programme=<slug>&mode=confirmed|suggested`: the
 * counts behind the map.
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
    const matrix = await computeMatrix(req.payload, query)
    if (typeof matrix === 'string') return badRequest(matrix)
    return Response.json(matrix, {
      headers: { 'Cache-Control': 'public, max-age=60, stale-while-revalidate=300' },
    })
  },
}
