import {
  type CellDates,
  createClient,
  type KnowledgeMapClient,
  KnowledgeMapError,
  type MatrixAxis,
} from '@repo/types'
import { connection } from 'next/server'

import { env } from '@/env'

/** Every cached CMS answer carries this tag; `POST /api/revalidate` expires it. */
export const CMS_TAG = 'cms'

/** The tag of one collection's answers (`cms:knowledge-products`, `cms:map`, …). */
export const collectionTag = (collection: string) => `${CMS_TAG}:${collection}`

/**
 * `fetch` for the SDK: answers go to Next's data cache, tagged for on-demand revalidation, with a
 * time-based fallback (`REVALIDATE_SECONDS`).
 */
function taggedFetch(): typeof fetch {
  const { revalidateSeconds } = env()
  return ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const collection = url.pathname.replace(/^.*?\/api\//, '').split('/')[0] ?? ''
    return fetch(input, {
      ...init,
      next: { revalidate: revalidateSeconds, tags: [CMS_TAG, collectionTag(collection)] },
    })
  }) as typeof fetch
}

/**
 * The SDK client for this request. Awaiting `connection()` makes every page that reads the CMS
 * render at request time: `next build` never needs the CMS, and `pnpm start` may start the site
 * before the CMS is up.
 */
export async function cms(): Promise<KnowledgeMapClient> {
  await connection()
  return createClient({ baseUrl: env().cmsUrl, fetch: taggedFetch(), timeoutMs: 15_000 })
}

/** True for the SDK's "no such record" error, which pages turn into a 404. */
export const isNotFound = (err: unknown): boolean =>
  err instanceof KnowledgeMapError && err.status === 404

/** The public URL of a CMS file path such as `/api/media/file/x.pdf` (never the internal host). */
export const cmsFileUrl = (url: string | null | undefined): string | undefined =>
  url ? new URL(url, `${env().cmsPublicUrl}/`).toString() : undefined

/** The longest the map and need pages wait for the cells' dates. */
const CELL_DATES_WAIT_MS = 3000

/**
 * When the map's cells and needs last changed, or no dates (and `available: false`) when the
 * CMS cannot say just now: the map and need pages still render, without dates.
 */
export async function cellDatesOrNone(
  client: KnowledgeMapClient,
  axis: MatrixAxis,
): Promise<{ dates: CellDates; available: boolean }> {
  try {
    // Dates are an extra: the page does not wait long for them.
    const signal = AbortSignal.timeout(CELL_DATES_WAIT_MS)
    return { dates: await client.map.cellDates({ axis }, { signal }), available: true }
  } catch (err) {
    if (err instanceof KnowledgeMapError) return { dates: { axis, rows: {} }, available: false }
    throw err
  }
}
