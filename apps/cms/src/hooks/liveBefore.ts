import type { CollectionBeforeChangeHook, CollectionSlug, PayloadRequest } from 'payload'

type Id = string | number

/** The stored (live) document as it was before this request changed it. */
export type LiveSnapshot = {
  /** `_status: 'published'`, in the trash or not. */
  published: boolean
  visible: boolean
  updatedAt: string | null
  slug: string | null
  learningNeeds: unknown
}

const snapshots = new WeakMap<PayloadRequest, Map<string, LiveSnapshot>>()
const key = (slug: string, id: Id) => `${slug}:${String(id)}`

/** Published and not in the trash: what the public sees. */
export const isVisible = (doc: Record<string, unknown> | null | undefined): boolean =>
  Boolean(doc && doc._status === 'published' && !doc.deletedAt)

/** Reads the stored document (never a draft version) inside the request's transaction. */
export async function readLive(req: PayloadRequest, slug: string, id: Id) {
  return (await req.payload.db.findOne({
    collection: slug as CollectionSlug,
    where: { id: { equals: id } },
    req,
  })) as Record<string, unknown> | null
}

/**
 * `beforeChange` for collections with drafts: remembers the live document before the write.
 * Payload's `previousDoc` is the latest version, which may be a newer draft; what the public saw
 * (for revalidation) and which needs the product linked live (for coverage) come from here.
 */
export const rememberLiveBefore: CollectionBeforeChangeHook = async ({
  collection,
  data,
  operation,
  originalDoc,
  req,
}) => {
  const id = originalDoc?.id as Id | undefined
  if (operation !== 'update' || id === undefined) return data
  const k = key(collection.slug, id)
  const map = snapshots.get(req) ?? new Map<string, LiveSnapshot>()
  snapshots.set(req, map)
  // The first snapshot of a request is the one before any of its writes.
  if (map.has(k)) return data
  const live = await readLive(req, collection.slug, id)
  map.set(k, {
    published: live?._status === 'published',
    visible: isVisible(live),
    updatedAt: (live?.updatedAt as string | undefined) ?? null,
    slug: (live?.slug as string | undefined) ?? null,
    learningNeeds: live?.learningNeeds,
  })
  return data
}

/** The snapshot `rememberLiveBefore` took, and forgets it (a later write takes a fresh one). */
export function takeLiveBefore(
  req: PayloadRequest,
  slug: string,
  id: Id,
): LiveSnapshot | undefined {
  const map = snapshots.get(req)
  const k = key(slug, id)
  const found = map?.get(k)
  map?.delete(k)
  return found
}

/** The snapshot without forgetting it (for hooks that run before the one that takes it). */
export function peekLiveBefore(
  req: PayloadRequest,
  slug: string,
  id: Id,
): LiveSnapshot | undefined {
  return snapshots.get(req)?.get(key(slug, id))
}
