import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, PayloadRequest } from 'payload'

import { clearReadCache, clearReadCacheOnCommit } from '../perf/readCache'

async function clear(req: PayloadRequest): Promise<void> {
  clearReadCache()
  // A read between this hook and the commit would still see the old rows: clear again then.
  if (req.transactionID) clearReadCacheOnCommit(await req.transactionID)
}

/** `afterChange`: content the map and the listings count changed, so the cached answers go. */
export const clearReadCacheAfterChange: CollectionAfterChangeHook = async ({ doc, req }) => {
  await clear(req)
  return doc
}

/** `afterDelete`: as `clearReadCacheAfterChange`. */
export const clearReadCacheAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await clear(req)
  return doc
}
