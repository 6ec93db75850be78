import type { Cell } from '@repo/types/import'
import { parse as parseCsv } from 'csv-parse/sync'
import ExcelJS from 'exceljs'

/** Largest file the importer reads (10 MB: some 50,000 typical rows). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024
/** Rows written per transaction: each batch is all-or-nothing and stays well under ~5 s. */
export const IMPORT_BATCH_ROWS = 50
/** Most data rows one import handles. */
export const IMPORT_MAX_ROWS = 20_000

export type ImportFile = { name: string; data: Buffer; mimetype?: string }

export type Sheet = {
  /** The worksheet's name (XLSX) or the file name (CSV). */
  name: string
  header: string[]
  /** Data rows, each with the spreadsheet row number it came from (the header is row 1). */
  rows: { row: number; cells: Cell[] }[]
  /** Cells that could not be read as a value (formulas without a saved result, error values). */
  problems: { row: number; column: string; message: string }[]
}

/** A file the importer will not read; its message says why and what to do. */
export class ImportFileError extends Error {
  override name = 'ImportFileError'
  readonly status = 400
}

export type FileKind = 'csv' | 'xlsx'

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

/** Decides what the upload is from its name and its bytes, never from the extension alone. */
export function detectKind(file: ImportFile): FileKind {
  const name = file.name.toLowerCase()
  if (file.data.length === 0) throw new ImportFileError(`“${file.name}” is empty.`)
  if (file.data.length > IMPORT_MAX_BYTES) {
    throw new ImportFileError(
      `“${file.name}” is ${(file.data.length / 1024 / 1024).toFixed(1)} MB; the import takes files up to ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
    )
  }
  const zip = file.data.subarray(0, 4).equals(ZIP_MAGIC)
  if (name.endsWith('.xlsx')) {
    if (!zip)
      throw new ImportFileError(`“${file.name}” is named .xlsx but is not an Excel workbook.`)
    return 'xlsx'
  }
  if (name.endsWith('.csv')) {
    if (zip || file.data.includes(0)) {
      throw new ImportFileError(`“${file.name}” is named .csv but is not a text file.`)
    }
    return 'csv'
  }
  throw new ImportFileError(
    `Only CSV (.csv) and Excel (.xlsx) files can be imported; “${file.name}”${file.mimetype ? ` (${file.mimetype})` : ''} is neither.`,
  )
}

function readCsv(file: ImportFile): Sheet[] {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.data)
  } catch {
    throw new ImportFileError(
      `“${file.name}” is not UTF-8 text. Save it as “CSV UTF-8” and try again.`,
    )
  }
  let records: string[][]
  try {
    records = parseCsv(text, { bom: true, relax_column_count: true, skip_empty_lines: false })
  } catch (err) {
    throw new ImportFileError(`“${file.name}” is not valid CSV: ${(err as Error).message}`)
  }
  const [header = [], ...rest] = records
  return [
    {
      name: file.name,
      header: header.map((h) => String(h ?? '').trim()),
      rows: rest.map((cells, i) => ({ row: i + 2, cells })),
      problems: [],
    },
  ]
}

/**
 * An XLSX cell as a plain value. Formulas are never evaluated: their result as Excel last saved it
 * is used, and a formula without one is a problem the report names.
 */
function cellValue(value: ExcelJS.CellValue): { value: Cell } | { problem: string } {
  if (value == null) return { value: null }
  if (value instanceof Date) return { value }
  if (typeof value !== 'object') return { value }
  if ('error' in value) return { problem: `the cell shows the error ${value.error}` }
  if ('richText' in value) return { value: value.richText.map((r) => r.text).join('') }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result
    if (result === undefined || result === null) {
      return {
        problem:
          'the formula has no saved result (the importer never calculates formulas): open the file in Excel, save it, and import again',
      }
    }
    if (typeof result === 'object' && result !== null && 'error' in result) {
      return { problem: `the formula’s result is the error ${(result as { error: string }).error}` }
    }
    return { value: result as Cell }
  }
  if ('hyperlink' in value) {
    const text = (value as { text?: unknown }).text
    return { value: typeof text === 'string' ? text : String(value.hyperlink) }
  }
  return { value: String(value) }
}

async function readXlsx(file: ImportFile): Promise<Sheet[]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(file.data as unknown as ArrayBuffer)
  } catch (err) {
    throw new ImportFileError(
      `“${file.name}” could not be read as an Excel workbook: ${(err as Error).message}`,
    )
  }
  const sheets: Sheet[] = []
  workbook.eachSheet((ws) => {
    const header: string[] = []
    const headerRow = ws.getRow(1)
    for (let c = 1; c <= ws.columnCount; c++) {
      const v = cellValue(headerRow.getCell(c).value)
      header.push('value' in v && v.value != null ? String(v.value).trim() : '')
    }
    const sheet: Sheet = { name: ws.name, header, rows: [], problems: [] }
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r)
      const cells: Cell[] = []
      for (let c = 1; c <= header.length; c++) {
        const v = cellValue(row.getCell(c).value)
        if ('problem' in v) {
          sheet.problems.push({ row: r, column: header[c - 1] || `#${c}`, message: v.problem })
          cells.push(null)
        } else cells.push(v.value)
      }
      sheet.rows.push({ row: r, cells })
    }
    sheets.push(sheet)
  })
  return sheets
}

/** Reads a CSV or XLSX upload into sheets of raw cells, refusing anything else. */
export async function readImportFile(
  file: ImportFile,
): Promise<{ kind: FileKind; sheets: Sheet[] }> {
  const kind = detectKind(file)
  const sheets = kind === 'csv' ? readCsv(file) : await readXlsx(file)
  const rows = sheets.reduce((n, s) => n + s.rows.length, 0)
  if (rows > IMPORT_MAX_ROWS) {
    throw new ImportFileError(
      `“${file.name}” has ${rows} rows; one import takes at most ${IMPORT_MAX_ROWS}. Split the file.`,
    )
  }
  return { kind, sheets }
}
