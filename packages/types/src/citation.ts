import { PRODUCT_TYPES, type ProductType } from './collections.js'

/** Citation formats `citation` can write. */
export const CITATION_STYLES = ['apa', 'ris', 'bibtex'] as const
export type CitationStyle = (typeof CITATION_STYLES)[number]

/** The fields of a knowledge product a citation uses. A `Product` from the SDK fits. */
export type CitableProduct = {
  title: string
  slug: string
  type: ProductType
  year?: number | null
  summary?: string | null
  /** Authors and publishers, in order. */
  organisations?: readonly { name: string }[] | null
  /** Used as the author when no organisation is given. */
  partnerships?: readonly { name: string }[] | null
  externalUrl?: string | null
  file?: { url?: string | null } | null
  keywords?: readonly string[] | null
  languages?: readonly string[] | null
}

/** Options for `citation`. */
export type CitationOptions = {
  /** Makes a relative file URL (`/api/media/file/x.pdf`) absolute, e.g. the CMS's public URL. */
  baseUrl?: string
  /**
   * The map's public origin: a product without an external link or a file is cited by its page
   * on the map (`{siteUrl}/products/{slug}`), so every citation carries a URL.
   */
  siteUrl?: string
}

const TYPE_LABEL = new Map<string, string>(PRODUCT_TYPES.map((t) => [t.value, t.label]))

const RIS_TYPE: Partial<Record<ProductType, string>> = {
  report: 'RPRT',
  'policy-brief': 'RPRT',
  'case-study': 'RPRT',
  video: 'VIDEO',
  podcast: 'SOUND',
  dataset: 'DATA',
  platform: 'ELEC',
  tool: 'ELEC',
  magazine: 'MGZN',
}

const BIBTEX_TYPE: Partial<Record<ProductType, string>> = {
  report: 'techreport',
  'policy-brief': 'techreport',
  'case-study': 'techreport',
}

/**
 * APA 7's bracketed description after the title. Reports (and report-like case studies) take
 * none; the rest say what they are, as APA asks for non-routine works.
 */
const APA_DESCRIPTION: Partial<Record<ProductType, string>> = {
  dataset: 'Data set',
  video: 'Video',
  podcast: 'Audio podcast',
  'policy-brief': 'Policy brief',
  toolkit: 'Toolkit',
  tool: 'Tool',
  method: 'Method',
  instrument: 'Instrument',
  'training-module': 'Training module',
  platform: 'Online platform',
  magazine: 'Magazine',
}

function authorsOf(p: CitableProduct): string[] {
  const orgs = (p.organisations ?? []).map((o) => oneLine(o.name)).filter(Boolean)
  if (orgs.length > 0) return orgs
  return (p.partnerships ?? []).map((o) => oneLine(o.name)).filter(Boolean)
}

/** The product's link: the external URL, else its file, else its page on the map. */
export function citationUrl(p: CitableProduct, options: CitationOptions = {}): string | undefined {
  const raw = p.externalUrl?.trim() || p.file?.url?.trim()
  if (raw) {
    if (/^https?:\/\//i.test(raw) || !options.baseUrl) return raw
    return new URL(raw, options.baseUrl).toString()
  }
  if (options.siteUrl && p.slug) {
    return `${options.siteUrl.replace(/\/+$/, '')}/products/${encodeURIComponent(p.slug)}`
  }
  return undefined
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim()

/** Ends a part of a reference with a full stop, unless it already ends with . ? or ! */
const stop = (s: string) => (/[.?!]$/.test(s) ? s : `${s}.`)

/** An APA 7 reference, in parts, so a page can set the title in italics. */
export type ApaReference = {
  /** Authors and date, e.g. `Partos & The Broker. (2021). ` (empty lead when there is no author). */
  before: string
  /** The title, which APA sets in italics. */
  title: string
  /** The description, publisher and URL after the title, e.g. ` [Data set]. https://…` */
  after: string
}

function names(authors: string[]): string {
  if (authors.length <= 1) return authors[0] ?? ''
  if (authors.length === 2) return `${authors[0]} & ${authors[1]}`
  return `${authors.slice(0, -1).join(', ')}, & ${authors[authors.length - 1]}`
}

/** The APA 7 reference of a product, with the title apart (for italics). */
export function apaReference(p: CitableProduct, options: CitationOptions = {}): ApaReference {
  const authors = authorsOf(p)
  const title = oneLine(p.title).replace(/[.]$/, '')
  const description = APA_DESCRIPTION[p.type]
  const date = `(${p.year ? String(p.year) : 'n.d.'}).`
  const url = citationUrl(p, options)
  const tail = url ? ` ${url}` : ''
  const titled = description ? `${title} [${description}]` : title
  if (authors.length === 0) {
    // No author: the title moves to the author's place, before the date.
    return { before: '', title, after: `${stop(titled).slice(title.length)} ${date}${tail}` }
  }
  const publisher = p.organisations?.[0]?.name ? oneLine(p.organisations[0].name) : ''
  // APA leaves the publisher out when it is the (first) author.
  const source = publisher && publisher !== authors[0] ? ` ${stop(publisher)}` : ''
  return {
    before: `${stop(names(authors))} ${date} `,
    title,
    after: `${stop(titled).slice(title.length)}${source}${tail}`,
  }
}

function apa(p: CitableProduct, options: CitationOptions): string {
  const r = apaReference(p, options)
  return `${r.before}${r.title}${r.after}`
}

function ris(p: CitableProduct, options: CitationOptions): string {
  const lines: [string, string][] = [['TY', RIS_TYPE[p.type] ?? 'GEN']]
  lines.push(['TI', oneLine(p.title)])
  for (const a of authorsOf(p)) lines.push(['AU', a])
  if (p.year) lines.push(['PY', String(p.year)])
  const publisher = authorsOf(p)[0]
  if (publisher) lines.push(['PB', publisher])
  if (p.summary) lines.push(['AB', oneLine(p.summary)])
  for (const k of p.keywords ?? []) lines.push(['KW', oneLine(k)])
  for (const l of p.languages ?? []) lines.push(['LA', l])
  const url = citationUrl(p, options)
  if (url) lines.push(['UR', oneLine(url)])
  lines.push(['M3', TYPE_LABEL.get(p.type) ?? 'Other'])
  lines.push(['ER', ''])
  return lines.map(([tag, value]) => `${tag}  - ${value}`.trimEnd()).join('\r\n') + '\r\n'
}

/**
 * Escapes the characters BibTeX / LaTeX treat specially. Braces become text commands, not `\{`:
 * BibTeX counts an escaped brace as a brace too, so one lone `{` would unbalance the whole file.
 */
function tex(value: string): string {
  return oneLine(value).replace(/[\\{}%&$#_~^]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\textbackslash{}'
      case '{':
        return '\\textbraceleft{}'
      case '}':
        return '\\textbraceright{}'
      case '~':
        return '\\textasciitilde{}'
      case '^':
        return '\\textasciicircum{}'
      default:
        return `\\${c}`
    }
  })
}

/** A URL as BibTeX's `url` field holds it: braces, backslashes and spaces percent-encoded. */
const bibUrl = (url: string) => oneLine(url).replace(/[{}\\ ]/g, encodeURIComponent)

function bibtex(p: CitableProduct, options: CitationOptions): string {
  const kind = BIBTEX_TYPE[p.type] ?? 'misc'
  const key = `${p.slug.replace(/[^a-z0-9]+/gi, '_').slice(0, 60) || 'product'}${p.year ? `_${p.year}` : ''}`
  const fields: [string, string][] = [['title', `{${tex(p.title)}}`]]
  const authors = authorsOf(p)
  // Double braces keep an organisation's name from being split into first and last names.
  if (authors.length > 0) fields.push(['author', authors.map((a) => `{${tex(a)}}`).join(' and ')])
  if (p.year) fields.push(['year', String(p.year)])
  const publisher = authors[0]
  if (publisher) fields.push([kind === 'techreport' ? 'institution' : 'publisher', tex(publisher)])
  const url = citationUrl(p, options)
  if (url) fields.push(['url', bibUrl(url)])
  fields.push(['note', tex(TYPE_LABEL.get(p.type) ?? 'Other')])
  if (p.keywords?.length) fields.push(['keywords', p.keywords.map(tex).join(', ')])
  return `@${kind}{${key},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n')}\n}\n`
}

/**
 * A citation of a knowledge product. Pure: no network, the same input gives the same output.
 * - `apa`: one line of plain text in APA 7 style (organisations as group authors); see
 *   `apaReference` for the parts, to set the title in italics.
 * - `ris`: an RIS record (CRLF line ends), for reference managers.
 * - `bibtex`: a BibTeX entry with special characters escaped; it always parses.
 * Each carries a URL when `siteUrl` is given (the record's page when it has no link).
 */
export function citation(
  product: CitableProduct,
  style: CitationStyle,
  options: CitationOptions = {},
): string {
  switch (style) {
    case 'apa':
      return apa(product, options)
    case 'ris':
      return ris(product, options)
    case 'bibtex':
      return bibtex(product, options)
    default:
      throw new TypeError(`Unknown citation style: ${String(style)}`)
  }
}

// --- Views of the map ---------------------------------------------------------------------------

/** A view of the map (a search, the matrix, a need with its products) to cite as a data set. */
export type CitableView = {
  /** What the view is, e.g. `The Knowledge Map: knowledge products`. */
  title: string
  /** The view's filters in words (`theme: Environmental rights; type: Toolkit`), if any. */
  filters?: string
  /** How many records the view shows, e.g. `{ count: 12, noun: 'knowledge product' }`. */
  records?: { count: number; noun: string }
  /** The group author and publisher. */
  publisher: string
  /** The dated permalink (`…?asOf=2026-12-01T10:15:07Z`) that reproduces the view. */
  url: string
  /** When the view was read. */
  accessed: Date
}

const MONTHS = [
  ...['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August'],
  ...['September', 'October', 'November', 'December'],
]
const apaDate = (d: Date) => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`
const isoDay = (d: Date) => d.toISOString().slice(0, 10)

const viewTitle = (v: CitableView) =>
  oneLine(v.filters ? `${v.title} (${v.filters})` : v.title).replace(/[.]$/, '')

const records = (v: CitableView) =>
  v.records ? `${v.records.count} ${v.records.noun}${v.records.count === 1 ? '' : 's'}` : ''

/** The APA 7 reference of a view (a data set with a retrieval date), title apart for italics. */
export function apaViewReference(v: CitableView): ApaReference {
  const what = ['Data set', records(v)].filter(Boolean).join(', ')
  return {
    before: `${stop(oneLine(v.publisher))} (${v.accessed.getUTCFullYear()}). `,
    title: viewTitle(v),
    after: ` [${what}]. Retrieved ${apaDate(v.accessed)}, from ${oneLine(v.url)}`,
  }
}

function risView(v: CitableView): string {
  const lines: [string, string][] = [
    ['TY', 'DATA'],
    ['TI', viewTitle(v)],
    ['AU', oneLine(v.publisher)],
    ['PY', String(v.accessed.getUTCFullYear())],
    ['PB', oneLine(v.publisher)],
  ]
  // The access date goes in the note: readers disagree on Y2 (bibutils takes it for a second
  // publication date).
  const note = [
    v.filters ? `Filters: ${oneLine(v.filters)}` : '',
    records(v),
    `Accessed ${isoDay(v.accessed)}`,
  ].filter(Boolean)
  lines.push(['N1', note.join('; ')])
  lines.push(['UR', oneLine(v.url)])
  lines.push(['M3', 'Data set'])
  lines.push(['ER', ''])
  return lines.map(([tag, value]) => `${tag}  - ${value}`.trimEnd()).join('\r\n') + '\r\n'
}

function bibtexView(v: CitableView): string {
  const day = isoDay(v.accessed)
  const key = `${
    oneLine(v.publisher)
      .replace(/[^a-z0-9]+/gi, '_')
      .slice(0, 30) || 'map'
  }_view_${day.replace(/-/g, '')}`
  const note = [
    'Data set',
    v.filters ? `filters: ${v.filters}` : '',
    records(v),
    `accessed ${day}`,
  ].filter(Boolean)
  const fields: [string, string][] = [
    ['title', `{${tex(viewTitle(v))}}`],
    ['author', `{${tex(v.publisher)}}`],
    ['year', String(v.accessed.getUTCFullYear())],
    ['publisher', tex(v.publisher)],
    ['url', bibUrl(v.url)],
    ['urldate', day],
    ['note', tex(note.join('; '))],
  ]
  return `@misc{${key},\n${fields.map(([k, f]) => `  ${k} = {${f}}`).join(',\n')}\n}\n`
}

/**
 * A citation of a view of the map, as a data set: its filters in words, the number of records,
 * the access date and the dated permalink. Pure, like `citation`.
 */
export function viewCitation(view: CitableView, style: CitationStyle): string {
  switch (style) {
    case 'apa': {
      const r = apaViewReference(view)
      return `${r.before}${r.title}${r.after}`
    }
    case 'ris':
      return risView(view)
    case 'bibtex':
      return bibtexView(view)
    default:
      throw new TypeError(`Unknown citation style: ${String(style)}`)
  }
}
