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

function authorsOf(p: CitableProduct): string[] {
  const orgs = (p.organisations ?? []).map((o) => o.name.trim()).filter(Boolean)
  if (orgs.length > 0) return orgs
  return (p.partnerships ?? []).map((o) => o.name.trim()).filter(Boolean)
}

function urlOf(p: CitableProduct, options: CitationOptions): string | undefined {
  const raw = p.externalUrl?.trim() || p.file?.url?.trim()
  if (!raw) return undefined
  if (/^https?:\/\//i.test(raw) || !options.baseUrl) return raw
  return new URL(raw, options.baseUrl).toString()
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim()

function apa(p: CitableProduct, options: CitationOptions): string {
  const authors = authorsOf(p)
  const title = oneLine(p.title).replace(/[.]$/, '')
  const label = TYPE_LABEL.get(p.type) ?? 'Other'
  const year = p.year ? String(p.year) : 'n.d.'
  const parts: string[] = []
  const joined =
    authors.length <= 1
      ? (authors[0] ?? '')
      : `${authors.slice(0, -1).join(', ')}, & ${authors[authors.length - 1]}`
  if (joined) parts.push(`${joined.replace(/[.]$/, '')}. (${year}). ${title} [${label}].`)
  else parts.push(`${title} [${label}]. (${year}).`)
  const url = urlOf(p, options)
  if (url) parts.push(url)
  return parts.join(' ')
}

function ris(p: CitableProduct, options: CitationOptions): string {
  const lines: [string, string][] = [['TY', RIS_TYPE[p.type] ?? 'GEN']]
  lines.push(['TI', oneLine(p.title)])
  for (const a of authorsOf(p)) lines.push(['AU', oneLine(a)])
  if (p.year) lines.push(['PY', String(p.year)])
  const publisher = p.organisations?.[0]?.name
  if (publisher) lines.push(['PB', oneLine(publisher)])
  if (p.summary) lines.push(['AB', oneLine(p.summary)])
  for (const k of p.keywords ?? []) lines.push(['KW', oneLine(k)])
  for (const l of p.languages ?? []) lines.push(['LA', l])
  const url = urlOf(p, options)
  if (url) lines.push(['UR', url])
  lines.push(['M3', TYPE_LABEL.get(p.type) ?? 'Other'])
  lines.push(['ER', ''])
  return lines.map(([tag, value]) => `${tag}  - ${value}`.trimEnd()).join('\r\n') + '\r\n'
}

/** Escapes the characters BibTeX / LaTeX treat specially. */
function tex(value: string): string {
  return oneLine(value).replace(/[\\{}%&$#_~^]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\textbackslash{}'
      case '~':
        return '\\textasciitilde{}'
      case '^':
        return '\\textasciicircum{}'
      default:
        return `\\${c}`
    }
  })
}

function bibtex(p: CitableProduct, options: CitationOptions): string {
  const kind = BIBTEX_TYPE[p.type] ?? 'misc'
  const key = `${p.slug.replace(/[^a-z0-9]+/gi, '_').slice(0, 60) || 'product'}${p.year ? `_${p.year}` : ''}`
  const fields: [string, string][] = [['title', `{${tex(p.title)}}`]]
  const authors = authorsOf(p)
  // Double braces keep an organisation's name from being split into first and last names.
  if (authors.length > 0) fields.push(['author', authors.map((a) => `{${tex(a)}}`).join(' and ')])
  if (p.year) fields.push(['year', String(p.year)])
  const publisher = p.organisations?.[0]?.name
  if (publisher) fields.push([kind === 'techreport' ? 'institution' : 'publisher', tex(publisher)])
  const url = urlOf(p, options)
  if (url) fields.push(['url', url.replace(/[{}]/g, encodeURIComponent)])
  fields.push(['note', tex(TYPE_LABEL.get(p.type) ?? 'Other')])
  if (p.keywords?.length) fields.push(['keywords', p.keywords.map(tex).join(', ')])
  return `@${kind}{${key},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n')}\n}\n`
}

/**
 * A citation of a knowledge product. Pure: no network, the same input gives the same output.
 * - `apa`: one line of plain text in APA 7 style (organisations as group authors).
 * - `ris`: an RIS record (CRLF line ends), for reference managers.
 * - `bibtex`: a BibTeX entry with special characters escaped.
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
