/**
 * A per-client rate limit for the public aggregate endpoints (facets, matrix), as the export
 * service has: a fixed window per client address; past the limit a 429 problem with
 * `Retry-After`. The client is the rightmost public address in `X-Forwarded-For` (Next adds the
 * peer; a proxy in front appends its client), so private and loopback hops (the proxy, the
 * site's and the export service's servers on the internal network) are skipped and cannot be
 * spoofed from outside; a request with no public address at all comes from inside and is not
 * limited.
 */
import { isIP } from 'node:net'

export type RateLimiter = {
  /** Counts a request; returns the seconds to wait when it is over the limit, else null. */
  hit(client: string | null, now?: number): number | null
}

export function createRateLimiter(options: { limit: number; windowMs: number }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    hit(client, now = Date.now()) {
      if (client === null) return null
      if (windows.size > 50_000) {
        for (const [k, w] of windows) if (now - w.start >= options.windowMs) windows.delete(k)
      }
      let w = windows.get(client)
      if (!w || now - w.start >= options.windowMs) {
        w = { start: now, count: 0 }
        windows.set(client, w)
      }
      w.count++
      if (w.count <= options.limit) return null
      return Math.max(1, Math.ceil((w.start + options.windowMs - now) / 1000))
    },
  }
}

const PRIVATE_V4 = [
  /^10\./,
  /^127\./,
  /^192\.168\./,
  /^172\.(1[6-9]|2\d|3[01])\./,
  /^169\.254\./,
  /^0\./,
]

function isPrivate(address: string): boolean {
  const a = address.replace(/^::ffff:/i, '')
  if (isIP(a) === 4) return PRIVATE_V4.some((r) => r.test(a))
  const lower = a.toLowerCase()
  return lower === '::1' || lower === '::' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower)
}

/** The client's public address, or null for a request from the internal network. */
export function clientAddress(headers: Headers): string | null {
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim().replace(/^\[|\]$/g, ''))
    .filter((h) => isIP(h.replace(/^::ffff:/i, '')) !== 0)
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isPrivate(hops[i]!)) return hops[i]!
  }
  return null
}

/** Requests per client per minute on the aggregate endpoints (facets and matrix together). */
export const AGGREGATE_LIMIT = 120
export const AGGREGATE_WINDOW_MS = 60_000

export const aggregateLimiter = createRateLimiter({
  limit: AGGREGATE_LIMIT,
  windowMs: AGGREGATE_WINDOW_MS,
})

/** The 429 answer, or null when the request may go on. */
export function rateLimited(
  headers: Headers,
  limiter: RateLimiter = aggregateLimiter,
): Response | null {
  const wait = limiter.hit(clientAddress(headers))
  if (wait === null) return null
  const detail = `At most ${AGGREGATE_LIMIT} requests per minute to the map's counts from one address. Try again in ${wait} s.`
  return Response.json(
    {
      type: 'urn:knowledge-map:problem:rate-limited',
      title: 'Too many requests',
      status: 429,
      detail,
      errors: [{ message: detail }],
    },
    {
      status: 429,
      headers: {
        'Content-Type': 'application/problem+json',
        'Retry-After': String(wait),
        'Cache-Control': 'no-store',
      },
    },
  )
}
