/**
 * The map's changelog as it follows from what the CMS records: this is how a record's entries in
 * the stored log (changes/store) are computed when it is written, and how the log is filled once
 * from an existing database (changes/backfill).
 * - published versions of products and needs (Payload's versions): the first one is "added",
 *   each later one is "updated" with the public fields it changed, and a product's learning
 *   needs that appear or disappear between two are "linked" / "unlinked";
 * - a need's coverage history: "coverage";
 * - the review log's takedowns (published → not published) and records in the trash:
 *   "withdrawn", without title or link, since the record is no longer public.
 * Versions pruned by `maxPerDoc` leave no entry: the oldest kept published version then reads
 * as the record's first. Names (slugs, current titles, theme titles) are not part of an entry:
 * they are read when the log is (changes/log), so a renamed theme or record reads as it is now.
 */
import { type ChangeKind, COLLECTIONS, type Coverage } from '@repo/types'
import type { Payload, PayloadRequest, Where } from 'payload'

import { REVIEW_EVENTS } from '../review/states'

type Id = string | number
export type Tracked = typeof COLLECTIONS.knowledgeProducts | typeof COLLECTIONS.learningNeeds

export const TRACKED: readonly Tracked[] = [
  COLLECTIONS.knowledgeProducts,
  COLLECTIONS.learningNeeds,
]

/** The public fields whose change is an update, with the word a reader sees. */
const FIELDS: Record<Tracked, Record<string, string>> = {
  [COLLECTIONS.knowledgeProducts]: {
    title: 'title',
    slug: 'address',
    summary: 'summary',
    type: 'type',
    year: 'year',
    partnerships: 'partnerships',
    themes: 'themes',
    organisations: 'organisations',
    languages: 'languages',
    countries: 'countries',
    externalUrl: 'link',
    file: 'file',
    licence: 'licence',
    audience: 'audience',
    keywords: 'keywords',
    sources: 'sources',
    confidence: 'confidence',
    provenanceNote: 'provenance',
    editorialNote: 'editorial note',
  },
  [COLLECTIONS.learningNeeds]: {
    title: 'title',
    slug: 'address',
    description: 'description',
    kind: 'kind',
    priority: 'priority',
    raisedBy: 'raised by',
    statedBy: 'stated by',
    statedYear: 'year stated',
    topic: 'topic',
    programme: 'programme',
    themes: 'themes',
    confidence: 'confidence',
    provenanceNote: 'provenance',
    editorialNote: 'editorial note',
    sources: 'sources',
  },
}

const idOf = (v: unknown): Id | undefined =>
  v && typeof v === 'object' && 'id' in v ? (v as { id: Id }).id : (v as Id | undefined)
const ids = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [])
    .map((x) => idOf(x))
    .filter((x): x is Id => x !== undefined && x !== null)
    .map(String)
    .sort()

/** A value as compared between versions: relations by id, arrays of relations sorted. */
const comparable = (name: string, v: unknown): string => {
  if (['partnerships', 'themes', 'organisations', 'raisedBy'].includes(name)) {
    return JSON.stringify(ids(v))
  }
  if (name === 'programme' || name === 'file') return JSON.stringify(idOf(v) ?? null)
  if (name === 'sources' && Array.isArray(v)) {
    return JSON.stringify(v.map((s: Record<string, unknown>) => [s.url, s.label ?? null]))
  }
  return JSON.stringify(v ?? null)
}

/** One published state of a record, as a version holds it. */
type Snapshot = {
  collection: Tracked
  parent: string
  versionId: string
  at: string
  title: string
  themes: string[]
  needs: string[]
  type: string | null
  data: Record<string, unknown>
}

/**
 * One entry of the log, by ids: what the stored log keeps. `title` is the record's title in the
 * version the change made ('' when the current title is meant); `cells` are the keys of the map
 * cells the change dates (see `cellKey`).
 */
export type RawChange = {
  id: string
  at: string
  kind: ChangeKind
  collection: Tracked
  parent: string
  title: string
  fields: string[]
  themes: string[]
  related: { collection: Tracked; id: string } | null
  coverage: { from: Coverage | null; to: Coverage } | null
  reason: string | null
  cells: string[]
}

/** The record a derivation is limited to (none: the whole map). */
export type Scope = { collection: Tracked; id: Id }

/** The records (of one collection) a derivation is limited to. */
type Records = { collection: Tracked; ids: Id[] }

/**
 * The key of a map cell a change dates: a need × theme cell (`n`), a product type × theme cell
 * (`t`), or a need row's own date (`r`).
 */
export const cellKey = {
  need: (need: string, theme: string) => `n:${need}:${theme}`,
  type: (type: string, theme: string) => `t:${type}:${theme}`,
  row: (need: string) => `r:${need}`,
}

/** Byte order, the order the stored log sorts in (`localeCompare` depends on the locale). */
export const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Record ids in the order they were made: SQLite's are integers, MongoDB's ObjectIds (hex of one
 * length, time first). Breaks ties between writes in the same millisecond the same way whichever
 * query read them.
 */
const idOrder = (a: string, b: string) =>
  /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : byteOrder(a, b)

export const recordKey = (collection: string, id: Id) => `${collection}:${String(id)}`

type Ctx = { payload: Payload; req?: PayloadRequest; scope?: Records }

const read = { depth: 0, pagination: false, limit: 0, overrideAccess: true } as const

const inScope = (ctx: Ctx, collection: Tracked): boolean =>
  !ctx.scope || ctx.scope.collection === collection

async function publishedVersions(ctx: Ctx, collection: Tracked): Promise<Snapshot[]> {
  if (!inScope(ctx, collection)) return []
  const fields = Object.keys(FIELDS[collection])
  const select: Record<string, true> = { _status: true, updatedAt: true }
  for (const f of [...fields, 'learningNeeds']) select[f] = true
  const published: Where = { 'version._status': { equals: 'published' } }
  const { docs } = await ctx.payload.findVersions({
    ...read,
    collection,
    where: ctx.scope ? { and: [published, { parent: { in: ctx.scope.ids } }] } : published,
    sort: 'updatedAt',
    trash: true,
    req: ctx.req,
    select: { parent: true, updatedAt: true, version: select } as never,
  })
  return docs.map((d) => {
    const v = (d.version ?? {}) as unknown as Record<string, unknown>
    return {
      collection,
      parent: String(idOf(d.parent)),
      versionId: String(d.id),
      // The record's own time of the write (the version row is saved a moment after it).
      at: String(v.updatedAt ?? d.updatedAt),
      title: String(v.title ?? ''),
      themes: ids(v.themes),
      needs: ids(v.learningNeeds),
      type: typeof v.type === 'string' ? v.type : null,
      data: v,
    }
  })
}

type Visible = {
  id: Id
  themes?: unknown
  coverageHistory?: {
    id?: string | null
    from?: string | null
    to: string
    at: string
    reason?: string | null
    product?: unknown
  }[]
}

/** The records on the map now (published, not in the trash). */
async function visibleRecords(ctx: Ctx, collection: Tracked): Promise<Visible[]> {
  if (!inScope(ctx, collection)) return []
  const published: Where = { _status: { equals: 'published' } }
  const { docs } = await ctx.payload.find({
    ...read,
    collection,
    where: ctx.scope ? { and: [published, { id: { in: ctx.scope.ids } }] } : published,
    req: ctx.req,
    select: { themes: true, coverageHistory: true } as never,
  })
  return docs as unknown as Visible[]
}

/** When each record was taken off the map: takedowns in the review log, and the trash. */
async function withdrawals(
  ctx: Ctx,
): Promise<{ collection: Tracked; parent: string; at: string; id: string }[]> {
  const out: { collection: Tracked; parent: string; at: string; id: string }[] = []
  const takedown: Where = {
    and: [{ from: { equals: 'published' } }, { to: { not_equals: 'published' } }],
  }
  const events = await ctx.payload.find({
    ...read,
    collection: REVIEW_EVENTS,
    where: ctx.scope
      ? {
          and: [
            takedown,
            { 'record.relationTo': { equals: ctx.scope.collection } },
            { 'record.value': { in: ctx.scope.ids } },
          ],
        }
      : takedown,
    req: ctx.req,
    select: { record: true, at: true },
  })
  for (const e of events.docs) {
    // A record deleted for good leaves its review events without a record: nothing to name.
    const record = e.record as { relationTo: string; value: unknown } | null | undefined
    if (
      !record ||
      (record.relationTo !== COLLECTIONS.knowledgeProducts &&
        record.relationTo !== COLLECTIONS.learningNeeds)
    ) {
      continue
    }
    out.push({
      collection: record.relationTo,
      parent: String(idOf(record.value)),
      at: e.at,
      id: `review-${String(e.id)}`,
    })
  }
  for (const collection of TRACKED) {
    if (!inScope(ctx, collection)) continue
    const trashed: Where = {
      and: [{ deletedAt: { exists: true } }, { _status: { equals: 'published' } }],
    }
    const found = await ctx.payload.find({
      ...read,
      collection,
      trash: true,
      where: ctx.scope ? { and: [trashed, { id: { in: ctx.scope.ids } }] } : trashed,
      req: ctx.req,
      select: { deletedAt: true },
    })
    for (const d of found.docs) {
      const at = (d as { deletedAt?: string | null }).deletedAt
      if (at) out.push({ collection, parent: String(d.id), at, id: `trash-${String(d.id)}-${at}` })
    }
  }
  return out
}

/** The cells a product change dates: every need × theme and type × theme it was in or is in. */
function productCells(states: Snapshot[]): string[] {
  const themes = [...new Set(states.flatMap((s) => s.themes))]
  const needs = [...new Set(states.flatMap((s) => s.needs))]
  const types = [...new Set(states.flatMap((s) => (s.type ? [s.type] : [])))]
  return [
    ...needs.flatMap((n) => themes.map((t) => cellKey.need(n, t))),
    ...types.flatMap((ty) => themes.map((t) => cellKey.type(ty, t))),
  ].sort(byteOrder)
}

export type Derived = {
  changes: RawChange[]
  /** Records (`recordKey`) on the map now, among those derived. */
  visible: Set<string>
}

/**
 * Every change of the map, or of some records of one collection (`records`), oldest first.
 * With `req`, reads inside its transaction (a hook sees the write it runs for).
 */
export async function deriveChanges(
  payload: Payload,
  options: { req?: PayloadRequest; records?: Records } = {},
): Promise<Derived> {
  if (options.records?.ids.length === 0) return { changes: [], visible: new Set() }
  const ctx: Ctx = { payload, req: options.req, scope: options.records }
  // One read at a time: on SQLite a transaction's reads share one connection anyway.
  const products = await visibleRecords(ctx, COLLECTIONS.knowledgeProducts)
  const needs = await visibleRecords(ctx, COLLECTIONS.learningNeeds)
  const productVersions = await publishedVersions(ctx, COLLECTIONS.knowledgeProducts)
  const needVersions = await publishedVersions(ctx, COLLECTIONS.learningNeeds)
  const takedowns = await withdrawals(ctx)
  const visible = new Set([
    ...products.map((d) => recordKey(COLLECTIONS.knowledgeProducts, d.id)),
    ...needs.map((d) => recordKey(COLLECTIONS.learningNeeds, d.id)),
  ])
  const blank = { related: null, fields: [], coverage: null, reason: null, title: '' }

  const changes: RawChange[] = []
  const byParent = new Map<string, Snapshot[]>()
  for (const s of [...productVersions, ...needVersions]) {
    const k = recordKey(s.collection, s.parent)
    byParent.set(k, [...(byParent.get(k) ?? []), s])
  }
  const takedownsOf = new Map<string, string[]>()
  for (const t of takedowns) {
    const k = recordKey(t.collection, t.parent)
    takedownsOf.set(k, [...(takedownsOf.get(k) ?? []), t.at])
  }
  const cellsOf = (collection: Tracked, parent: string, states: Snapshot[], kind: ChangeKind) =>
    collection === COLLECTIONS.knowledgeProducts
      ? productCells(states)
      : kind === 'withdrawn'
        ? []
        : [cellKey.row(parent)]

  for (const snapshots of byParent.values()) {
    snapshots.sort((a, b) => byteOrder(a.at, b.at) || idOrder(a.versionId, b.versionId))
    let prev: Snapshot | undefined
    for (const cur of snapshots) {
      const base = { collection: cur.collection, parent: cur.parent, title: cur.title }
      const offBetween =
        prev !== undefined &&
        (takedownsOf.get(recordKey(cur.collection, cur.parent)) ?? []).some(
          (at) => at > prev!.at && at <= cur.at,
        )
      if (!prev || offBetween) {
        changes.push({
          ...blank,
          ...base,
          id: `${cur.collection}/${cur.parent}/v/${cur.versionId}`,
          at: cur.at,
          kind: 'added',
          themes: cur.themes,
          cells: cellsOf(cur.collection, cur.parent, [cur], 'added'),
        })
      } else {
        const states = [prev, cur]
        const names = Object.entries(FIELDS[cur.collection])
          .filter(([f]) => comparable(f, prev!.data[f]) !== comparable(f, cur.data[f]))
          .map(([, word]) => word)
        if (names.length > 0) {
          changes.push({
            ...blank,
            ...base,
            id: `${cur.collection}/${cur.parent}/v/${cur.versionId}`,
            at: cur.at,
            kind: 'updated',
            fields: names,
            themes: [...new Set([...prev.themes, ...cur.themes])].sort(),
            cells: cellsOf(cur.collection, cur.parent, states, 'updated'),
          })
        }
        const was = new Set(prev.needs)
        const now = new Set(cur.needs)
        for (const [kind, list] of [
          ['linked', cur.needs.filter((n) => !was.has(n))],
          ['unlinked', prev.needs.filter((n) => !now.has(n))],
        ] as const) {
          for (const need of list) {
            changes.push({
              ...blank,
              ...base,
              id: `${cur.collection}/${cur.parent}/v/${cur.versionId}/${kind}/${need}`,
              at: cur.at,
              kind,
              related: { collection: COLLECTIONS.learningNeeds, id: need },
              themes: cur.themes,
              cells: cellsOf(cur.collection, cur.parent, states, kind),
            })
          }
        }
      }
      prev = cur
    }
  }

  // One takedown per time off the map: trashing a record already unpublished adds none.
  const sorted = [...takedowns].sort((a, b) => byteOrder(a.at, b.at) || byteOrder(a.id, b.id))
  const offSince = new Map<string, string>()
  for (const t of sorted) {
    const k = recordKey(t.collection, t.parent)
    const snaps = byParent.get(k) ?? []
    const last = [...snaps].reverse().find((s) => s.at <= t.at)
    const since = offSince.get(k)
    offSince.set(k, t.at)
    if (since !== undefined && (!last || last.at <= since)) continue
    changes.push({
      ...blank,
      collection: t.collection,
      parent: t.parent,
      id: `${t.collection}/${t.parent}/withdrawn/${t.id}`,
      at: t.at,
      kind: 'withdrawn',
      themes: last?.themes ?? [],
      cells: cellsOf(t.collection, t.parent, last ? [last] : [], 'withdrawn'),
    })
  }

  for (const need of needs) {
    const parent = String(need.id)
    ;(need.coverageHistory ?? []).forEach((h, i) => {
      // The first entry is the need being recorded: "added" says that already.
      if (!h.from) return
      const product = idOf(h.product)
      changes.push({
        ...blank,
        collection: COLLECTIONS.learningNeeds,
        parent,
        id: `${COLLECTIONS.learningNeeds}/${parent}/coverage/${h.id ?? i}`,
        at: h.at,
        kind: 'coverage',
        related:
          product === undefined || product === null
            ? null
            : { collection: COLLECTIONS.knowledgeProducts, id: String(product) },
        coverage: { from: h.from as Coverage, to: h.to as Coverage },
        reason: h.reason ?? null,
        themes: ids(need.themes),
        cells: [cellKey.row(parent)],
      })
    })
  }

  changes.sort((a, b) => byteOrder(a.at, b.at) || byteOrder(a.id, b.id))
  return { changes, visible }
}
