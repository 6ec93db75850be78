/**
 * Public documents for ids an adapter found: read through the Local API as an anonymous visitor
 * (`overrideAccess: false`, no user), at depth 0 with the public projection of @repo/types
 * (`QUERY_SHAPES`), and their relations filled from the related records an anonymous visitor may
 * read, with the fields `POPULATE` names. Relations a visitor may not read stay bare ids, which
 * the SDK's schemas drop, as with Payload's own populate.
 */
import { COLLECTIONS, POPULATE, QUERY_SHAPES } from '@repo/types'
import type { CollectionSlug, Payload } from 'payload'

import type { Id } from './types'

type Doc = Record<string, unknown>

/** The product's relation fields and the collections they point at. */
const PRODUCT_RELATIONS: Record<string, CollectionSlug> = {
  partnerships: COLLECTIONS.partnerships,
  themes: COLLECTIONS.themes,
  organisations: COLLECTIONS.organisations,
  learningNeeds: COLLECTIONS.learningNeeds,
  file: COLLECTIONS.media,
}

const productSelect = Object.fromEntries(
  Object.keys(QUERY_SHAPES[COLLECTIONS.knowledgeProducts].schema.shape).map((k) => [k, true]),
)

/**
 * Reads related records on demand and keeps them for the resolver's life (one request, or one
 * export stream), so a stream of 100k products reads each theme or partnership once.
 */
export class RefResolver {
  private readonly known = new Map<CollectionSlug, Map<string, Doc | null>>()

  constructor(private readonly payload: Payload) {}

  async load(collection: CollectionSlug, ids: Id[]): Promise<void> {
    let cache = this.known.get(collection)
    if (!cache) this.known.set(collection, (cache = new Map()))
    const missing = [...new Set(ids.map(String))].filter((id) => !cache!.has(id))
    if (missing.length === 0) return
    const found = await this.payload.find({
      collection,
      where: { id: { in: missing } },
      depth: 0,
      pagination: false,
      overrideAccess: false,
      select: POPULATE[collection as keyof typeof POPULATE] as never,
    })
    for (const id of missing) cache.set(id, null)
    for (const doc of found.docs as unknown as Doc[]) cache.set(String(doc.id), doc)
  }

  get(collection: CollectionSlug, id: unknown): unknown {
    if (typeof id !== 'string' && typeof id !== 'number') return id
    return this.known.get(collection)?.get(String(id)) ?? id
  }
}

const idsIn = (value: unknown): Id[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (v): v is Id => typeof v === 'string' || typeof v === 'number',
  )

/** The public products with these ids, in the order given (ids no longer public are skipped). */
export async function publicProducts(
  payload: Payload,
  ids: Id[],
  refs: RefResolver = new RefResolver(payload),
): Promise<Doc[]> {
  if (ids.length === 0) return []
  const found = await payload.find({
    collection: COLLECTIONS.knowledgeProducts,
    where: { id: { in: ids } },
    depth: 0,
    pagination: false,
    overrideAccess: false,
    select: productSelect as never,
  })
  const docs = found.docs as unknown as Doc[]
  await Promise.all(
    Object.entries(PRODUCT_RELATIONS).map(([field, collection]) =>
      refs.load(
        collection,
        docs.flatMap((d) => idsIn(d[field])),
      ),
    ),
  )
  const byId = new Map<string, Doc>()
  for (const doc of docs) {
    for (const [field, collection] of Object.entries(PRODUCT_RELATIONS)) {
      const value = doc[field]
      doc[field] = Array.isArray(value)
        ? value.map((v) => refs.get(collection, v))
        : value === null || value === undefined
          ? value
          : refs.get(collection, value)
    }
    byId.set(String(doc.id), doc)
  }
  return ids.map((id) => byId.get(String(id))).filter((d): d is Doc => d !== undefined)
}
