/**
 * Every format, read back with a real parser, against the real CMS on the real seed (plus a few
 * published products with tricky text and a draft): the rows are the SDK's rows for the same
 * filter, in record-id order, and never the draft.
 */
import {
  cellStatus,
  citation,
  LEARNING_NEED_KINDS,
  MAP_STATUS_LABEL,
  MatrixSchema,
  rowStatus,
  PRODUCT_TYPES,
  ProductSchema,
  type Product,
} from '@repo/types'
import { AST as RisAst, parse as parseRis } from 'astrocite-ris'
import { parse as parseBib } from 'astrocite-bibtex'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import type { Express } from 'express'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { neutralise } from '../src/cells.js'
import {
  LearningNeedExportDocumentSchema,
  MapExportSchema,
  ProductExportDocumentSchema,
} from '../src/schemas.js'
import {
  addTrickyProducts,
  appFor,
  binary,
  listAll,
  startSeededCms,
  type Fixture,
  type SeededCms,
} from './helpers.js'

let cms: SeededCms
let app: Express
let fx: Fixture

beforeAll(async () => {
  cms = await startSeededCms()
  fx = await addTrickyProducts(cms)
  // A small page size makes every export span several CMS pages.
  app = appFor(cms, { EXPORT_PAGE_SIZE: '3' })
})
afterAll(async () => {
  await cms?.close()
})

/** What the site shows for a query: every page of `search`, in the view's order. */
async function sdkProducts(query: string): Promise<Product[]> {
  const params = new URLSearchParams(query)
  params.set('limit', '100')
  const all = await listAll(async (page) => {
    params.set('page', String(page))
    const res = await cms.client.products.search(params.toString())
    return { docs: res.docs, hasNextPage: res.page < res.totalPages }
  })
  return all
}

/** What the export service cites with: files on the CMS, products without a link by their page. */
const cite = () => ({ baseUrl: cms.baseUrl, siteUrl: 'https://site.test' })
const typeLabel = (t: string) => PRODUCT_TYPES.find((x) => x.value === t)!.label
const cell = (s: string) => neutralise(s)

const FILTERS = () => [
  '',
  `theme=${fx.theme.slug}`,
  `programme=${fx.programme.slug}`,
  `partnership=${fx.partnership.slug}`,
  `need=${fx.need.slug}`,
  'type=report&type=toolkit',
  'yearFrom=2012&yearTo=2019',
  'q=report',
  'language=fr',
  `country=Kenya&theme=${fx.theme.slug}&sort=title&page=2&limit=5`,
  'type=podcast',
]

async function getCsv(path: string) {
  const res = await request(app).get(path)
  expect(res.status, res.text).toBe(200)
  return { res, rows: parseCsv(res.text, { columns: true, bom: true }) as Record<string, string>[] }
}

describe('knowledge products as CSV', () => {
  it('has the SDK’s rows for every filter, field by field', async () => {
    for (const query of FILTERS()) {
      const expected = await sdkProducts(query)
      const { res, rows } = await getCsv(`/v1/knowledge-products.csv?${query}`)
      expect(res.headers['x-total-count']).toBe(String(expected.length))
      expect(
        rows.map((r) => r.Slug),
        query,
      ).toEqual(expected.map((p) => p.slug))
      for (const [i, p] of expected.entries()) {
        const row = rows[i]!
        expect(row.Title).toBe(cell(p.title))
        expect(row.Type).toBe(typeLabel(p.type))
        expect(row.Year).toBe(p.year === null || p.year === undefined ? '' : String(p.year))
        expect(row.Summary).toBe(p.summary ? cell(p.summary) : '')
        expect(row.Themes).toBe(p.themes.map((t) => t.title).join('; '))
        expect(row.Partnerships).toBe(p.partnerships.map((x) => x.name).join('; '))
        expect(row.Organisations).toBe(p.organisations.map((x) => x.name).join('; '))
        expect(row['Learning needs']).toBe(p.learningNeeds.map((x) => x.title).join('; '))
        expect(row.Languages).toBe(p.languages.join('; '))
        expect(row.Countries).toBe(cell(p.countries.join('; ')))
        expect(row.Keywords).toBe(cell(p.keywords.join('; ')))
        expect(row.Link).toBe(p.externalUrl ?? '')
        expect(row.Page).toBe(`https://site.test/products/${p.slug}`)
        expect(new Date(row.Updated!).toISOString()).toBe(new Date(p.updatedAt).toISOString())
      }
      expect(rows.map((r) => r.Slug)).not.toContain(fx.draftSlug)
    }
  })

  it('names the programmes of the products’ partnerships', async () => {
    const { rows } = await getCsv(`/v1/knowledge-products.csv?partnership=${fx.partnership.slug}`)
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) expect(row.Programmes).toBe(fx.programme.name)
  })

  it('is RFC 4180 (CRLF records, quoted fields), with a BOM only on request, and an attachment', async () => {
    const plain = await request(app).get(`/v1/knowledge-products.csv?theme=${fx.theme.slug}`)
    expect(plain.headers['content-type']).toBe('text/csv; charset=utf-8; header=present')
    expect(plain.headers['content-disposition']).toBe(
      `attachment; filename="knowledge-products_theme-${fx.theme.slug}_${new Date().toISOString().slice(0, 10)}.csv"`,
    )
    expect(plain.text.startsWith('Title,Type,Year')).toBe(true)
    expect(plain.text.endsWith('\r\n')).toBe(true)
    expect(plain.text).toContain('"Quotes ""inside"", commas, and\nnew lines"')
    // Strict parse: a record delimiter of CRLF only, every record the header's width.
    parseCsv(plain.text, { record_delimiter: '\r\n', relax_quotes: false })

    const bom = await request(app).get(`/v1/knowledge-products.csv?theme=${fx.theme.slug}&bom=1`)
    expect(bom.body instanceof Buffer ? bom.body : Buffer.from(bom.text)).toBeDefined()
    const raw = await request(app)
      .get(`/v1/knowledge-products.csv?theme=${fx.theme.slug}&bom=1`)
      .buffer(true)
      .parse(binary)
    expect([...(raw.body as Buffer).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect((raw.body as Buffer).subarray(3).toString('utf8')).toBe(plain.text)
  })

  it('answers conditional requests with 304 and HEAD without a body', async () => {
    const first = await request(app).get(`/v1/knowledge-products.csv?need=${fx.need.slug}`)
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^W\/".+"$/)
    expect(first.headers['last-modified']).toBeTruthy()
    const again = await request(app)
      .get(`/v1/knowledge-products.csv?need=${fx.need.slug}`)
      .set('If-None-Match', etag)
    expect(again.status).toBe(304)
    expect(again.text ?? '').toBe('')
    const otherFilter = await request(app)
      .get(`/v1/knowledge-products.csv?theme=${fx.theme.slug}`)
      .set('If-None-Match', etag)
    expect(otherFilter.status).toBe(200)
    const head = await request(app).head(`/v1/knowledge-products.csv?need=${fx.need.slug}`)
    expect(head.status).toBe(200)
    expect(head.headers['x-total-count']).toBe(first.headers['x-total-count'])
    expect(head.text ?? '').toBe('')
  })

  it('changes its ETag when a product changes', async () => {
    const before = await request(app).get('/v1/knowledge-products.csv?type=policy-brief')
    const [slug] = fx.tricky.filter((_, i) => i % 2 === 1)
    const found = await cms.api.find({
      collection: 'knowledge-products',
      where: { slug: { equals: slug } },
      limit: 1,
    })
    await cms.api.update({
      collection: 'knowledge-products',
      id: found.docs[0]!.id,
      data: { licence: 'CC0' },
    })
    const after = await request(app)
      .get('/v1/knowledge-products.csv?type=policy-brief')
      .set('If-None-Match', before.headers.etag as string)
    expect(after.status).toBe(200)
    expect(after.headers.etag).not.toBe(before.headers.etag)
  })
})

describe('knowledge products as XLSX', () => {
  it('reads back with exceljs: the CSV’s cells, as values, numbers as numbers', async () => {
    const query = `theme=${fx.theme.slug}`
    const expected = await sdkProducts(query)
    const res = await request(app)
      .get(`/v1/knowledge-products.xlsx?${query}`)
      .buffer(true)
      .parse(binary)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(res.headers['content-disposition']).toMatch(
      /filename="knowledge-products_theme-.+\.xlsx"/,
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.body as never)
    const [sheet, about] = workbook.worksheets
    expect(sheet!.name).toBe('Knowledge products')
    const header = (sheet!.getRow(1).values as unknown[]).slice(1)
    expect(header.slice(0, 3)).toEqual(['Title', 'Type', 'Year'])
    const col = (name: string) => header.indexOf(name) + 1
    expect(sheet!.actualRowCount).toBe(expected.length + 1)
    for (const [i, p] of expected.entries()) {
      const row = sheet!.getRow(i + 2)
      const title = row.getCell(col('Title'))
      expect(title.type).toBe(ExcelJS.ValueType.String)
      expect(title.value).toBe(neutralise(p.title.replace(/\r\n?/g, '\n')))
      expect(row.getCell(col('Slug')).value).toBe(p.slug)
      const year = row.getCell(col('Year'))
      if (p.year) {
        expect(year.type).toBe(ExcelJS.ValueType.Number)
        expect(year.value).toBe(p.year)
      } else {
        expect(year.value).toBeNull()
      }
      expect(row.getCell(col('Updated')).value).toBe(new Date(p.updatedAt).toISOString())
      for (let c = 1; c <= header.length; c++) {
        const t = row.getCell(c).type
        expect([ExcelJS.ValueType.Formula, ExcelJS.ValueType.Hyperlink]).not.toContain(t)
      }
    }
    const facts = Object.fromEntries(
      about!
        .getSheetValues()
        .slice(1)
        .map((r) => (r as unknown[]).slice(1, 3)),
    )
    expect(facts.Status).toBe('complete')
    expect(facts.Rows).toBe(expected.length)
    expect(facts.Filter).toBe(query)
  })
})

describe('knowledge products as JSON and NDJSON', () => {
  it('JSON validates with the zod schemas and holds the SDK’s records', async () => {
    const query = `programme=${fx.programme.slug}`
    const expected = await sdkProducts(query)
    const res = await request(app).get(`/v1/knowledge-products.json?${query}`)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    const doc = ProductExportDocumentSchema.parse(JSON.parse(res.text))
    expect(doc.complete).toBe(true)
    expect(doc.error).toBeUndefined()
    expect(doc.count).toBe(expected.length)
    expect(doc.export).toMatchObject({ view: 'knowledge-products', format: 'json', query })
    expect(doc.export.total).toBe(expected.length)
    expect(doc.data).toEqual(expected)
  })

  it('NDJSON is one schema-valid product per line', async () => {
    const expected = await sdkProducts('')
    const res = await request(app).get('/v1/knowledge-products.ndjson')
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8')
    expect(res.text.endsWith('\n')).toBe(true)
    const lines = res.text.trimEnd().split('\n')
    const products = lines.map((l) => ProductSchema.parse(JSON.parse(l)))
    expect(products).toEqual(expected)
  })
})

describe('knowledge products as RIS and BibTeX', () => {
  it('RIS parses (astrocite-ris) into one record per product, tag by tag', async () => {
    const query = `theme=${fx.theme.slug}`
    const expected = await sdkProducts(query)
    const res = await request(app).get(`/v1/knowledge-products.ris?${query}`)
    expect(res.headers['content-type']).toBe('application/x-research-info-systems; charset=utf-8')
    expect(res.headers['content-disposition']).toMatch(/\.ris"$/)
    const items = parseRis(res.text)
    expect(items).toHaveLength(expected.length)
    const entries = RisAst.parse(res.text).children
    for (const [i, p] of expected.entries()) {
      expect(items[i]!.title).toBe(p.title.replace(/\s+/g, ' ').trim())
      const tags = entries[i]!.properties.map((x) => [x.key, x.value.trim()])
      expect(entries[i]!.type).toMatch(/^[A-Z]{2,5}$/)
      expect(tags).toContainEqual(['TI', p.title.replace(/\s+/g, ' ').trim()])
      if (p.year) expect(tags).toContainEqual(['PY', String(p.year)])
      expect(tags).toContainEqual([
        'UR',
        p.externalUrl ?? `https://site.test/products/${encodeURIComponent(p.slug)}`,
      ])
      for (const k of p.keywords) expect(tags).toContainEqual(['KW', k])
      for (const o of p.organisations) expect(tags).toContainEqual(['AU', o.name])
    }
    // Byte for byte what the site's "cite" gives.
    const records = res.text.split('\r\n\r\n').filter(Boolean)
    expect(records.map((r) => `${r}\r\n`)).toEqual(expected.map((p) => citation(p, 'ris', cite())))
    for (const line of res.text.split('\r\n').filter(Boolean)) {
      expect(line).toMatch(/^[A-Z][A-Z0-9] {2}-( .*)?$/)
    }
  })

  it('BibTeX parses (astrocite-bibtex) into one entry per product, with unique keys', async () => {
    const expected = await sdkProducts('')
    const res = await request(app).get('/v1/knowledge-products.bib')
    expect(res.headers['content-type']).toBe('application/x-bibtex; charset=utf-8')
    expect(res.text.startsWith('@comment{Knowledge Map export')).toBe(true)
    const items = parseBib(res.text)
    expect(items).toHaveLength(expected.length)
    const keys = items.map((x) => x.id)
    expect(new Set(keys).size).toBe(keys.length)
    for (const [i, p] of expected.entries()) {
      const item = items[i]!
      expect(String(item.id)).toMatch(
        new RegExp(`^${p.slug.replace(/[^a-z0-9]+/gi, '_').slice(0, 60)}`),
      )
      if (p.year) expect(String(item.issued?.['date-parts']?.[0]?.[0])).toBe(String(p.year))
      expect(item.URL).toBe(
        p.externalUrl ?? `https://site.test/products/${encodeURIComponent(p.slug)}`,
      )
      expect(res.text).toContain(citation(p, 'bibtex', cite()))
    }
    // The LaTeX specials of a title come back as the text.
    const braces = items.find((x) => String(x.title).startsWith('Braces'))
    expect(String(braces?.title)).toMatch(/^Braces and 100% of \$ & # _ /)
    // Braces, ~, ^ and \ are written as LaTeX text commands (which this parser drops on
    // reading; bibutils reads them back, see bibutils.test.ts): `\{` would still count as a brace.
    expect(res.text).toContain('Braces \\textbraceleft{}and\\textbraceright{} 100\\%')
    expect(res.text).toContain('\\textasciitilde{} \\textasciicircum{} \\textbackslash{} LaTeX')
  })
})

describe('learning needs', () => {
  async function addressedBy(slug: string): Promise<string[]> {
    const products = await cms.api.find({
      collection: 'knowledge-products',
      where: {
        and: [{ _status: { equals: 'published' } }, { 'learningNeeds.slug': { equals: slug } }],
      },
      limit: 500,
      depth: 0,
    })
    return products.docs.map((d) => d.slug as string).sort()
  }

  it('CSV: every need with its coverage and the published products that address it', async () => {
    const needs = await listAll((page) => cms.client.learningNeeds.list({ page, limit: 100 }))
    expect(needs.length).toBeGreaterThan(0)
    const { rows } = await getCsv('/v1/learning-needs.csv')
    expect(rows.map((r) => r.Slug)).toEqual(needs.map((n) => n.slug))
    for (const [i, n] of needs.entries()) {
      const row = rows[i]!
      expect(row.Title).toBe(n.title)
      expect(row.Kind).toBe(LEARNING_NEED_KINDS.find((k) => k.value === n.kind)!.label)
      expect(row.Coverage).toBe(n.coverage ?? '')
      const slugs = row['Product slugs'] ? row['Product slugs'].split('; ') : []
      expect([...slugs].sort()).toEqual(await addressedBy(n.slug))
      expect(row['Products addressing it']).toBe(String(slugs.length))
    }
    const withTricky = rows.find((r) => r.Slug === fx.need.slug)!
    expect(withTricky['Product slugs']).toContain(fx.tricky[0])
  })

  it('JSON validates with the schemas; filters use the site’s learning-need query', async () => {
    const res = await request(app).get('/v1/learning-needs.json?coverage=covered&coverage=partial')
    const doc = LearningNeedExportDocumentSchema.parse(JSON.parse(res.text))
    expect(doc.complete).toBe(true)
    expect(doc.data.length).toBeGreaterThan(0)
    for (const n of doc.data) {
      expect(['covered', 'partial']).toContain(n.coverage)
      expect(n.addressedBy.map((p) => p.slug).sort()).toEqual(await addressedBy(n.slug))
    }
  })

  it('XLSX reads back with the same rows as the CSV', async () => {
    const { rows } = await getCsv('/v1/learning-needs.csv')
    const res = await request(app).get('/v1/learning-needs.xlsx').buffer(true).parse(binary)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.body as never)
    const sheet = workbook.worksheets[0]!
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual(Object.keys(rows[0]!))
    for (const [i, row] of rows.entries()) {
      const values = (sheet.getRow(i + 2).values as unknown[]).slice(1)
      const slug = values[header.indexOf('Slug')]
      expect(slug).toBe(row.Slug)
      expect(values[header.indexOf('Products addressing it')]).toBe(
        Number(row['Products addressing it']),
      )
    }
  })
})

describe('the map', () => {
  it('JSON is the SDK’s matrix, schema-valid', async () => {
    for (const query of ['', 'axis=types', `programme=${fx.programme.slug}&axis=learning-needs`]) {
      const params = new URLSearchParams(query)
      const expected = await cms.client.map.matrix({
        programme: params.get('programme') ?? undefined,
        axis: (params.get('axis') as 'types' | 'learning-needs' | null) ?? undefined,
      })
      const res = await request(app).get(`/v1/map.json?${query}`)
      expect(res.status).toBe(200)
      const doc = MapExportSchema.parse(JSON.parse(res.text))
      const { export: meta, ...matrix } = doc
      expect(MatrixSchema.parse(matrix)).toEqual(expected)
      expect(meta.view).toBe('map')
    }
  })

  it('CSV has one row per matrix row, a column per theme, and the totals', async () => {
    const expected = await cms.client.map.matrix({ axis: 'types' })
    const { rows, res } = await getCsv('/v1/map.csv?axis=types')
    expect(res.headers['content-disposition']).toMatch(/filename="map_axis-types_.+\.csv"/)
    expect(rows).toHaveLength(expected.rows.length + 1)
    for (const [i, r] of expected.rows.entries()) {
      expect(rows[i]!.Key).toBe(r.key)
      expect(rows[i]!['Product type']).toBe(r.label)
      expect(rows[i]!.Total).toBe(String(r.total))
      for (const t of expected.themes) expect(rows[i]![t.title]).toBe(String(r.cells[t.slug] ?? 0))
    }
    const total = rows.at(-1)!
    expect(total.Total).toBe(String(expected.totals.products))
    for (const t of expected.themes)
      expect(total[t.title]).toBe(String(expected.totals.byTheme[t.slug]))
  })

  it('CSV in suggested mode labels the mode, each row’s status and the suggested counts apart', async () => {
    const expected = await cms.client.map.matrix({ mode: 'suggested' })
    const withSuggestions = expected.rows.filter((r) => rowStatus(r) === 'suggested')
    expect(withSuggestions.length, 'the real seed has needs with only suggestions').toBeGreaterThan(
      0,
    )
    const { rows } = await getCsv('/v1/map.csv?mode=suggested')
    expect(rows).toHaveLength(expected.rows.length + 1)
    for (const [i, r] of expected.rows.entries()) {
      const row = rows[i]!
      expect(row['Map mode']).toBe('confirmed and suggested')
      expect(row.Status).toBe(MAP_STATUS_LABEL[rowStatus(r)])
      for (const t of expected.themes) {
        expect(row[`${t.title} (confirmed)`]).toBe(String(r.cells[t.slug] ?? 0))
        const cell = cellStatus(r, t.slug)
        expect(row[`${t.title} (suggested, not confirmed)`]).toBe(
          String(cell.status === 'suggested' ? cell.count : 0),
        )
      }
      expect(row['Suggested products (not confirmed)']).toBe(
        (r.suggested?.products ?? []).map((p) => p.title).join('; '),
      )
    }
    const confirmed = await getCsv('/v1/map.csv')
    expect(confirmed.rows.every((r) => r['Map mode'] === 'confirmed only')).toBe(true)
    expect(Object.keys(confirmed.rows[0]!).some((h) => h.includes('suggested'))).toBe(false)
    const types = await request(app).get('/v1/map.csv?axis=types&mode=suggested')
    expect(types.status).toBe(400)
    expect(JSON.parse(types.text).param).toBe('mode')
  })

  it('CSV of learning needs lists the suggested products apart from the confirmed ones', async () => {
    const map = await cms.client.map.matrix({ mode: 'suggested' })
    const { rows } = await getCsv('/v1/learning-needs.csv')
    let seen = 0
    for (const r of map.rows) {
      const row = rows.find((x) => x.Slug === r.key)!
      const titles = (r.suggested?.products ?? []).map((p) => p.title)
      expect(row['Suggested products (not confirmed)']).toBe(titles.join('; '))
      for (const t of titles) expect((row.Products ?? '').split('; ')).not.toContain(t)
      seen += titles.length
    }
    expect(seen).toBeGreaterThan(0)
  })

  it('an unknown programme is a 400 naming programme', async () => {
    const res = await request(app).get('/v1/map.csv?programme=no-such-programme')
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.body.param ?? JSON.parse(res.text).param).toBe('programme')
  })
})
