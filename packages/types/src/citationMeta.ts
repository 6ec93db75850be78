/**
 * What reference managers (Zotero, Mendeley) read from a product's page: Highwire Press
 * `citation_*` meta tags and a COinS span (OpenURL ContextObject), from the same fields and
 * URLs as `citation()`.
 */
import { type CitableProduct, citationUrl, type CitationOptions } from './citation.js'

/** The fields these need besides a citation's: the file's type, for `citation_pdf_url`. */
export type MetaProduct = CitableProduct & {
  file?: { url?: string | null; mimeType?: string | null } | null
}

const REPORT_TYPES = new Set(['report', 'policy-brief', 'case-study'])

const authorsOf = (p: CitableProduct) => {
  const orgs = (p.organisations ?? []).map((o) => o.name.trim()).filter(Boolean)
  return orgs.length > 0 ? orgs : (p.partnerships ?? []).map((o) => o.name.trim()).filter(Boolean)
}

const fileUrl = (p: MetaProduct, options: CitationOptions) => {
  const raw = p.file?.url?.trim()
  if (!raw) return undefined
  return /^https?:\/\//i.test(raw) || !options.baseUrl
    ? raw
    : new URL(raw, options.baseUrl).toString()
}

/** Highwire Press tags, as name → value(s) (Next's `metadata.other`). */
export function highwireTags(
  p: MetaProduct,
  options: CitationOptions = {},
): Record<string, string | string[]> {
  const tags: Record<string, string | string[]> = {
    citation_title: p.title.replace(/\s+/g, ' ').trim(),
  }
  const authors = authorsOf(p)
  if (authors.length > 0) tags.citation_author = authors
  if (p.year) tags.citation_publication_date = String(p.year)
  const publisher = authors[0]
  if (publisher) {
    if (REPORT_TYPES.has(p.type)) tags.citation_technical_report_institution = publisher
    else tags.citation_publisher = publisher
  }
  const pdf = fileUrl(p, options)
  if (pdf && (p.file?.mimeType === 'application/pdf' || /\.pdf$/i.test(pdf)))
    tags.citation_pdf_url = pdf
  const url = citationUrl(p, options)
  if (url) tags.citation_public_url = url
  if (p.languages?.length) tags.citation_language = p.languages[0]!
  if (p.keywords?.length) tags.citation_keywords = p.keywords.join('; ')
  return tags
}

/** The `title` of a COinS span (`<span class="Z3988" title="…">`), an OpenURL 1.0 KEV context. */
export function coins(p: MetaProduct, options: CitationOptions = {}): string {
  const q = new URLSearchParams({
    ctx_ver: 'Z39.88-2004',
    rft_val_fmt: 'info:ofi/fmt:kev:mtx:book',
    'rft.genre': REPORT_TYPES.has(p.type) ? 'report' : 'document',
    'rft.btitle': p.title.replace(/\s+/g, ' ').trim(),
  })
  for (const a of authorsOf(p)) q.append('rft.aucorp', a)
  if (p.year) q.set('rft.date', String(p.year))
  const publisher = authorsOf(p)[0]
  if (publisher) q.set('rft.pub', publisher)
  const url = citationUrl(p, options)
  if (url) q.set('rft_id', url)
  return q.toString()
}
