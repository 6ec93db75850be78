import { COLLECTIONS } from '@repo/types'
import {
  type CollectionAfterReadHook,
  type CollectionBeforeOperationHook,
  type CollectionSlug,
  createDataloaderCacheKey,
  type Payload,
} from 'payload'

import { cachedRead } from './readCache'

type Populate = Record<string, Record<string, unknown>>

/** The product's relationship fields served from cached references, and what they point at. */
const CACHED_RELATIONS: Record<string, CollectionSlug> = {
  partnerships: COLLECTIONS.partnerships,
  themes: COLLECTIONS.themes,
  organisations: COLLECTIONS.organisations,
  learningNeeds: COLLECTIONS.learningNeeds,
}
/** Upload relations: populated through Payload's own dataloader, as its populate does. */
const UPLOAD_RELATIONS: Record<string, CollectionSlug> = { file: COLLECTIONS.media }

const CONTEXT = 'cachedPopulate'
/** Context flag that leaves a read to Payload's own populate (tests compare the two). */
export const BYPASS = 'payloadPopulate'

/**
 * Every record of a small reference collection as an anonymous reader sees it, with the
 * requested fields, fetched exactly as Payload's populate fetches them (its dataloader: the
 * select plus `deletedAt` and trashed records included where the collection has a trash, the
 * reader's access applied), so each id maps to what populate would give. Cached until content
 * changes.
 */
function refsOf(payload: Payload, collection: CollectionSlug, select: Record<string, unknown>) {
  const trash = Boolean(payload.collections[collection]?.config.trash)
  return cachedRead(payload, `refs:${collection}:${JSON.stringify(select)}`, async () => {
    const found = await payload.find({
      collection,
      depth: 0,
      disableErrors: true,
      pagination: false,
      overrideAccess: false,
      select: (trash ? { ...select, deletedAt: true } : select) as never,
      ...(trash ? { trash: true } : {}),
    })
    const docs = found.docs as unknown as Record<string, unknown>[]
    return new Map(docs.map((d) => [String(d.id), d]))
  })
}

/**
 * `beforeOperation`: a public (anonymous, published) read at depth 1 with a `populate` select,
 * which is what the SDK sends, is run at depth 0 and its references are filled in from cached
 * reference lists by `fillCachedReferences`. Payload's own populate re-reads and re-runs the
 * read hooks of every referenced record for every page (two thirds of a 20-product page's time);
 * the references are four small collections. Anything else (a signed-in user, drafts, other
 * depths, an upload to populate) is left to Payload.
 */
export const populateFromCache: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'read' || req.user || req.context[BYPASS]) return args
  const a = args as { depth?: unknown; draft?: unknown; populate?: Populate; select?: object }
  if (Number(a.depth) !== 1 || a.draft || !a.populate || !a.select) return args
  const select = a.select as Record<string, unknown>
  const populate = a.populate
  const relations = { ...CACHED_RELATIONS, ...UPLOAD_RELATIONS }
  if (Object.entries(relations).some(([f, c]) => select[f] && !populate[c])) return args
  req.context[CONTEXT] = populate
  return { ...args, depth: 0 }
}

/** `afterRead`: replaces the relation ids of a `populateFromCache` read with their references. */
export const fillCachedReferences: CollectionAfterReadHook = async ({ doc, req, context }) => {
  const populate = context[CONTEXT] as Populate | undefined
  if (!populate) return doc
  for (const [field, collection] of Object.entries(CACHED_RELATIONS)) {
    const value = (doc as Record<string, unknown>)[field]
    if (!Array.isArray(value)) continue
    const refs = await refsOf(req.payload, collection, populate[collection] ?? {})
    // As Payload's populate: a trashed record becomes null, one the reader may not see stays an id.
    ;(doc as Record<string, unknown>)[field] = value.map((id: unknown) => {
      if (id === null || typeof id === 'object') return id
      const ref = refs.get(String(id))
      return ref ? (ref.deletedAt ? null : ref) : id
    })
  }
  for (const [field, collection] of Object.entries(UPLOAD_RELATIONS)) {
    const id = (doc as Record<string, unknown>)[field]
    if (typeof id !== 'string' && typeof id !== 'number') continue
    const populated = await req.payloadDataLoader.load(
      createDataloaderCacheKey({
        collectionSlug: collection,
        currentDepth: 1,
        depth: 1,
        docID: id,
        draft: false,
        fallbackLocale: req.fallbackLocale as never,
        locale: req.locale as never,
        overrideAccess: false,
        populate,
        select: populate[collection] as never,
        showHiddenFields: false,
        transactionID: req.transactionID as never,
      }),
    )
    ;(doc as Record<string, unknown>)[field] = populated ?? id
  }
  return doc
}
