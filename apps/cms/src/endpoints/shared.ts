import { timingSafeEqual } from 'node:crypto'

/** An `application/problem+json` answer. */
export const problem = (
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
): Response =>
  Response.json(
    { type: 'about:blank', title, status, detail, ...extra },
    { status, headers: { 'content-type': 'application/problem+json' } },
  )

/**
 * True when the request carries `Authorization: Bearer <secret>` (compared in constant time).
 * Always false without a configured secret: the endpoint is then closed.
 */
export function hasBearer(headers: Headers, secret: string | undefined): boolean {
  const auth = headers.get('authorization') ?? ''
  if (!secret || !auth.startsWith('Bearer ')) return false
  const a = Buffer.from(auth.slice(7))
  const b = Buffer.from(secret)
  return a.length === b.length && timingSafeEqual(a, b)
}
