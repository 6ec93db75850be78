/**
 * Formula injection (OWASP "CSV injection"), as properties over the real CSV and XLSX writers,
 * then end to end through the real CMS: no exported text cell begins with = + - @ tab or CR
 * unless it is neutralised with a leading ', and reading the file back gives the original text
 * minus that prefix. Numbers stay numbers.
 */

import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  FORMULA_TRIGGERS,
  isFormulaLike,
  neutralise,
  WIDE_FORMULA_TRIGGERS,
  xlsxText,
} from '../src/cells.js'
import { csvSink } from '../src/formats.js'
import type { Column } from '../src/views.js'
import {
  addTrickyProducts,
  appFor,
  binary,
  collect,
  startSeededCms,
  TRICKY_TITLES,
  type SeededCms,
  writeXlsx,
} from './helpers.js'

type Row = { text: string; number: number }
const columns: Column<Row>[] = [
  { header: 'Text', value: (r) => r.text },
  { header: 'Number', value: (r) => r.number },
]

const trigger = fc.constantFrom(...FORMULA_TRIGGERS, ...WIDE_FORMULA_TRIGGERS)
/** What a spreadsheet skips before it looks for a formula. */
const leading = fc.string({
  unit: fc.constantFrom(
    ' ',
    '\n',
    '\r',
    '\t',
    '\r\n',
    '\u00A0',
    '\u3000',
    '\u200B',
    '\uFEFF',
    '\u0001',
  ),
  maxLength: 4,
})
const special = fc.constantFrom('"', ',', '\n', '\r\n', "'", ' ', ';', '|', '!', '%')
const char = fc.oneof(trigger, special, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }))
/** Text that often starts with a trigger and is full of the characters CSV must quote. */
const text = fc.oneof(
  fc.string({ unit: char, maxLength: 20 }),
  fc.tuple(trigger, fc.string({ unit: char, maxLength: 20 })).map(([t, s]) => t + s),
  fc
    .tuple(leading, trigger, fc.string({ unit: char, maxLength: 20 }))
    .map(([l, t, s]) => l + t + s),
)
const number = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
)
const rows = fc.array(fc.record({ text, number }), { minLength: 1, maxLength: 20 })

async function exportCsv(data: Row[]): Promise<string[][]> {
  const body = await collect(async (out) => {
    const sink = csvSink(out, columns)
    await sink.begin()
    for (const r of data) await sink.row(r)
    await sink.end()
  })
  return parseCsv(body.toString('utf8'), { record_delimiter: '\r\n' }) as string[][]
}

/**
 * The test's own oracle (not the writer's): a cell a spreadsheet would evaluate starts with a tab
 * or CR, or has a trigger as its first character after white space and control/format characters.
 */
const startsWithTrigger = (s: string) => {
  if (s[0] === '\t' || s[0] === '\r') return true
  const first = [...s].find((c) => !/[\s\p{Cc}\p{Cf}]/u.test(c)) ?? ''
  return '=+-@＝＋－＠﹦﹢﹣﹫'.includes(first) && first !== ''
}

describe('formula injection, as properties of the writers', () => {
  it('CSV: no cell begins with a trigger; parse(export(x)) is x minus the prefix; numbers stay numbers', async () => {
    await fc.assert(
      fc.asyncProperty(rows, async (data) => {
        const [header, ...records] = await exportCsv(data)
        expect(header).toEqual(['Text', 'Number'])
        expect(records).toHaveLength(data.length)
        for (const [i, [cell, num]] of records.entries()) {
          const x = data[i]!.text
          expect(startsWithTrigger(cell!)).toBe(false)
          if (isFormulaLike(x)) {
            expect(cell).toBe(`'${x}`)
            expect(cell!.slice(1)).toBe(x)
          } else {
            expect(cell).toBe(x)
          }
          // A negative number is a number, not text to neutralise.
          expect(num).toBe(String(data[i]!.number))
          // (-0 is written as 0, which is the same number.)
          expect(Number(num) === data[i]!.number).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('XLSX: text cells are neutralised values (never formulas), numbers are numbers', async () => {
    // XML cannot carry some control characters; the writer drops them and writes CR as LF.
    const xmlHostile = fc.constantFrom('\u0001', '\u000b', '\u001f', '\uFFFE')
    const xlsxRows = fc.array(
      fc.record({
        text: fc.oneof(
          text,
          fc.tuple(xmlHostile, text).map(([c, s]) => c + s),
        ),
        number,
      }),
      { minLength: 1, maxLength: 10 },
    )
    await fc.assert(
      fc.asyncProperty(xlsxRows, async (data) => {
        const sheet = await writeXlsx(columns, data)
        for (const [i, r] of data.entries()) {
          const row = sheet.getRow(i + 2)
          const cell = row.getCell(1)
          const expected = neutralise(xlsxText(r.text))
          if (expected === '') {
            expect(cell.value === null || cell.value === '').toBe(true)
          } else {
            expect(cell.type).toBe(ExcelJS.ValueType.String)
            expect(cell.value).toBe(expected)
            expect(startsWithTrigger(String(cell.value))).toBe(false)
            if (isFormulaLike(xlsxText(r.text))) {
              expect(String(cell.value).slice(1)).toBe(xlsxText(r.text))
            }
          }
          const num = row.getCell(2)
          expect(num.type).toBe(ExcelJS.ValueType.Number)
          // (-0 is written as 0, which is the same number.)
          expect(num.value === r.number).toBe(true)
        }
      }),
      { numRuns: 40 },
    )
  })

  it('XLSX: a URL or formula-looking text never becomes a hyperlink or a formula', async () => {
    const sheet = await writeXlsx(columns, [
      { text: 'https://evil.example/x', number: 1 },
      { text: '=HYPERLINK("https://evil.example")', number: 2 },
      { text: 'mailto:someone@example.org', number: 3 },
    ])
    for (const r of [2, 3, 4]) {
      expect(sheet.getRow(r).getCell(1).type).toBe(ExcelJS.ValueType.String)
    }
    expect(sheet.getRow(3).getCell(1).value).toBe(`'=HYPERLINK("https://evil.example")`)
  })
})

describe('formula injection, end to end through the CMS', () => {
  let cms: SeededCms
  beforeAll(async () => {
    cms = await startSeededCms()
    await addTrickyProducts(cms)
  })
  afterAll(async () => {
    await cms?.close()
  })

  it('no CSV or XLSX cell of a real export begins with a trigger, and the tricky titles come back', async () => {
    const app = appFor(cms)
    const csv = await request(app).get('/v1/knowledge-products.csv')
    const cells = (parseCsv(csv.text, { columns: false }) as string[][]).flat()
    for (const c of cells) expect(startsWithTrigger(c), c).toBe(false)
    for (const title of TRICKY_TITLES) {
      expect(cells).toContain(neutralise(title))
    }

    const xlsx = await request(app).get('/v1/knowledge-products.xlsx').buffer(true).parse(binary)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body as never)
    const values: string[] = []
    workbook.worksheets[0]!.eachRow((row) =>
      row.eachCell((c) => {
        expect([ExcelJS.ValueType.Formula, ExcelJS.ValueType.Hyperlink]).not.toContain(c.type)
        if (typeof c.value === 'string') values.push(c.value)
      }),
    )
    for (const v of values) expect(startsWithTrigger(v), v).toBe(false)
    for (const title of TRICKY_TITLES) expect(values).toContain(neutralise(xlsxText(title)))
  })
})
