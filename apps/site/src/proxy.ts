import { type NextRequest, NextResponse } from 'next/server'

import { env } from '@/env'
import { decideUrl, invalidPage, isUtf8Path } from '@/lib/urlPolicy'
import { SITE_NAME } from '@/lib/seo'

/** Canonical URLs before any page renders (see lib/urlPolicy). */
export function proxy(request: NextRequest): NextResponse {
  // Next's own requests (client navigation, prefetch) carry `_rsc` and are left to the page.
  if (request.headers.get('rsc') || request.nextUrl.searchParams.has('_rsc')) {
    return NextResponse.next()
  }
  // Feeds are files (`.atom`) with their own queries: only a path that is not UTF-8 is refused
  // here, before Next's route params would throw on it.
  if (request.nextUrl.pathname.startsWith('/feeds/')) {
    if (isUtf8Path(request.nextUrl.pathname)) return NextResponse.next()
    return new NextResponse('The feed address has an escape (%…) that is not UTF-8 text.\n', {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    })
  }
  const decision = decideUrl(request.nextUrl.pathname, request.nextUrl.search)
  if (decision.kind === 'ok') return NextResponse.next()
  if (decision.kind === 'redirect') {
    // On the configured public origin: the Host header a proxy passes on never ends up in it.
    return NextResponse.redirect(new URL(decision.location, `${env().siteUrl}/`), 307)
  }
  return new NextResponse(invalidPage(decision, SITE_NAME), {
    status: 400,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}

export const config = {
  // Pages only: not Next's assets, the API routes or files such as robots.txt and sitemap.xml.
  matcher: ['/((?!_next/|api/|.*\\.[A-Za-z0-9]+$).*)', '/feeds/:path*'],
}
