/**
 * The sitemap: an index (`/sitemap.xml`) of files of at most `SITEMAP_MAX_URLS` URLs each, one
 * series per section (`/sitemaps/products-1.xml`, …). Built from the SDK's slim `links` listing
 * (slug and last change, depth 0, by id, pages of MAX_ITERATE_PAGE), so 100k products cost a
 * few hundred small, cached CMS answers rather than full records.
 */
import {
  type KnowledgeMapClient,
  KnowledgeMapError,
  type Link,
  MAX_ITERATE_PAGE,
  type Page,
} from '@repo/types'

import { absoluteUrl } from '@/lib/seo'

export type SitemapUrl = { url: string; lastModified?: string }

type Section = {
  /** The public path of a record (the fixed pages have none). */
  path?: (slug: string) => string
  links?: (client: KnowledgeMapClient, page: { page: number; limit: number }) => Promise<Page<Link>>
}

const FIXED_PAGES = ['/', '/products', '/learning-needs', '/partnerships', '/changes', '/about']

export const SECTIONS = {
  pages: {},
  themes: { path: (s) => `/themes/${s}`, links: (c, p) => c.themes.links(p) },
  'learning-needs': {
    path: (s) => `/learning-needs/${s}`,
    links: (c, p) => c.learningNeeds.links(p),
  },
  partnerships: { path: (s) => `/partnerships/${s}`, links: (c, p) => c.partnerships.links(p) },
  products: { path: (s) => `/products/${s}`, links: (c, p) => c.products.links(p) },
} satisfies Record<string, Section>

export type SectionName = keyof typeof SECTIONS
const isSection = (name: string): name is SectionName => Object.hasOwn(SECTIONS, name)

async function countOf(client: KnowledgeMapClient, name: SectionName): Promise<number> {
  const section: Section = SECTIONS[name]
  if (!section.links) return FIXED_PAGES.length
  return (await section.links(client, { page: 1, limit: 1 })).totalDocs
}

/** The index's files, e.g. `['pages-1', 'themes-1', …, 'products-1', 'products-2']`. */
export async function sitemapFiles(client: KnowledgeMapClient, maxUrls: number): Promise<string[]> {
  const names = Object.keys(SECTIONS) as SectionName[]
  const counts = await Promise.all(names.map((name) => countOf(client, name)))
  return names.flatMap((name, i) =>
    Array.from(
      { length: Math.max(1, Math.ceil(counts[i]! / maxUrls)) },
      (_, k) => `${name}-${k + 1}`,
    ),
  )
}

/** Parses a file name from the index; `undefined` for anything else. */
export function parseSitemapFile(file: string): { section: SectionName; part: number } | undefined {
  const match = /^([a-z-]+)-([1-9]\d{0,6})\.xml$/.exec(file)
  if (!match || !isSection(match[1]!)) return undefined
  return { section: match[1], part: Number(match[2]) }
}

/**
 * The URLs of one file: the section's records `(part-1)*maxUrls … part*maxUrls-1` by id, read in
 * pages of MAX_ITERATE_PAGE (whole pages when `maxUrls` is a multiple of it, as 50,000 is).
 * `undefined` when the section has no such part (it shrank since the index was read).
 */
export async function sitemapUrls(
  client: KnowledgeMapClient,
  section: SectionName,
  part: number,
  maxUrls: number,
): Promise<SitemapUrl[] | undefined> {
  const s: Section = SECTIONS[section]
  const from = (part - 1) * maxUrls
  if (!s.links || !s.path) {
    const urls = FIXED_PAGES.slice(from, from + maxUrls).map((p) => ({ url: absoluteUrl(p) }))
    return urls.length > 0 || part === 1 ? urls : undefined
  }
  const { links, path } = s
  const limit = MAX_ITERATE_PAGE
  const first = Math.floor(from / limit) + 1
  const last = Math.floor((from + maxUrls - 1) / limit) + 1
  const head = await links(client, { page: first, limit })
  if (from >= head.totalDocs && part > 1) return undefined
  const pageNumbers = []
  for (let p = first + 1; p <= Math.min(last, head.totalPages); p++) pageNumbers.push(p)
  const rest: Page<Link>[] = []
  // A few at a time: the CMS serves other visitors meanwhile.
  for (let i = 0; i < pageNumbers.length; i += 4) {
    const batch = pageNumbers.slice(i, i + 4)
    rest.push(...(await Promise.all(batch.map((p) => links(client, { page: p, limit })))))
  }
  const skip = from - (first - 1) * limit
  return [head, ...rest]
    .flatMap((page) => page.docs)
    .slice(skip, skip + maxUrls)
    .map((doc) => ({ url: absoluteUrl(path(doc.slug)), lastModified: doc.updatedAt }))
}

const escapeXml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  )

const entry = (tag: string, u: SitemapUrl) =>
  `<${tag}><loc>${escapeXml(u.url)}</loc>${u.lastModified ? `<lastmod>${escapeXml(u.lastModified)}</lastmod>` : ''}</${tag}>`

const XMLNS = 'http://www.sitemaps.org/schemas/sitemap/0.9'

export const urlsetXml = (urls: SitemapUrl[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${XMLNS}">\n${urls.map((u) => entry('url', u)).join('\n')}\n</urlset>\n`

export const sitemapIndexXml = (files: SitemapUrl[]): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${XMLNS}">\n${files.map((u) => entry('sitemap', u)).join('\n')}\n</sitemapindex>\n`

/** An XML answer. Browsers and crawlers revalidate; the CMS answers behind it are cached. */
export const xmlResponse = (xml: string): Response =>
  new Response(xml, {
    headers: {
      'Content-Type': 'application/xml; charset=utf-8',
      'Cache-Control': 'public, max-age=0, must-revalidate',
    },
  })

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
  })

export const notFound = (): Response => text(404, 'No such sitemap file: see /sitemap.xml.\n')

/** The CMS could not be read: 503 with Retry-After, so crawlers come back (never a 500). */
export function unavailable(err: unknown): Response {
  if (!(err instanceof KnowledgeMapError)) throw err
  return text(503, 'The sitemap cannot be read from the CMS right now.\n', { 'Retry-After': '120' })
}
