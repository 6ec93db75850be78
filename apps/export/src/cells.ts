/**
 * Cell values for the spreadsheet formats (CSV and XLSX), and the defence against formula
 * injection (CSV/"DDE" injection, OWASP): a text cell whose first character after any leading
 * whitespace or control characters is `=`, `+`, `-`, `@` (or their full-width and small forms,
 * which spreadsheets with East Asian input normalise to the ASCII ones), or that begins with a
 * tab or a carriage return, is prefixed with a single quote, so a spreadsheet shows it as text
 * and never evaluates it. LibreOffice and Excel skip leading spaces and line breaks before a
 * formula, which is why the first character alone is not enough. Numbers, booleans and dates are
 * typed values and are never touched, so `-3` stays the number -3.
 */

/** A value in a spreadsheet row. */
export type Cell = string | number | boolean | Date | null | undefined

/** The characters that make a spreadsheet read a cell as a formula. */
export const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'] as const

/** Full-width (U+FF1D, U+FF0B, U+FF0D, U+FF20) and small (U+FE66, U+FE62, U+FE63, U+FE6B) forms. */
export const WIDE_FORMULA_TRIGGERS = [
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
  '\uFE66',
  '\uFE62',
  '\uFE63',
  '\uFE6B',
] as const

// Leading characters a spreadsheet skips before it looks for a formula: Unicode white space,
// control characters and format characters (zero-width space, BOM, bidi marks).
const FORMULA_LIKE =
  /^(?:[\t\r]|[\p{White_Space}\p{Cc}\p{Cf}\u200B]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B])/u

/** The prefix that neutralises a formula-like cell. */
export const NEUTRALISING_PREFIX = "'"

/** Whether a text cell would be read as a formula. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_LIKE.test(text)
}

/** Neutralises one text value: prefixes it with `'` when it begins with a trigger character. */
export function neutralise(text: string): string {
  return isFormulaLike(text) ? NEUTRALISING_PREFIX + text : text
}

/** A cell for CSV: text neutralised; numbers as numbers; dates as ISO 8601; booleans spelled. */
export function csvCell(value: Cell): string | number {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? value : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (value instanceof Date) return value.toISOString()
  return neutralise(value)
}

// XML 1.0 cannot hold C0 control characters other than tab, LF and CR, nor lone surrogates or
// U+FFFE/U+FFFF; an XLSX with one of them does not open. They are dropped.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING = /[\u0000-\u0008\u000B-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/

/**
 * The text an XLSX cell can hold: characters XML cannot carry are dropped, and line breaks are
 * LF (XML readers turn a raw CR into LF anyway; Excel breaks lines in a cell on LF).
 */
export function xlsxText(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text
  return text.replace(NOT_XML, '').replace(/\r\n?/g, '\n')
}

/**
 * A cell for XLSX: always a plain value (text, number or boolean), never a formula. Dates are
 * ISO 8601 text: the workbook is written without a style table (styles cost half the speed), and
 * ISO text still sorts and filters correctly.
 */
export function xlsxCell(value: Cell): string | number | boolean | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'boolean') return value
  if (value instanceof Date) return value.toISOString()
  return neutralise(xlsxText(value))
}

/** Joins a list into one cell. */
export const joinList = (items: readonly (string | null | undefined)[]): string =>
  items.filter((s): s is string => typeof s === 'string' && s !== '').join('; ')
