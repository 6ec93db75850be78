/**
 * The public proposal form's checks, done on the server before anything reaches the CMS: a
 * honeypot field, a signed time stamp (people take seconds to fill a form, bots milliseconds),
 * and a rate limit per client. No third-party service, no cookie.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

import { env } from '@/env'

/** A person needs at least this long to fill the form. */
export const MIN_FILL_MS = 3_000
/** A form older than this is stale: send it again (the values are kept). */
export const MAX_FILL_MS = 24 * 60 * 60 * 1000
/** Proposals per client per window. */
export const RATE_LIMIT = { max: 5, windowMs: 10 * 60 * 1000 }
export { HONEYPOT } from '@/lib/proposalNames'

// Without a configured secret, a per-process key: tokens then last until a restart.
const processKey = randomBytes(32)
const key = () => env().revalidateSecret ?? processKey

const sign = (issuedAt: number) =>
  createHmac('sha256', key()).update(`proposal:${issuedAt}`).digest('base64url')

/** A time stamp the form carries, signed so that it cannot be forged. */
export const formToken = (now = Date.now()): string => `${now}.${sign(now)}`

export type TokenCheck = 'ok' | 'too-fast' | 'stale' | 'invalid'

export function checkToken(token: unknown, now = Date.now()): TokenCheck {
  if (typeof token !== 'string') return 'invalid'
  const [at, mac] = token.split('.')
  const issuedAt = Number(at)
  if (!Number.isSafeInteger(issuedAt) || !mac) return 'invalid'
  const expected = Buffer.from(sign(issuedAt))
  const given = Buffer.from(mac)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid'
  const elapsed = now - issuedAt
  if (elapsed < MIN_FILL_MS) return 'too-fast'
  if (elapsed > MAX_FILL_MS) return 'stale'
  return 'ok'
}

const hits = new Map<string, number[]>()

/** Counts a proposal from `client`; false when it is over the limit. In memory, per process. */
export function allowProposal(client: string, now = Date.now()): boolean {
  const recent = (hits.get(client) ?? []).filter((t) => now - t < RATE_LIMIT.windowMs)
  if (recent.length >= RATE_LIMIT.max) {
    hits.set(client, recent)
    return false
  }
  recent.push(now)
  hits.set(client, recent)
  if (hits.size > 10_000) hits.delete(hits.keys().next().value!)
  return true
}
