/**
 * RFC 4180 round trips: every CSV (comma and semicolon, with and without BOM) and XLSX the writers
 * produce is read back with a real parser (csv-parse, exceljs), which must return exactly the
 * records written. The CSV parser here treats a bare CR or LF as the end of a record, as
 * spreadsheets do, so an unquoted line break shows up as an extra record.
 */

import { parse as parseCsv } from 'csv-parse/sync'
import fc from 'fast-check'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { neutralise, xlsxText } from '../src/cells.js'
import { csvSink, type CsvDelimiter } from '../src/formats.js'
import type { Column } from '../src/views.js'
import {
  addProducts,
  addTrickyProducts,
  appFor,
  binary,
  collect,
  listAll,
  readXlsx,
  startSeededCms,
  type SeededCms,
  writeXlsx,
} from './helpers.js'

type Row = { a: string; b: string; n: number }
const columns: Column<Row>[] = [
  { header: 'A', value: (r) => r.a },
  { header: 'B; "b"', value: (r) => r.b },
  { header: 'N', value: (r) => r.n },
]

const piece = fc.constantFrom(
  '\n',
  '\r',
  '\r\n',
  '"',
  ',',
  ';',
  ' ',
  '\t',
  "'",
  '=',
  '+',
  '-',
  '@',
  '＝',
  '＋',
  '－',
  '＠',
  '\u00A0',
  '\u3000',
  '\u200B',
  '\uFEFF',
  '\u0001',
  '1+1',
  'x',
  'é',
  '中',
  '😀',
)
const hostile = fc.oneof(
  fc.string({ unit: piece, maxLength: 12 }),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
)
const rows = fc.array(
  fc.record({ a: hostile, b: hostile, n: fc.integer({ min: -1e6, max: 1e6 }) }),
  { maxLength: 15 },
)

/** Any line break ends an unquoted record, as in a spreadsheet. */
const readCsv = (body: Buffer, delimiter: string) =>
  parseCsv(body, {
    bom: true,
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_quotes: false,
    relax_column_count: false,
  }) as string[][]

async function writeCsv(data: Row[], bom: boolean, delimiter: CsvDelimiter): Promise<Buffer> {
  return collect(async (out) => {
    const sink = csvSink(out, columns, { bom, delimiter, batchSize: 4 })
    await sink.begin()
    for (const r of data) await sink.row(r)
    await sink.end()
  })
}

describe('CSV round trip, as a property of the writer', () => {
  it('should read back exactly the records written, for either separator, with or without BOM', async () => {
    await fc.assert(
      fc.asyncProperty(
        rows,
        fc.boolean(),
        fc.constantFrom<CsvDelimiter>('comma', 'semicolon'),
        async (data, bom, delimiter) => {
          const body = await writeCsv(data, bom, delimiter)
          expect(body.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(bom)
          const records = readCsv(body, delimiter === 'comma' ? ',' : ';')
          expect(records).toEqual([
            ['A', 'B; "b"', 'N'],
            ...data.map((r) => [neutralise(r.a), neutralise(r.b), String(r.n)]),
          ])
        },
      ),
      { numRuns: 400 },
    )
  })

  it('should quote every field holding CR, LF, a quote or the separator', async () => {
    const data = [{ a: '\n=1+1', b: 'a\rb', n: 1 }]
    for (const delimiter of ['comma', 'semicolon'] as const) {
      const text = (await writeCsv(data, false, delimiter)).toString('utf8')
      const sep = delimiter === 'comma' ? ',' : ';'
      expect(text).toBe(`A${sep}"B; ""b"""${sep}N\r\n"'\n=1+1"${sep}"a\rb"${sep}1\r\n`)
    }
  })
})

describe('XLSX round trip, as a property of the writer', () => {
  it('should read back exactly the records written', async () => {
    await fc.assert(
      fc.asyncProperty(rows, async (data) => {
        const sheet = await writeXlsx(columns, data)
        const read: unknown[][] = []
        for (let i = 2; i <= data.length + 1; i++) {
          const row = sheet.getRow(i)
          read.push([1, 2, 3].map((c) => row.getCell(c).value))
        }
        expect(read).toEqual(
          data.map((r) => [
            xlsxText(r.a) === '' ? null : neutralise(xlsxText(r.a)),
            xlsxText(r.b) === '' ? null : neutralise(xlsxText(r.b)),
            r.n,
          ]),
        )
        expect(sheet.actualRowCount).toBe(data.length + 1)
      }),
      { numRuns: 60 },
    )
  })
})

describe('round trip of real exports through the CMS', () => {
  let cms: SeededCms
  beforeAll(async () => {
    cms = await startSeededCms()
    await addTrickyProducts(cms)
    await addProducts(cms, [
      { title: '\n=1+1', slug: 'test-lf-formula' },
      { title: ' =2+2', slug: 'test-space-formula' },
      { title: '＝4+4', slug: 'test-fullwidth-formula' },
      { title: '\r\n\u3000＠SUM(A1)', slug: 'test-crlf-at' },
    ])
  })
  afterAll(async () => {
    await cms?.close()
  })

  const products = () =>
    listAll((page) => cms.client.products.list({ page, limit: 100, sort: 'title' }))

  it('should give back one CSV record per product, title by title, for both separators', async () => {
    const expected = await products()
    const app = appFor(cms, { EXPORT_PAGE_SIZE: '4' })
    for (const [query, sep] of [
      ['sort=title', ','],
      ['sort=title&bom=1&delimiter=semicolon', ';'],
    ] as const) {
      const res = await request(app)
        .get(`/v1/knowledge-products.csv?${query}`)
        .buffer(true)
        .parse(binary)
      expect(res.status).toBe(200)
      const [header, ...records] = readCsv(res.body as Buffer, sep)
      expect(records, query).toHaveLength(expected.length)
      const title = header!.indexOf('Title')
      const slug = header!.indexOf('Slug')
      expect(records.map((r) => [r[title], r[slug]])).toEqual(
        expected.map((p) => [neutralise(p.title), p.slug]),
      )
      expect(records.map((r) => r[title])).toEqual(
        expect.arrayContaining(["'\n=1+1", "' =2+2", "'＝4+4", "'\r\n\u3000＠SUM(A1)"]),
      )
    }
  })

  it('should give back one XLSX row per product, title by title', async () => {
    const expected = await products()
    const app = appFor(cms, { EXPORT_PAGE_SIZE: '4' })
    const res = await request(app)
      .get('/v1/knowledge-products.xlsx?sort=title')
      .buffer(true)
      .parse(binary)
    const sheet = await readXlsx(res.body as Buffer)
    expect(sheet.actualRowCount).toBe(expected.length + 1)
    const titles: unknown[] = []
    for (let i = 2; i <= expected.length + 1; i++) titles.push(sheet.getRow(i).getCell(1).value)
    expect(titles).toEqual(expected.map((p) => neutralise(xlsxText(p.title))))
  })
})
