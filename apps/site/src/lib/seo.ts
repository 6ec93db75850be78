import type { Metadata } from 'next'

import { env } from '@/env'

export const SITE_NAME = 'Dialogue & Dissent Knowledge Map'
export const PUBLISHER = 'Partos'

/** The absolute URL of a site path. */
export const absoluteUrl = (path: string): string => new URL(path, `${env().siteUrl}/`).toString()

/** Title, meta description, canonical URL and Open Graph / Twitter tags of a page. */
export function pageMetadata(init: {
  title: string
  description: string
  /** The canonical path, query included when the view is a query (e.g. `/products?theme=x`). */
  path: string
  type?: 'website' | 'article'
  noindex?: boolean
  /** The page's Atom feed path (`/feeds/…`), announced with `<link rel="alternate">`. */
  feed?: { path: string; title: string }
}): Metadata {
  const url = absoluteUrl(init.path)
  const description = truncate(init.description, 300)
  return {
    title: init.title,
    description,
    alternates: {
      canonical: url,
      types: init.feed
        ? { 'application/atom+xml': [{ url: absoluteUrl(init.feed.path), title: init.feed.title }] }
        : undefined,
    },
    openGraph: {
      title: init.title,
      description,
      url,
      siteName: SITE_NAME,
      type: init.type ?? 'website',
      locale: 'en_GB',
    },
    twitter: { card: 'summary', title: init.title, description },
    robots: init.noindex ? { index: false, follow: true } : undefined,
  }
}

/** Shortens text to `max` characters at a word boundary. */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const cut = clean.slice(0, max - 1)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()}…`
}

/** Serialises JSON-LD safely for a `<script>` element (no `</script>` break-out). */
export const jsonLd = (data: unknown): string =>
  JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, '')

/** The licence of the map's own data (records, links, coverage); products keep their own. */
export const DATA_LICENCE = {
  name: 'Creative Commons Attribution 4.0 (CC BY 4.0)',
  url: 'https://creativecommons.org/licenses/by/4.0/',
}
