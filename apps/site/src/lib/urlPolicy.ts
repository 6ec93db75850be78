/**
 * One URL per view: what the site does with a page's query string before rendering it.
 * - Parameters that are not the page's own (`fbclid`, `utm_*`, `gclid`, anything else) are
 *   dropped by a redirect to the canonical URL, so shared links keep working.
 * - A parameter of the page with a bad value is a 400 page that names it and links to the view
 *   without it.
 * - Any other spelling of the same view (order, defaults, duplicates) redirects to the canonical.
 * The filtered pages use the shared filter languages of @repo/types; other pages take no query.
 */
import {
  type FilterIssue,
  learningNeedFilters,
  parseChangeFilter,
  productFilters,
} from '@repo/types'

import { parseAsOfOnly, parseMapView } from './dated'

export type UrlDecision =
  | { kind: 'ok' }
  | { kind: 'redirect'; location: string }
  | {
      kind: 'invalid'
      issues: FilterIssue[]
      /** The view without the bad parameters. */ fixed: string
    }

type Parsed = { ok: true; query: string } | { ok: false; issues: FilterIssue[] }

/** Pages whose query string is a view, with its parser (unknown parameters allowed: dropped). */
const VIEWS: Record<string, (params: URLSearchParams) => Parsed> = {
  '/': (params) => parseMapView(params),
  '/changes': (params) => parseChangeFilter(params, { allowUnknown: true }),
  '/products': (params) => {
    const r = productFilters.safeParse(params, { allowUnknown: true })
    return r.ok
      ? { ok: true, query: productFilters.toSearchParams(r.filter).toString() }
      : { ok: false, issues: r.error.issues }
  },
  '/learning-needs': (params) => {
    const r = learningNeedFilters.safeParse(params, { allowUnknown: true })
    return r.ok
      ? { ok: true, query: learningNeedFilters.toSearchParams(r.filter).toString() }
      : { ok: false, issues: r.error.issues }
  },
}

const withQuery = (path: string, query: string) => (query ? `${path}?${query}` : path)

/** Whether a path's escapes decode as UTF-8 text (Next's route params throw on `%FF`). */
export function isUtf8Path(pathname: string): boolean {
  try {
    decodeURIComponent(pathname)
    return true
  } catch {
    return false
  }
}

/** What to do with a request for `pathname?search`. */
export function decideUrl(pathname: string, search: string): UrlDecision {
  // Next answers a path whose escapes are not UTF-8 (`/products/%FF`) with a 500: refuse it here.
  if (!isUtf8Path(pathname)) {
    return {
      kind: 'invalid',
      issues: [
        { param: 'path', message: 'The address has an escape (%…) that is not UTF-8 text.' },
      ],
      fixed: '/',
    }
  }
  // `/products/` is `/products` (Next's own trailing-slash redirect is switched off: it copies
  // the query into Location undecoded-and-reencoded wrongly for some non-ASCII queries).
  if (pathname.length > 1 && pathname.endsWith('/')) {
    const stripped = pathname.replace(/\/+$/, '') || '/'
    const next = decideUrl(stripped, search)
    if (next.kind !== 'ok') return next
    const query = search.replace(/^\?/, '')
    return {
      kind: 'redirect',
      location: withQuery(stripped, new URLSearchParams(query).toString()),
    }
  }
  const raw = search.replace(/^\?/, '')
  let params: URLSearchParams
  try {
    params = new URLSearchParams(raw)
  } catch {
    return { kind: 'redirect', location: pathname }
  }
  // A need's page is a view too: dated by `asOf`.
  const parse =
    VIEWS[pathname] ?? (/^\/learning-needs\/[^/]+$/.test(pathname) ? parseAsOfOnly : undefined)
  if (!parse) return raw === '' ? { kind: 'ok' } : { kind: 'redirect', location: pathname }
  const parsed = parse(params)
  if (!parsed.ok) {
    const bad = new Set(parsed.issues.map((i) => i.param))
    const rest = new URLSearchParams([...params].filter(([k]) => !bad.has(k)))
    const again = parse(rest)
    return {
      kind: 'invalid',
      issues: parsed.issues,
      fixed: withQuery(pathname, again.ok ? again.query : ''),
    }
  }
  if (parsed.query === params.toString() && raw === params.toString()) return { kind: 'ok' }
  return { kind: 'redirect', location: withQuery(pathname, parsed.query) }
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The 400 page: the reasons, and a link to the view without the bad parameters. */
export function invalidPage(
  decision: Extract<UrlDecision, { kind: 'invalid' }>,
  siteName: string,
): string {
  const reasons = decision.issues
    .map((i) => `<li><code>${escape(i.param)}</code>: ${escape(i.message)}</li>`)
    .join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>This view cannot be shown · ${escape(siteName)}</title>
<meta name="robots" content="noindex">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}a{color:#0b57d0}code{background:#f1f1f1;padding:0 .2em}</style>
</head><body><main>
<h1>This view cannot be shown</h1>
<p>The link has a value the map does not understand:</p>
<ul>${reasons}</ul>
<p><a href="${escape(decision.fixed)}">Show the view without ${decision.issues.length === 1 ? 'it' : 'them'}</a> · <a href="/">The map</a></p>
</main></body></html>
`
}
