import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import { getEnv } from '../env'
import { afterCommit } from '../lib/writes'
import { isVisible, readLive, takeLiveBefore } from './liveBefore'

/** How long the CMS waits for the site before giving up (the write never waits on it). */
export const REVALIDATE_TIMEOUT_MS = 3000

type Doc = { slug?: string | null; _status?: 'draft' | 'published' | null }

export type RevalidateTarget = { siteUrl: string; secret: string | undefined }

/**
 * Tells the public site that published content changed: `POST {SITE_URL}/api/revalidate` with the
 * shared `REVALIDATE_SECRET`. Fire-and-forget: it returns at once, gives up after
 * REVALIDATE_TIMEOUT_MS and only logs a failure, so a slow or absent site never fails a CMS write.
 * Returns the pending request (tests await it; hooks don't).
 */
export function notifySite(
  req: Pick<PayloadRequest, 'payload'>,
  body: { collection: string; slug?: string },
  target: RevalidateTarget = { siteUrl: getEnv().SITE_URL, secret: getEnv().REVALIDATE_SECRET },
): Promise<boolean> {
  if (!target.secret) return Promise.resolve(false)
  const url = `${target.siteUrl.replace(/\/+$/, '')}/api/revalidate`
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${target.secret}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(REVALIDATE_TIMEOUT_MS),
  }).then(
    (res) => {
      if (!res.ok) req.payload.logger.warn(`Site revalidation answered ${res.status} (${url}).`)
      return res.ok
    },
    (err: unknown) => {
      req.payload.logger.warn(
        `Site revalidation failed (${url}): ${err instanceof Error ? err.message : String(err)}`,
      )
      return false
    },
  )
}

/**
 * Whether a change is visible to the public: the new or the previous version is published (so
 * publishing, editing a published record and unpublishing all count; saving a draft does not).
 * Collections without drafts have no `_status` and always count.
 */
export function isPublicChange(doc: Doc | undefined, previousDoc: Doc | undefined): boolean {
  const statusOf = (d: Doc | undefined) => (d && '_status' in d ? d._status : undefined)
  const now = statusOf(doc)
  const before = statusOf(previousDoc)
  if (now === undefined && before === undefined) return true
  return now === 'published' || before === 'published'
}

const pending = new WeakMap<PayloadRequest, Map<string, { collection: string; slug?: string }>>()

/**
 * Revalidates the site once the request's write is committed (`afterCommit`): asking during the
 * transaction would let the site re-read the old rows. Several changes of one page in one request
 * are sent once.
 */
export function queueRevalidation(
  req: PayloadRequest,
  body: { collection: string; slug?: string },
): void {
  const key = `${body.collection}:${body.slug ?? ''}`
  const batch = pending.get(req)
  if (batch) {
    batch.set(key, body)
    return
  }
  const items = new Map([[key, body]])
  pending.set(req, items)
  afterCommit(req, () => {
    pending.delete(req)
    for (const item of items.values()) void notifySite(req, item)
  })
}

/**
 * `afterChange` hook: revalidates the site when what the public sees changed. For collections with
 * drafts that is decided from the live document before and after the write (not from Payload's
 * `previousDoc`, the latest version): publishing, editing live, unpublishing and trashing count,
 * also when the record has a pending draft; a draft save does not.
 */
export const revalidateSiteAfterChange: CollectionAfterChangeHook = async ({
  collection,
  doc,
  previousDoc,
  req,
  context,
  operation,
}) => {
  const slug = (doc as Doc).slug ?? undefined
  const before = operation === 'update' ? takeLiveBefore(req, collection.slug, doc.id) : undefined
  if (context?.skipRevalidate) return doc
  const drafts = Boolean(
    collection.versions && typeof collection.versions === 'object' && collection.versions.drafts,
  )
  if (!drafts) {
    if (isPublicChange(doc as Doc, previousDoc as Doc))
      queueRevalidation(req, { collection: collection.slug, slug })
    return doc
  }
  const after = await readLive(req, collection.slug, doc.id)
  const wasVisible = before?.visible ?? false
  const isNowVisible = isVisible(after)
  const liveChanged =
    !before || before.updatedAt !== ((after?.updatedAt as string | undefined) ?? null)
  if ((wasVisible || isNowVisible) && (wasVisible !== isNowVisible || liveChanged)) {
    queueRevalidation(req, {
      collection: collection.slug,
      slug: (after?.slug as string | undefined) ?? slug,
    })
    if (before?.slug && before.slug !== after?.slug) {
      queueRevalidation(req, { collection: collection.slug, slug: before.slug })
    }
  }
  return doc
}

/** `afterDelete` hook: revalidates the site when a record was deleted. */
export const revalidateSiteAfterDelete: CollectionAfterDeleteHook = ({
  collection,
  doc,
  req,
  context,
}) => {
  if (context?.skipRevalidate) return doc
  queueRevalidation(req, { collection: collection.slug, slug: (doc as Doc).slug ?? undefined })
  return doc
}
