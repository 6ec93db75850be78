/**
 * The stored changelog: a record's entries are written in the transaction of the write that
 * changed it (`recordChanges`, called from the hooks of products and needs and from the coverage
 * recount), so an entry exists exactly when its change committed. What a record's entries are is
 * computed by the derivation (derive.ts) limited to that record, compared with the entries stored
 * for it: new ones are added, changed ones updated, gone ones removed. Written through the Local
 * API only, so it is the same on SQLite and MongoDB.
 */
import type { Coverage, MatrixAxis } from '@repo/types'
import type { Payload, PayloadRequest } from 'payload'

import { byteOrder, deriveChanges, type RawChange, recordKey, type Scope } from './derive'
import { MAP_CELL_DATES, MAP_CHANGES } from './slugs'

type Id = string | number

/** An entry as the `map-changes` collection holds it. */
export type StoredChange = {
  id: Id
  eventId: string
  seq: string
  kind: RawChange['kind']
  recordCollection: string
  recordId: string
  at: string
  title?: string | null
  listed: boolean
  fields?: string[] | null
  themes?: string[] | null
  relatedCollection?: string | null
  relatedId?: string | null
  coverageFrom?: Coverage | null
  coverageTo?: Coverage | null
  reason?: string | null
  cells?: string[] | null
}

const quiet = { depth: 0, overrideAccess: true } as const

/** The stored form of a change; `listed` when `/api/changes` shows it. */
export function toStored(c: RawChange, listed: boolean): Omit<StoredChange, 'id'> {
  return {
    eventId: c.id,
    seq: `${c.at}|${c.id}`,
    kind: c.kind,
    recordCollection: c.collection,
    recordId: c.parent,
    at: c.at,
    title: c.title,
    listed,
    fields: c.fields,
    themes: c.themes,
    relatedCollection: c.related?.collection ?? null,
    relatedId: c.related?.id ?? null,
    coverageFrom: c.coverage?.from ?? null,
    coverageTo: c.coverage?.to ?? null,
    reason: c.reason,
    cells: c.cells,
  }
}

/** A stored entry as the derivation would give it. */
export function fromStored(d: StoredChange): RawChange & { listed: boolean } {
  return {
    id: d.eventId,
    at: new Date(d.at).toISOString(),
    kind: d.kind,
    collection: d.recordCollection as RawChange['collection'],
    parent: d.recordId,
    title: d.title ?? '',
    fields: d.fields ?? [],
    themes: d.themes ?? [],
    related:
      d.relatedCollection && d.relatedId
        ? { collection: d.relatedCollection as RawChange['collection'], id: d.relatedId }
        : null,
    coverage: d.coverageTo ? { from: d.coverageFrom ?? null, to: d.coverageTo } : null,
    reason: d.reason ?? null,
    cells: d.cells ?? [],
    listed: Boolean(d.listed),
  }
}

/** A change as compared with its stored entry (key order aside). */
const comparable = (c: RawChange & { listed: boolean }) =>
  JSON.stringify(Object.entries(c).sort(([a], [b]) => byteOrder(a, b)))

/** Where a cell key (derive.ts `cellKey`) sits on the map. */
export function cellOf(key: string): { axis: MatrixAxis; row: string; theme: string | null } {
  const [kind, row = '', theme = null] = key.split(':')
  return { axis: kind === 't' ? 'types' : 'learning-needs', row, theme }
}

async function findCell(req: PayloadRequest, key: string) {
  const { docs } = await req.payload.find({
    ...quiet,
    collection: MAP_CELL_DATES,
    where: { key: { equals: key } },
    limit: 1,
    pagination: false,
    req,
  })
  return docs[0] as { id: Id; at: string } | undefined
}

/** Dates a cell with a change at `at`, unless it already has a later one. */
async function raiseCell(req: PayloadRequest, key: string, at: string): Promise<void> {
  const found = await findCell(req, key)
  if (!found) {
    await req.payload.create({
      ...quiet,
      collection: MAP_CELL_DATES,
      data: { key, ...cellOf(key), at },
      req,
    })
  } else if (Date.parse(found.at) < Date.parse(at)) {
    await req.payload.update({
      ...quiet,
      collection: MAP_CELL_DATES,
      id: found.id,
      data: { at },
      req,
    })
  }
}

/** Dates a cell again from the log, after a change that dated it was removed or moved. */
async function recountCell(req: PayloadRequest, key: string): Promise<void> {
  const { docs } = await req.payload.find({
    ...quiet,
    collection: MAP_CHANGES,
    where: { cells: { in: [key] } },
    sort: '-at',
    limit: 1,
    pagination: false,
    req,
    select: { at: true },
  })
  const at = (docs[0] as { at?: string } | undefined)?.at
  const found = await findCell(req, key)
  if (!at) {
    if (found) await req.payload.delete({ ...quiet, collection: MAP_CELL_DATES, id: found.id, req })
  } else if (!found) {
    await req.payload.create({
      ...quiet,
      collection: MAP_CELL_DATES,
      data: { key, ...cellOf(key), at },
      req,
    })
  } else if (found.at !== at) {
    await req.payload.update({
      ...quiet,
      collection: MAP_CELL_DATES,
      id: found.id,
      data: { at },
      req,
    })
  }
}

/** The entries stored for one record. */
export async function storedChangesOf(
  payload: Payload,
  scope: Scope,
  req?: PayloadRequest,
): Promise<StoredChange[]> {
  const { docs } = await payload.find({
    ...quiet,
    collection: MAP_CHANGES,
    where: {
      and: [
        { recordCollection: { equals: scope.collection } },
        { recordId: { equals: String(scope.id) } },
      ],
    },
    pagination: false,
    limit: 0,
    req,
  })
  return docs as unknown as StoredChange[]
}

/**
 * Brings the stored entries of one record, and the dates of the cells they date, up to date
 * with its history, inside the transaction of `req`.
 */
export async function recordChanges(req: PayloadRequest, scope: Scope): Promise<void> {
  const { payload } = req
  const { changes, visible } = await deriveChanges(payload, {
    req,
    records: { collection: scope.collection, ids: [scope.id] },
  })
  const onMap = visible.has(recordKey(scope.collection, scope.id))
  const stored = new Map(
    (await storedChangesOf(payload, scope, req)).map((d) => [d.eventId, d] as const),
  )
  const raised: RawChange[] = []
  const recount = new Set<string>()
  for (const change of changes) {
    const listed = onMap || change.kind === 'withdrawn'
    const data = toStored(change, listed)
    const old = stored.get(change.id)
    stored.delete(change.id)
    if (!old) {
      await payload.create({ ...quiet, collection: MAP_CHANGES, data, req, select: {} })
      raised.push(change)
      continue
    }
    const before = fromStored(old)
    if (comparable(before) === comparable({ ...change, listed })) continue
    await payload.update({ ...quiet, collection: MAP_CHANGES, id: old.id, data, req, select: {} })
    if (before.at !== change.at) for (const k of before.cells) recount.add(k)
    else for (const k of before.cells.filter((k) => !change.cells.includes(k))) recount.add(k)
    raised.push(change)
  }
  for (const old of stored.values()) {
    await payload.delete({ ...quiet, collection: MAP_CHANGES, id: old.id, req, select: {} })
    for (const k of old.cells ?? []) recount.add(k)
  }
  for (const change of raised) for (const k of change.cells) await raiseCell(req, k, change.at)
  for (const k of [...recount].sort(byteOrder)) await recountCell(req, k)
}
