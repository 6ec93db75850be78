/**
 * Atom feeds (RFC 4287) of the map's views. Built with the `feed` library; entry ids are `tag:`
 * URIs (RFC 4151) on the site's host, so they stay the same across deployments and rebuilds.
 */
import { createHash } from 'node:crypto'

import { Feed } from 'feed'

import { env } from '@/env'
import { isNotFound } from '@/lib/cms'
import { absoluteUrl, DATA_LICENCE, PUBLISHER, SITE_NAME } from '@/lib/seo'

import { pathSegments } from './pathSegments'

/** The year the map's tag URIs were minted: part of every id, never to change. */
const TAG_DATE = '2026'

/** A `tag:` URI for a thing on the map, e.g. `tagUri('products', slug)`. */
export function tagUri(...parts: string[]): string {
  const host = new URL(env().siteUrl).hostname
  return `tag:${host},${TAG_DATE}:${parts.map(encodeURIComponent).join('/')}`
}

export type FeedEntry = {
  id: string
  title: string
  /** The page on the site the entry is about (absolute). */
  link: string
  updated: Date
  published?: Date
  summary?: string | null
  categories?: string[]
}

export type FeedInit = {
  id: string
  title: string
  subtitle?: string
  /** The feed's own path, query included (`/feeds/products.atom?theme=x`). */
  selfPath: string
  /** The page the feed follows (`/products?theme=x`). */
  htmlPath: string
  entries: FeedEntry[]
}

// The library writes text as type="html" in CDATA: escape it, so that plain text stays plain
// text in every reader (and "]]>" can never end the CDATA section early).
const text = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The newest `updated` of the entries, or the epoch for an empty feed. */
export const lastUpdated = (entries: FeedEntry[]): Date =>
  new Date(Math.max(0, ...entries.map((e) => e.updated.getTime())))

export function atom(init: FeedInit): string {
  const feed = new Feed({
    id: init.id,
    title: init.title,
    description: init.subtitle,
    link: absoluteUrl(init.htmlPath),
    feedLinks: { atom: absoluteUrl(init.selfPath) },
    updated: lastUpdated(init.entries),
    author: { name: PUBLISHER, link: absoluteUrl('/about') },
    copyright: `${SITE_NAME}: ${DATA_LICENCE.name}`,
    generator: SITE_NAME,
  })
  for (const e of init.entries) {
    feed.addItem({
      id: e.id,
      title: text(e.title),
      link: e.link,
      date: e.updated,
      published: e.published,
      description: e.summary ? text(e.summary) : undefined,
      // Categories are attributes, which the library escapes (our vocabulary has no quotes).
      category: (e.categories ?? []).map((name) => ({ term: name, name })),
    })
  }
  return feed.atom1()
}

/**
 * The feed as a response, with conditional GET: a strong ETag over the body and Last-Modified
 * from the newest entry; a matching If-None-Match (or, without one, an If-Modified-Since at or
 * after it) gets 304 Not Modified.
 */
export function feedResponse(request: Request, init: FeedInit): Response {
  const body = atom(init)
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
  const modified = lastUpdated(init.entries)
  // HTTP dates have whole seconds.
  modified.setMilliseconds(0)
  const headers = {
    'content-type': 'application/atom+xml; charset=utf-8',
    etag,
    'last-modified': modified.toUTCString(),
    'cache-control': 'public, max-age=60',
  }
  const inm = request.headers.get('if-none-match')
  const ims = request.headers.get('if-modified-since')
  const notModified = inm
    ? inm.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}` || t.trim() === '*')
    : ims !== null && !Number.isNaN(Date.parse(ims)) && Date.parse(ims) >= modified.getTime()
  if (notModified) return new Response(null, { status: 304, headers })
  return new Response(body, { status: 200, headers })
}

/** A plain-text 4xx for a feed request that cannot be answered, with the reason. */
export const feedProblem = (status: number, message: string): Response =>
  new Response(`${message}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  })

/** `/feeds/<kind>/<slug>.atom` → the slug, or undefined when the file does not end in .atom. */
export const slugOfFeedFile = (file: string): string | undefined =>
  /^[a-z0-9][a-z0-9-]*\.atom$/.test(file) ? file.slice(0, -'.atom'.length) : undefined

/**
 * The GET handler of `/feeds/<kind>/<slug>.atom`: the feed `build(slug)` makes, 404 with the
 * reason for a bad file name or an unknown slug.
 */
export const slugFeedRoute =
  (build: (slug: string) => Promise<FeedInit>) =>
  async (request: Request): Promise<Response> => {
    const file = pathSegments(request, 3)[0]
    if (file === null)
      return feedProblem(400, 'The feed name has an escape (%…) that is not UTF-8 text.')
    const slug = file === undefined ? null : slugOfFeedFile(file)
    if (!slug) return feedProblem(404, 'No such feed: feed names end in .atom.')
    try {
      return feedResponse(request, await build(slug))
    } catch (err) {
      if (isNotFound(err)) {
        return feedProblem(404, `No such feed: nothing on the map is called "${slug}".`)
      }
      throw err
    }
  }
