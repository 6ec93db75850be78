import {
  APIError,
  type CollectionBeforeOperationHook,
  type CollectionSlug,
  type PayloadRequest,
  type Where,
} from 'payload'

import { isPublishing, isRole } from '../access/roles'
import { REVIEW_EVENTS } from '../review/states'

type Id = string | number

/** A refusal a contributor can read: 403 with the reason and what to do instead. */
export class LiveStateForbidden extends APIError {
  constructor(message: string) {
    super(message, 403, null, true)
    this.name = 'LiveStateForbidden'
  }
}

const DRAFT_HINT =
  'Contributors save changes as a draft (`?draft=true`, the admin’s “Save draft”) for an editor to review.'

/** The records an operation touches: its id, or every record its `where` and access match. */
async function targetsOf(
  req: PayloadRequest,
  slug: CollectionSlug,
  args: { id?: Id; where?: Where; trash?: boolean; data?: unknown },
  access: 'update' | 'delete',
): Promise<Id[]> {
  if (args.id !== undefined && args.id !== null) return [args.id]
  if (!args.where) return []
  const config = req.payload.collections[slug]!.config
  const allowed = await config.access[access]({ req, data: args.data } as never)
  if (allowed === false) return []
  const where: Where = allowed === true ? args.where : { and: [args.where, allowed as Where] }
  const found = await req.payload.find({
    collection: slug,
    where,
    trash: Boolean(args.trash),
    pagination: false,
    depth: 0,
    select: {},
    overrideAccess: true,
    req,
  })
  return found.docs.map((d) => d.id as Id)
}

/** The live document (what the public reads), never the latest draft; trashed ones included. */
async function liveStatus(req: PayloadRequest, slug: CollectionSlug, id: Id) {
  const doc = (await req.payload.findByID({
    collection: slug,
    id,
    draft: false,
    trash: true,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    select: { _status: true, title: true },
    req,
  })) as { _status?: string; title?: string } | null
  return doc
}

/**
 * True when the record is published now or ever was: the live document, a published version,
 * or a 'published' step in the append-only review log (versions are pruned; the log is not).
 */
export async function wasEverPublished(
  req: PayloadRequest,
  slug: CollectionSlug,
  id: Id,
): Promise<boolean> {
  const live = await liveStatus(req, slug, id)
  if (live?._status === 'published') return true
  const versions = await req.payload.countVersions({
    collection: slug,
    where: { and: [{ parent: { equals: id } }, { 'version._status': { equals: 'published' } }] },
    overrideAccess: true,
    req,
  })
  if (versions.totalDocs > 0) return true
  const steps = await req.payload.count({
    collection: REVIEW_EVENTS,
    where: {
      and: [
        { 'record.relationTo': { equals: slug } },
        { 'record.value': { equals: id } },
        { to: { equals: 'published' } },
      ],
    },
    overrideAccess: true,
    req,
  })
  return steps.totalDocs > 0
}

const label = (doc: { title?: string } | null, id: Id) =>
  doc?.title ? `“${doc.title}” (id ${id})` : `Record ${id}`

/**
 * `beforeOperation` for collections with drafts: a contributor never changes what the public
 * sees, on any path. Decided from the live document (read with `draft: false`), not from the
 * latest version Payload hands the change hooks:
 * - no publish, and no save without `draft` over a published record (that would unpublish it,
 *   trash it, restore it from the trash or change it live), one record or many (bulk `where`);
 * - no `restoreVersion` without `draft` over a published record;
 * - no delete of a record that has ever been published.
 * Local API calls that skip access control (`overrideAccess`, our own hooks) are not checked.
 */
export const guardLiveState: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  overrideAccess,
  req,
}) => {
  if (overrideAccess || !isRole(req.user, 'contributor')) return args
  const slug = collection.slug as CollectionSlug
  const a = args as {
    id?: Id
    where?: Where
    draft?: boolean
    trash?: boolean
    data?: Record<string, unknown>
  }
  if (operation === 'update') {
    if (isPublishing(a.data)) {
      throw new LiveStateForbidden(`Only editors publish. ${DRAFT_HINT}`)
    }
    if (a.draft) return args
    for (const id of await targetsOf(req, slug, a, 'update')) {
      const live = await liveStatus(req, slug, id)
      if (live?._status === 'published') {
        throw new LiveStateForbidden(
          `${label(live, id)} is published: a save without draft would change, unpublish, trash or restore what the public sees, which only editors do. ${DRAFT_HINT}`,
        )
      }
    }
  }
  if (operation === 'restoreVersion') {
    if (a.draft || a.id === undefined) return args
    const version = await req.payload.findVersionByID({
      collection: slug,
      id: a.id as string,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      req,
    })
    const parent = version?.parent as Id | { id: Id } | undefined
    const parentId = parent && typeof parent === 'object' ? parent.id : parent
    if (parentId === undefined) return args
    const live = await liveStatus(req, slug, parentId)
    const restored = (version?.version as { _status?: string } | undefined)?._status
    if (live?._status === 'published' || restored === 'published') {
      throw new LiveStateForbidden(
        `Restoring this version of ${label(live, parentId)} would change what the public sees, which only editors do. Restore it as a draft instead.`,
      )
    }
  }
  if (operation === 'delete') {
    for (const id of await targetsOf(req, slug, a, 'delete')) {
      if (await wasEverPublished(req, slug, id)) {
        const live = await liveStatus(req, slug, id)
        throw new LiveStateForbidden(
          `${label(live, id)} has been published, so only an editor may delete it (citations and links point to it). Ask an editor, or move your draft changes into a new record.`,
        )
      }
    }
  }
  return args
}
