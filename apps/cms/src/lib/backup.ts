/**
 * A portable backup of all content: one JSON file per collection, the uploaded files, and a
 * manifest with counts and content hashes. It restores into an EMPTY database on either adapter
 * (SQLite or MongoDB), whatever adapter it came from.
 *
 * Archive layout (a directory):
 *   manifest.json                  format, source adapter, per-collection counts and hashes
 *   collections/<slug>.json        { collection, drafts, docs: [{ id, doc, draft? }] }
 *   media/<collection>/<filename>  every uploaded file and its generated image sizes
 *
 * What is kept: every document as stored (read through the database adapter, so no hooks, no
 * access control and no virtual fields), including users' password hashes and salts (logins keep
 * working; sessions are dropped), each document's status, and for documents with drafts the
 * published state plus the pending draft, if there is one. What is not kept: older versions in a
 * document's history (the restore starts each history at the exported state), login sessions,
 * and Payload's own collections (preferences, locks, migrations).
 *
 * Ids: a restore always lets the target database allocate ids (SQLite numbers and MongoDB
 * ObjectIds do not mix) and rewrites every relationship and upload reference through the map
 * from old to new ids. Array rows keep their ids.
 *
 * Content hash: a SHA-256 over the collection's documents, sorted by a stable key, with every
 * reference to another document replaced by that document's natural key (collection + slug,
 * email or filename). Document ids are left out, since they legitimately change; null, missing
 * and empty lists count as the same absence (adapters differ there). Everything else is hashed,
 * timestamps included, so a restore that changes any value, status, reference, draft or file
 * changes the hash.
 */
import { createHash } from 'node:crypto'
import { copyFile, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'

import type { CollectionSlug, FlattenedField, Payload, SanitizedCollectionConfig } from 'payload'

export const ARCHIVE_FORMAT = 'knowledge-map-backup'
export const ARCHIVE_VERSION = 1

type Id = number | string
type Doc = Record<string, unknown> & { id: Id }

export type ArchivedDoc = {
  /** The id in the source database (restores map it to a new one). */
  id: Id
  /** The document as stored; for drafts-enabled collections, its published (or only) state. */
  doc: Record<string, unknown>
  /** A draft saved after the published state, not yet published. */
  draft?: Record<string, unknown>
}

export type CollectionArchive = {
  collection: string
  drafts: boolean
  docs: ArchivedDoc[]
}

export type Manifest = {
  format: typeof ARCHIVE_FORMAT
  version: typeof ARCHIVE_VERSION
  createdAt: string
  source: { adapter: string }
  collections: Record<
    string,
    { count: number; drafts: number; file: string; sha256: string; contentHash: string }
  >
  media: { path: string; bytes: number; sha256: string }[]
}

/** Payload's own bookkeeping collections, which a content backup leaves out. */
const INTERNAL_PREFIX = 'payload-'
/** Stored per login; a restored database starts without sessions. */
const DROPPED_FIELDS = new Set(['sessions'])

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

/** The collections a backup covers, in an order where required references come first. */
export function contentCollections(payload: Payload): SanitizedCollectionConfig[] {
  const all = payload.config.collections.filter((c) => !c.slug.startsWith(INTERNAL_PREFIX))
  const bySlug = new Map<string, SanitizedCollectionConfig>(all.map((c) => [c.slug, c]))
  const deps = (c: SanitizedCollectionConfig) =>
    c.flattenedFields
      .flatMap((f): string[] =>
        (f.type === 'relationship' || f.type === 'upload') && !f.virtual
          ? Array.isArray(f.relationTo)
            ? f.relationTo
            : [f.relationTo]
          : [],
      )
      .filter((s) => s !== c.slug && bySlug.has(s))
  const order: SanitizedCollectionConfig[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (c: SanitizedCollectionConfig) => {
    if (state.get(c.slug)) return // done, or a cycle: the second restore pass links it
    state.set(c.slug, 'visiting')
    for (const d of deps(c)) visit(bySlug.get(d)!)
    state.set(c.slug, 'done')
    order.push(c)
  }
  for (const c of all) visit(c)
  return order
}

type RefMapper = (relationTo: string, id: Id) => unknown

const isIdValue = (v: unknown): v is Id => typeof v === 'string' || typeof v === 'number'

/**
 * Rewrites every relationship/upload reference in `data` (shaped by `fields`) with `map`. A
 * mapper that returns undefined drops the reference. Virtual and join fields are removed.
 */
export function mapReferences(
  fields: FlattenedField[],
  data: Record<string, unknown>,
  map: RefMapper,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data }
  for (const field of fields) {
    if (!('name' in field) || !(field.name in out)) continue
    const value = out[field.name]
    if (field.type === 'join' || ('virtual' in field && field.virtual)) {
      delete out[field.name]
      continue
    }
    if (value == null) continue
    if (field.type === 'relationship' || field.type === 'upload') {
      const one = (v: unknown): unknown => {
        if (Array.isArray(field.relationTo)) {
          const poly = v as { relationTo: string; value: unknown }
          const id = isIdValue(poly.value) ? poly.value : (poly.value as Doc | null)?.id
          if (id === undefined) return undefined
          const mapped = map(poly.relationTo, id)
          return mapped === undefined ? undefined : { relationTo: poly.relationTo, value: mapped }
        }
        const id = isIdValue(v) ? v : (v as Doc | null)?.id
        return id === undefined ? undefined : map(field.relationTo, id)
      }
      if (Array.isArray(value)) {
        out[field.name] = value.map(one).filter((v) => v !== undefined)
      } else {
        const mapped = one(value)
        out[field.name] = mapped === undefined ? null : mapped
      }
    } else if (field.type === 'array' && Array.isArray(value)) {
      out[field.name] = value.map((row) =>
        mapReferences(field.flattenedFields, row as Record<string, unknown>, map),
      )
    } else if (field.type === 'group' || field.type === 'tab') {
      if (typeof value === 'object' && !Array.isArray(value)) {
        out[field.name] = mapReferences(
          field.flattenedFields,
          value as Record<string, unknown>,
          map,
        )
      }
    } else if (field.type === 'blocks' && Array.isArray(value)) {
      out[field.name] = value.map((row) => {
        const r = row as Record<string, unknown> & { blockType?: string }
        const block = field.blocks.find((b) => b.slug === r.blockType)
        return block ? mapReferences(block.flattenedFields, r, map) : r
      })
    }
  }
  for (const name of DROPPED_FIELDS) delete out[name]
  return out
}

/** Reads every document of a collection through the adapter, with its pending draft if any. */
async function readCollection(
  payload: Payload,
  collection: SanitizedCollectionConfig,
): Promise<ArchivedDoc[]> {
  const slug = collection.slug as CollectionSlug
  const { docs } = await payload.db.find<Doc>({
    collection: slug,
    limit: 0,
    pagination: false,
    sort: 'createdAt',
    // No join queries: joins are computed views of relationships stored elsewhere.
    joins: false as never,
  })
  const drafts = new Map<string, Record<string, unknown>>()
  if (collection.versions?.drafts) {
    const latest = await payload.db.findVersions<Record<string, unknown>>({
      collection: slug,
      where: { latest: { equals: true } },
      limit: 0,
      pagination: false,
    })
    for (const v of latest.docs) {
      const version = v.version as Record<string, unknown>
      if (version._status === 'draft') drafts.set(String(v.parent), { ...version })
    }
  }
  return docs.map((raw) => {
    const { id, ...rest } = raw
    const doc = mapReferences(collection.flattenedFields, rest, (_, v) => v)
    const archived: ArchivedDoc = { id, doc }
    const draft = drafts.get(String(id))
    if (draft && doc._status === 'published') {
      delete draft.id
      archived.draft = mapReferences(collection.flattenedFields, draft, (_, v) => v)
    }
    return archived
  })
}

/** The natural key of a document: unique, human-meaningful, and the same on every adapter. */
function naturalKey(doc: Record<string, unknown>, fallback: Id): string {
  for (const key of ['slug', 'email', 'filename']) {
    if (typeof doc[key] === 'string' && doc[key]) return `${key}:${doc[key] as string}`
  }
  return `id:${fallback}`
}

/** Drops null, undefined and empty lists, sorts object keys: the adapter-neutral form. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object') {
    if (value instanceof Date) return value.toISOString()
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key]
      if (v == null || (Array.isArray(v) && v.length === 0)) continue
      out[key] = canonical(v)
    }
    return out
  }
  return value
}

/**
 * The normalised content hash of each collection (see the module comment), computed from the
 * archived form so that a live database and an archive hash the same way.
 */
export function hashArchives(
  payload: Payload,
  archives: Map<string, ArchivedDoc[]>,
): Record<string, string> {
  const keys = new Map<string, string>()
  for (const [slug, docs] of archives) {
    for (const d of docs) keys.set(`${slug}|${String(d.id)}`, naturalKey(d.doc, d.id))
  }
  const ref: RefMapper = (relationTo, id) =>
    `${relationTo}/${keys.get(`${relationTo}|${String(id)}`) ?? `missing:${String(id)}`}`
  const hashes: Record<string, string> = {}
  for (const collection of contentCollections(payload)) {
    const docs = archives.get(collection.slug) ?? []
    const rows = docs
      .map((d) => {
        const doc = mapReferences(collection.flattenedFields, d.doc, ref)
        const draft = d.draft ? mapReferences(collection.flattenedFields, d.draft, ref) : undefined
        return JSON.stringify(canonical({ key: naturalKey(d.doc, d.id), doc, draft }))
      })
      .sort()
    hashes[collection.slug] = sha256(rows.join('\n'))
  }
  return hashes
}

/** Reads all content of a live database into the archived form, per collection. */
export async function readAll(payload: Payload): Promise<Map<string, ArchivedDoc[]>> {
  const archives = new Map<string, ArchivedDoc[]>()
  for (const collection of contentCollections(payload)) {
    archives.set(collection.slug, await readCollection(payload, collection))
  }
  return archives
}

/** Content hashes of a live database (what a backup's manifest records). */
export async function contentHashes(payload: Payload): Promise<Record<string, string>> {
  return hashArchives(payload, await readAll(payload))
}

/**
 * Where an upload collection keeps its files on disk; undefined when it has none, including when
 * object storage (S3) holds them: back the bucket up with the provider's tools then.
 */
const uploadDir = (collection: SanitizedCollectionConfig): string | undefined =>
  collection.upload && !collection.upload.disableLocalStorage
    ? (collection.upload.staticDir ?? undefined)
    : undefined

/** The stored file names of an upload document: the original and every generated size. */
function uploadFiles(doc: Record<string, unknown>): string[] {
  const names = new Set<string>()
  if (typeof doc.filename === 'string') names.add(doc.filename)
  const sizes = doc.sizes as Record<string, { filename?: string | null } | null> | undefined
  for (const size of Object.values(sizes ?? {})) {
    if (size?.filename) names.add(size.filename)
  }
  return [...names]
}

export type BackupReport = { dir: string; manifest: Manifest }

/** Writes a portable archive of all content and uploaded files into `dir` (created if missing). */
export async function backup(payload: Payload, dir: string): Promise<BackupReport> {
  await mkdir(path.join(dir, 'collections'), { recursive: true })
  const archives = await readAll(payload)
  const hashes = hashArchives(payload, archives)
  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    createdAt: new Date().toISOString(),
    source: { adapter: payload.db.name },
    collections: {},
    media: [],
  }
  for (const collection of contentCollections(payload)) {
    const docs = archives.get(collection.slug) ?? []
    const body: CollectionArchive = {
      collection: collection.slug,
      drafts: Boolean(collection.versions?.drafts),
      docs,
    }
    const file = `collections/${collection.slug}.json`
    const text = JSON.stringify(body, null, 2) + '\n'
    await writeFile(path.join(dir, file), text)
    manifest.collections[collection.slug] = {
      count: docs.length,
      drafts: docs.filter((d) => d.draft || d.doc._status === 'draft').length,
      file,
      sha256: sha256(text),
      contentHash: hashes[collection.slug]!,
    }
    const staticDir = uploadDir(collection)
    if (!staticDir) continue
    for (const d of docs) {
      for (const name of uploadFiles(d.doc)) {
        const rel = `media/${collection.slug}/${name}`
        const source = path.join(staticDir, name)
        const bytes = await readFile(source).catch((err: NodeJS.ErrnoException) => {
          throw new Error(`Upload ${name} of ${collection.slug} is missing on disk (${source})`, {
            cause: err,
          })
        })
        await mkdir(path.dirname(path.join(dir, rel)), { recursive: true })
        await writeFile(path.join(dir, rel), bytes)
        manifest.media.push({ path: rel, bytes: bytes.length, sha256: sha256(bytes) })
      }
    }
  }
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n')
  return { dir, manifest }
}

export class RestoreError extends Error {
  override name = 'RestoreError'
}

/** Reads and verifies an archive: the format, every collection file's and media file's hash. */
export async function readArchive(
  dir: string,
): Promise<{ manifest: Manifest; archives: Map<string, CollectionArchive> }> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as Manifest
  if (manifest.format !== ARCHIVE_FORMAT || manifest.version !== ARCHIVE_VERSION) {
    throw new RestoreError(`${dir} is not a ${ARCHIVE_FORMAT} v${ARCHIVE_VERSION} archive`)
  }
  const archives = new Map<string, CollectionArchive>()
  for (const [slug, entry] of Object.entries(manifest.collections)) {
    const text = await readFile(path.join(dir, entry.file), 'utf8')
    if (sha256(text) !== entry.sha256) {
      throw new RestoreError(`${entry.file} does not match the manifest (changed or truncated)`)
    }
    const body = JSON.parse(text) as CollectionArchive
    if (body.docs.length !== entry.count) {
      throw new RestoreError(
        `${entry.file} holds ${body.docs.length} documents, not ${entry.count}`,
      )
    }
    archives.set(slug, body)
  }
  for (const m of manifest.media) {
    const bytes = await readFile(path.join(dir, m.path))
    if (sha256(bytes) !== m.sha256) throw new RestoreError(`${m.path} does not match the manifest`)
  }
  return { manifest, archives }
}

export type RestoreReport = {
  created: Record<string, number>
  drafts: Record<string, number>
  files: number
  idMap: Map<string, Id>
}

/**
 * Restores an archive into an empty database. Refuses a database that has content. Writes go
 * through the adapter (no hooks: coverage, slugs and password hashing must not re-run) in two
 * passes: create every document in dependency order with the references already resolvable,
 * then write every document in full, with all references mapped, and its versions. Finally,
 * the content hashes of the restored database are checked against the manifest.
 */
export async function restore(
  payload: Payload,
  dir: string,
  options: { log?: (message: string) => void; verify?: boolean } = {},
): Promise<RestoreReport> {
  const log = options.log ?? (() => {})
  const { manifest, archives } = await readArchive(dir)
  const collections = contentCollections(payload)
  const known = new Set<string>(collections.map((c) => c.slug))
  for (const slug of archives.keys()) {
    if (!known.has(slug)) throw new RestoreError(`The archive has "${slug}", unknown to this CMS`)
  }
  for (const c of collections) {
    const { totalDocs } = await payload.db.count({ collection: c.slug as CollectionSlug })
    if (totalDocs > 0) {
      throw new RestoreError(
        `Restore needs an empty database, but ${c.slug} has ${totalDocs} documents.`,
      )
    }
  }

  const idMap = new Map<string, Id>()
  const key = (slug: string, id: Id) => `${slug}|${String(id)}`
  const mapped: RefMapper = (slug, id) => idMap.get(key(slug, id))
  const report: RestoreReport = { created: {}, drafts: {}, files: 0, idMap }

  // Pass 1: create, in dependency order, with whatever references already resolve.
  for (const collection of collections) {
    const body = archives.get(collection.slug)
    if (!body) continue
    const slug = collection.slug as CollectionSlug
    for (const d of body.docs) {
      const data = mapReferences(collection.flattenedFields, d.doc, mapped)
      const created = (await payload.db.create({ collection: slug, data })) as Doc
      idMap.set(key(slug, d.id), created.id)
    }
    report.created[slug] = body.docs.length
    log(`  ${slug}: ${body.docs.length} created`)
  }

  // Pass 2: every reference resolves now; write documents in full, then their versions.
  for (const collection of collections) {
    const body = archives.get(collection.slug)
    if (!body) continue
    const slug = collection.slug as CollectionSlug
    let drafts = 0
    for (const d of body.docs) {
      const id = idMap.get(key(slug, d.id))!
      const strict: RefMapper = (s, ref) => {
        const target = idMap.get(key(s, ref))
        if (target === undefined) {
          throw new RestoreError(
            `${slug} ${String(d.id)} refers to ${s} ${String(ref)}, not in the archive`,
          )
        }
        return target
      }
      // Adapters may transform the data they are given in place: build a fresh copy per write.
      const full = () => mapReferences(collection.flattenedFields, d.doc, strict)
      await payload.db.updateOne({ collection: slug, id, data: full(), returning: false })
      if (!body.drafts) continue
      const createdAt = String(d.doc.createdAt ?? new Date().toISOString())
      const updatedAt = String(d.doc.updatedAt ?? createdAt)
      await payload.db.createVersion({
        collectionSlug: slug,
        parent: id,
        autosave: false,
        createdAt,
        updatedAt,
        versionData: { ...full(), createdAt, updatedAt },
        returning: false,
      })
      if (d.draft) {
        const draft = mapReferences(collection.flattenedFields, d.draft, strict)
        const draftUpdatedAt = String(d.draft.updatedAt ?? updatedAt)
        await payload.db.createVersion({
          collectionSlug: slug,
          parent: id,
          autosave: false,
          createdAt: draftUpdatedAt,
          updatedAt: draftUpdatedAt,
          versionData: { ...draft, createdAt, updatedAt: draftUpdatedAt },
          returning: false,
        })
        drafts++
      }
    }
    report.drafts[slug] = drafts
  }

  // Files: verified against the manifest by readArchive, copied into each upload directory.
  for (const m of manifest.media) {
    const [, slug, ...rest] = m.path.split('/')
    const collection = collections.find((c) => c.slug === slug)
    const staticDir = collection && uploadDir(collection)
    if (!staticDir) throw new RestoreError(`${m.path}: ${slug} is not an upload collection here`)
    const target = path.join(staticDir, ...rest)
    await mkdir(path.dirname(target), { recursive: true })
    await copyFile(path.join(dir, m.path), target)
    report.files++
  }
  log(`  files: ${report.files} copied`)

  if (options.verify ?? true) {
    const hashes = await contentHashes(payload)
    const wrong = Object.entries(manifest.collections).filter(
      ([slug, entry]) => hashes[slug] !== entry.contentHash,
    )
    if (wrong.length) {
      throw new RestoreError(
        `The restored content differs from the archive in: ${wrong.map(([s]) => s).join(', ')}`,
      )
    }
    log('  content hashes match the manifest')
  }
  return report
}

/** Lists the files of an archive directory, for reports. */
export async function archiveSize(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0
  let bytes = 0
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name)
      if (entry.isDirectory()) await walk(p)
      else {
        files++
        bytes += (await stat(p)).size
      }
    }
  }
  await walk(dir)
  return { files, bytes }
}
