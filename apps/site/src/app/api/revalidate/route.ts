import { createHash, timingSafeEqual } from 'node:crypto'

import { revalidatePath, revalidateTag } from 'next/cache'
import { z } from 'zod'

import { env } from '@/env'
import { CMS_TAG, collectionTag } from '@/lib/cms'

const BodySchema = z
  .object({
    /** The collection that changed, e.g. `knowledge-products`. */
    collection: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/)
      .optional(),
    /** The changed record's slug (informational; every page that may show it is refreshed). */
    slug: z.string().max(200).optional(),
    /** Extra site paths to refresh. */
    paths: z
      .array(
        z
          .string()
          .regex(/^\/[^\s]*$/)
          .max(500),
      )
      .max(50)
      .optional(),
  })
  .strict()

const digest = (value: string) => createHash('sha256').update(value).digest()

function authorised(request: Request, secret: string): boolean {
  const header = request.headers.get('authorization') ?? ''
  const given = header.startsWith('Bearer ')
    ? header.slice('Bearer '.length)
    : (request.headers.get('x-revalidate-secret') ?? '')
  return given.length > 0 && timingSafeEqual(digest(given), digest(secret))
}

const problem = (status: number, title: string, detail?: unknown) =>
  Response.json({ title, status, detail }, { status, headers: { 'Cache-Control': 'no-store' } })

/**
 * `POST /api/revalidate`: the CMS calls it after a published change (with the shared
 * `REVALIDATE_SECRET` as a bearer token). Cached CMS answers are expired at once, so the next
 * request of any page reads the change; without a call, they expire after REVALIDATE_SECONDS.
 */
export async function POST(request: Request): Promise<Response> {
  const { revalidateSecret } = env()
  if (!revalidateSecret) return problem(503, 'REVALIDATE_SECRET is not configured on the site.')
  if (!authorised(request, revalidateSecret)) return problem(401, 'Wrong or missing secret.')

  let body: unknown = {}
  const text = await request.text()
  if (text.trim() !== '') {
    try {
      body = JSON.parse(text)
    } catch {
      return problem(400, 'The body is not JSON.')
    }
  }
  const parsed = BodySchema.safeParse(body)
  if (!parsed.success) {
    return problem(
      400,
      'Invalid body.',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    )
  }
  const { collection, paths = [] } = parsed.data
  // Relations cross collections (a product's title shows on needs, themes and partnerships, and
  // the map counts products), so every CMS answer is expired, not only the collection's.
  const tags = [CMS_TAG, ...(collection ? [collectionTag(collection)] : [])]
  for (const tag of tags) revalidateTag(tag, { expire: 0 })
  revalidatePath('/', 'layout')
  for (const path of paths) revalidatePath(path)
  return Response.json(
    { revalidated: true, tags, paths: ['/', ...paths], at: new Date().toISOString() },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}
