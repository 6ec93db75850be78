/**
 * The writers ("sinks") of each format. A sink is fed one record at a time and writes to a
 * `Writable` (the HTTP response), waiting whenever the client is slower than the CMS, so memory
 * stays flat however large the export. When the source fails part-way, `fail()` ends the file with
 * a marker a reader cannot miss:
 *
 * | format  | marker of an incomplete export                                                     |
 * |---------|------------------------------------------------------------------------------------|
 * | CSV     | the last line is one field: `EXPORT INCOMPLETE: …`                                 |
 * | XLSX    | the last row of the sheet says `EXPORT INCOMPLETE: …`, and the "About this export" |
 * |         | sheet's Status is `INCOMPLETE: …`                                                  |
 * | JSON    | the document ends with `"complete": false` and an `error` problem object            |
 * | NDJSON  | the last line is `{"error": {…problem}}`                                           |
 * | RIS     | a last record `TY  - GEN` titled `EXPORT INCOMPLETE: …`                            |
 * | BibTeX  | a last entry `@misc{EXPORT_INCOMPLETE, title = {EXPORT INCOMPLETE: …}}`            |
 *
 * A complete export says so too: JSON has `"complete": true`, XLSX's Status is `complete`.
 */
import { once } from 'node:events'
import type { Writable } from 'node:stream'

import { citation, type Product } from '@repo/types'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'

import { csvCell, xlsxCell, xlsxText } from './cells.js'
import type { Problem } from './problem.js'
import type { Column } from './views.js'

export const FORMATS = {
  csv: { contentType: 'text/csv; charset=utf-8; header=present', extension: 'csv' },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
  json: { contentType: 'application/json; charset=utf-8', extension: 'json' },
  ndjson: { contentType: 'application/x-ndjson; charset=utf-8', extension: 'ndjson' },
  ris: { contentType: 'application/x-research-info-systems; charset=utf-8', extension: 'ris' },
  bib: { contentType: 'application/x-bibtex; charset=utf-8', extension: 'bib' },
} as const
export type Format = keyof typeof FORMATS

/** Describes an export; written into the formats that have room for it. */
export type ExportMeta = {
  /** `knowledge-products`, `learning-needs` or `map`. */
  view: string
  format: Format
  /** The canonical filter query string (without `?`), empty for everything. */
  query: string
  /** When the export started (ISO 8601). */
  generatedAt: string
  /** The export's own URL. */
  url: string
  /** Matching records when the export started. */
  total?: number
}

/** Why an export ended early. */
export type Failure = { detail: string; rows: number }

export const INCOMPLETE = 'EXPORT INCOMPLETE'

export function incompleteText(f: Failure): string {
  return `${INCOMPLETE}: ${f.detail} Only the first ${f.rows} row(s) are in this file; it is not the full result. Try the export again.`
}

export function incompleteProblem(f: Failure): Problem & { rows: number } {
  return {
    type: 'urn:knowledge-map:problem:export-incomplete',
    title: 'Export incomplete',
    status: 503,
    detail: incompleteText(f),
    rows: f.rows,
  }
}

/** A format writer. */
export interface Sink<T> {
  begin(): Promise<void>
  row(record: T): Promise<void>
  /** Ends a complete export. */
  end(): Promise<void>
  /** Ends an export that stopped early, with the format's visible marker. */
  fail(failure: Failure): Promise<void>
}

/** Thrown when the destination went away (the client disconnected). */
export class DestinationClosed extends Error {
  override readonly name = 'DestinationClosed'
}

/** Waits until `out` can take more, or throws `DestinationClosed` if it closes first. */
export async function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain) return
  if (out.destroyed || out.writableEnded) throw new DestinationClosed('closed')
  const ac = new AbortController()
  try {
    await Promise.race([
      once(out, 'drain', { signal: ac.signal }),
      once(out, 'close', { signal: ac.signal }).then(() => {
        throw new DestinationClosed('closed')
      }),
    ])
  } finally {
    ac.abort()
  }
}

type InternalWritable = NodeJS.EventEmitter & {
  _writableState?: { length: number; highWaterMark: number }
}

/**
 * exceljs' WorkbookWriter hands each sheet's XML to the zip (archiver) without backpressure, so
 * when compressing is slower than producing rows, the XML piles up in the zip's entry stream.
 * This waits until that stream has drained (or `out` closes). It reads exceljs internals, guarded:
 * if they change, only `out`'s own backpressure is left.
 */
async function zipDrained(sheet: unknown, out: Writable): Promise<void> {
  const stream = (sheet as { stream?: { pipes?: unknown[] } }).stream
  const entry = stream?.pipes?.[0] as InternalWritable | undefined
  const state = entry?._writableState
  if (!entry || !state || typeof state.length !== 'number') return
  if (state.length < state.highWaterMark) return
  if (out.destroyed) throw new DestinationClosed('closed')
  const ac = new AbortController()
  try {
    await Promise.race([
      once(entry, 'drain', { signal: ac.signal }),
      once(out, 'close', { signal: ac.signal }).then(() => {
        throw new DestinationClosed('closed')
      }),
    ])
  } finally {
    ac.abort()
  }
}

/**
 * Collects small strings and writes them in chunks of ~16 KiB, honouring backpressure. The first
 * write goes out at once (a fast first byte), and a chunk never waits more than ~200 ms for more.
 */
class TextOut {
  private parts: string[] = []
  private size = 0
  private lastFlush = 0
  constructor(
    private readonly out: Writable,
    private readonly chunkSize = 16 * 1024,
    private readonly maxDelayMs = 200,
  ) {}

  async write(text: string): Promise<void> {
    this.parts.push(text)
    this.size += text.length
    if (this.size >= this.chunkSize || Date.now() - this.lastFlush >= this.maxDelayMs) {
      await this.flush()
    }
  }

  async flush(): Promise<void> {
    if (this.size === 0) return
    const chunk = this.parts.join('')
    this.parts = []
    this.size = 0
    this.lastFlush = Date.now()
    if (this.out.destroyed) throw new DestinationClosed('closed')
    this.out.write(chunk)
    await drained(this.out)
  }

  async end(text = ''): Promise<void> {
    if (text) this.parts.push(text)
    const chunk = this.parts.join('')
    this.parts = []
    this.size = 0
    await endOut(this.out, chunk)
  }
}

/** Ends `out` with a last chunk; settles on 'finish', or on 'close' if the client left first. */
export async function endOut(out: Writable, chunk = ''): Promise<void> {
  if (out.destroyed) throw new DestinationClosed('closed')
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('close', done)
      resolve()
    }
    out.once('close', done)
    out.end(chunk, done)
  })
}

/** Settles when `work` does, or throws `DestinationClosed` if `out` closes first. */
async function unlessClosed<T>(out: Writable, work: Promise<T>): Promise<T> {
  const ac = new AbortController()
  try {
    return await Promise.race([
      work,
      once(out, 'close', { signal: ac.signal }).then(() => {
        if (out.writableFinished) return work
        throw new DestinationClosed('closed')
      }),
    ])
  } finally {
    ac.abort()
  }
}

// --- CSV ------------------------------------------------------------------------------------------

/** The field separators a CSV export can use: `semicolon` is what Dutch and French Excel expect. */
export const CSV_DELIMITERS = { comma: ',', semicolon: ';' } as const
export type CsvDelimiter = keyof typeof CSV_DELIMITERS

/**
 * RFC 4180 CSV (CRLF records, UTF-8), written with csv-stringify in batches. A field holding a
 * CR, an LF, a quote or the separator is always quoted: csv-stringify on its own quotes only
 * fields holding the whole record delimiter (CRLF), so a lone LF would split the record.
 */
export function csvSink<T>(
  out: Writable,
  columns: Column<T>[],
  options: { bom?: boolean; delimiter?: CsvDelimiter; batchSize?: number } = {},
): Sink<T> {
  const text = new TextOut(out)
  const batchSize = options.batchSize ?? 200
  let batch: (string | number)[][] = []
  let batchStarted = 0
  const delimiter = CSV_DELIMITERS[options.delimiter ?? 'comma']
  const csv = (records: (string | number)[][]) =>
    stringify(records, {
      delimiter,
      record_delimiter: 'windows',
      quoted_empty: false,
      quoted_match: /[\r\n]/,
    })
  const flushBatch = async () => {
    if (batch.length === 0) return
    const records = batch
    batch = []
    await text.write(csv(records))
  }
  return {
    async begin() {
      await text.write((options.bom ? '\uFEFF' : '') + csv([columns.map((c) => c.header)]))
    },
    async row(record) {
      if (batch.length === 0) batchStarted = Date.now()
      batch.push(columns.map((c) => csvCell(c.value(record))))
      if (batch.length >= batchSize || Date.now() - batchStarted >= 200) await flushBatch()
    },
    async end() {
      await flushBatch()
      await text.end()
    },
    async fail(failure) {
      await flushBatch()
      await text.end(csv([[incompleteText(failure)]]))
    },
  }
}

// --- XLSX -----------------------------------------------------------------------------------------

/**
 * XLSX through exceljs' streaming WorkbookWriter, without shared strings (so nothing grows with
 * the row count) and without styles; the header row is frozen. Every cell is a plain value;
 * nothing from the data becomes a formula or a link.
 */
export function xlsxSink<T>(
  out: Writable,
  columns: Column<T>[],
  meta: ExportMeta & { sheetName: string },
): Sink<T> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    // No style table: per-cell style bookkeeping halves exceljs' speed (see bench/).
    useStyles: false,
  })
  workbook.creator = 'Knowledge Map export service'
  workbook.created = new Date(meta.generatedAt)
  const sheet = workbook.addWorksheet(meta.sheetName.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  })
  sheet.columns = columns.map((c) => ({ width: c.width ?? 16 }))
  let rows = 0

  const commitRow = async (values: unknown[]) => {
    sheet.addRow(values).commit()
    await zipDrained(sheet, out)
    await drained(out)
  }

  const finish = async (status: string) => {
    sheet.commit()
    const about = workbook.addWorksheet('About this export')
    about.columns = [{ width: 14 }, { width: 100 }]
    const lines: [string, string | number][] = [
      ['Export', meta.view],
      ['Filter', meta.query || '(none: every published record)'],
      ['Generated', meta.generatedAt],
      ['Rows', rows],
      ['Status', status],
      ['Source', meta.url],
    ]
    for (const [k, v] of lines) {
      about.addRow([k, typeof v === 'number' ? v : xlsxCell(v)]).commit()
    }
    about.commit()
    if (out.destroyed) throw new DestinationClosed('closed')
    await unlessClosed(out, workbook.commit())
  }

  return {
    async begin() {
      await commitRow(columns.map((c) => xlsxText(c.header)))
    },
    async row(record) {
      rows++
      await commitRow(columns.map((c) => xlsxCell(c.value(record))))
    },
    async end() {
      await finish('complete')
    },
    async fail(failure) {
      const message = incompleteText(failure)
      await commitRow([xlsxCell(message)])
      await finish(`INCOMPLETE: ${message}`)
    },
  }
}

// --- JSON and NDJSON ----------------------------------------------------------------------------

/**
 * One JSON document: `{"export": meta, "data": [records…], "count": n, "complete": true}`.
 * An export that stopped early ends with `"complete": false` and an `error` problem object.
 */
export function jsonSink<T>(out: Writable, meta: ExportMeta): Sink<T> {
  const text = new TextOut(out)
  let count = 0
  return {
    async begin() {
      await text.write(`{"export":${JSON.stringify(meta)},"data":[`)
    },
    async row(record) {
      await text.write(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`)
      count++
    },
    async end() {
      await text.end(`\n],"count":${count},"complete":true}\n`)
    },
    async fail(failure) {
      const error = JSON.stringify(incompleteProblem(failure))
      await text.end(`\n],"count":${count},"complete":false,"error":${error}}\n`)
    },
  }
}

/** One record per line; an export that stopped early ends with a line `{"error": problem}`. */
export function ndjsonSink<T>(out: Writable): Sink<T> {
  const text = new TextOut(out)
  return {
    async begin() {},
    async row(record) {
      await text.write(`${JSON.stringify(record)}\n`)
    },
    async end() {
      await text.end()
    },
    async fail(failure) {
      await text.end(`${JSON.stringify({ error: incompleteProblem(failure) })}\n`)
    },
  }
}

// --- Citations ------------------------------------------------------------------------------------

/** Files are linked on the CMS's public origin; a product without a link, by its page on the map. */
export const citeOptions = (o: { cmsPublicUrl: string; siteUrl: string }) => ({
  baseUrl: o.cmsPublicUrl,
  siteUrl: o.siteUrl,
})

/** RIS records (CRLF), one per product, from the shared `citation()` of `@repo/types`. */
export function risSink(
  out: Writable,
  options: { cmsPublicUrl: string; siteUrl: string },
): Sink<Product> {
  const text = new TextOut(out)
  return {
    async begin() {},
    async row(p) {
      await text.write(`${citation(p, 'ris', citeOptions(options))}\r\n`)
    },
    async end() {
      await text.end()
    },
    async fail(failure) {
      const record = [
        'TY  - GEN',
        `TI  - ${incompleteText(failure).replace(/\s+/g, ' ')}`,
        `N1  - ${INCOMPLETE}`,
        'ER  -',
      ]
      await text.end(`${record.join('\r\n')}\r\n`)
    },
  }
}

const texComment = (s: string) => s.replace(/[{}]/g, '').replace(/\s+/g, ' ')

/** BibTeX entries, one per product, from the shared `citation()` of `@repo/types`. */
export function bibSink(
  out: Writable,
  meta: ExportMeta,
  options: { cmsPublicUrl: string; siteUrl: string },
): Sink<Product> {
  const text = new TextOut(out)
  return {
    async begin() {
      await text.write(
        `@comment{${texComment(`Knowledge Map export (${meta.view}${meta.query ? `, ${meta.query}` : ''}), generated ${meta.generatedAt} from ${meta.url}`)}}\n\n`,
      )
    },
    async row(p) {
      await text.write(`${citation(p, 'bibtex', citeOptions(options))}\n`)
    },
    async end() {
      await text.end()
    },
    async fail(failure) {
      const message = texComment(incompleteText(failure)).replace(/[\\%&$#_~^]/g, ' ')
      await text.end(
        `@misc{EXPORT_INCOMPLETE,\n  title = {{${message}}},\n  note = {${INCOMPLETE}}\n}\n`,
      )
    },
  }
}
