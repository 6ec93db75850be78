import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import { getEnv } from '../env'

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

/** `afterChange` hook: revalidates the site when a published record changed. */
export const revalidateSiteAfterChange: CollectionAfterChangeHook = ({
  collection,
  doc,
  previousDoc,
  req,
  context,
}) => {
  if (context?.skipRevalidate) return doc
  if (isPublicChange(doc as Doc, previousDoc as Doc)) {
    void notifySite(req, { collection: collection.slug, slug: (doc as Doc).slug ?? undefined })
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
  void notifySite(req, { collection: collection.slug, slug: (doc as Doc).slug ?? undefined })
  return doc
}
