/**
 * The map's changelog, read from what the CMS already records (nothing is written for it):
 * - published versions of products and needs (Payload's versions): the first one is "added",
 *   each later one is "updated" with the public fields it changed, and a product's learning
 *   needs that appear or disappear between two are "linked" / "unlinked";
 * - a need's coverage history: "coverage";
 * - the review log's takedowns (published → not published) and records in the trash:
 *   "withdrawn", without title or link, since the record is no longer public.
 * Only records on the map today are named; drafts never show, nor does anyone's name or e-mail.
 * Versions pruned by `maxPerDoc` leave no entry: the oldest kept published version then reads
 * as the record's first.
 */
import {
  type CellDates,
  type Change,
  type ChangeFilter,
  type ChangeRecordRef,
  COLLECTIONS,
  type MatrixAxis,
} from '@repo/types'
import type { Payload } from 'payload'

import { lastReviews } from '../demand/reviews'
import { REVIEW_EVENTS } from '../review/states'

type Id = string | number
type Tracked = typeof COLLECTIONS.knowledgeProducts | typeof COLLECTIONS.learningNeeds

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

/** A change, with what the cell dates need and the public entry lacks. */
type Event = Change & {
  collection: Tracked
  parent: string
  /** The published states before and after (either may be absent). */
  before?: Snapshot
  after?: Snapshot
}

type Lookup = {
  themes: Map<string, { slug: string; title: string }>
  visible: Map<string, { slug: string; title: string; themes: string[] }>
  needIds: Id[]
}

const key = (collection: string, id: Id) => `${collection}:${String(id)}`

async function publishedVersions(payload: Payload, collection: Tracked): Promise<Snapshot[]> {
  const fields = Object.keys(FIELDS[collection])
  const select: Record<string, true> = { _status: true, updatedAt: true }
  for (const f of [...fields, 'learningNeeds']) select[f] = true
  const { docs } = await payload.findVersions({
    collection,
    where: { 'version._status': { equals: 'published' } },
    sort: 'updatedAt',
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
    trash: true,
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

async function visibleRecords(payload: Payload, collection: Tracked) {
  const { docs } = await payload.find({
    collection,
    where: { _status: { equals: 'published' } },
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
    select: { title: true, slug: true, themes: true, coverageHistory: true } as never,
  })
  return docs as unknown as {
    id: Id
    title: string
    slug?: string | null
    themes?: unknown
    coverageHistory?: {
      id?: string | null
      from?: string | null
      to: string
      at: string
      reason?: string | null
      product?: unknown
    }[]
  }[]
}

/** When each record was taken off the map: takedowns in the review log, and the trash. */
async function withdrawals(
  payload: Payload,
): Promise<{ collection: Tracked; parent: string; at: string; id: string }[]> {
  const out: { collection: Tracked; parent: string; at: string; id: string }[] = []
  const events = await payload.find({
    collection: REVIEW_EVENTS,
    where: {
      and: [{ from: { equals: 'published' } }, { to: { not_equals: 'published' } }],
    },
    depth: 0,
    pagination: false,
    limit: 0,
    overrideAccess: true,
    select: { record: true, at: true },
  })
  for (const e of events.docs) {
    const record = e.record as { relationTo: string; value: unknown }
    if (
      record.relationTo !== COLLECTIONS.knowledgeProducts &&
      record.relationTo !== COLLECTIONS.learningNeeds
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
  for (const collection of [COLLECTIONS.knowledgeProducts, COLLECTIONS.learningNeeds] as const) {
    const trashed = await payload.find({
      collection,
      trash: true,
      where: { and: [{ deletedAt: { exists: true } }, { _status: { equals: 'published' } }] },
      depth: 0,
      pagination: false,
      limit: 0,
      overrideAccess: true,
      select: { deletedAt: true },
    })
    for (const d of trashed.docs) {
      const at = (d as { deletedAt?: string | null }).deletedAt
      if (at) out.push({ collection, parent: String(d.id), at, id: `trash-${String(d.id)}-${at}` })
    }
  }
  return out
}

/**
 * What the changelog is computed from, in a few indexed reads: the newest and the number of
 * versions of products and needs, the newest review event and the trashed records. Any write
 * the log would show changes it, in whichever process made it.
 */
async function fingerprint(payload: Payload): Promise<string> {
  const parts = await Promise.all([
    ...([COLLECTIONS.knowledgeProducts, COLLECTIONS.learningNeeds] as const).flatMap((c) => [
      payload
        .findVersions({
          collection: c,
          sort: '-updatedAt',
          limit: 1,
          depth: 0,
          overrideAccess: true,
          trash: true,
          select: { updatedAt: true } as never,
        })
        .then((r) => [r.totalDocs, r.docs[0]?.updatedAt ?? null]),
      payload
        .count({ collection: c, trash: true, where: { deletedAt: { exists: true } } })
        .then((r) => r.totalDocs),
      payload
        .find({
          collection: c,
          sort: '-updatedAt',
          limit: 1,
          depth: 0,
          overrideAccess: true,
          trash: true,
          select: { updatedAt: true },
        })
        .then((r) => r.docs[0]?.updatedAt ?? null),
    ]),
    payload
      .find({
        collection: REVIEW_EVENTS,
        sort: '-at',
        limit: 1,
        depth: 0,
        overrideAccess: true,
        select: { at: true },
      })
      .then((r) => [r.totalDocs, r.docs[0]?.id ?? null]),
  ])
  return JSON.stringify(parts)
}

type Computed = { events: Event[]; lookup: Lookup }

/**
 * The most published versions the log is computed from. The log reads every one of them
 * (measured at 100k products: 35 s of one core, which stalls the process): past this size it
 * answers `HistoryTooLarge` instead, until the log is kept as it happens rather than derived.
 */
export const MAX_HISTORY_VERSIONS = 20_000

/** The history is too large to derive on request (see MAX_HISTORY_VERSIONS). */
export class HistoryTooLarge extends Error {
  constructor(readonly versions: number) {
    super(
      `The changelog is not available on this map yet: it has ${versions} versions, and it is derived from at most ${MAX_HISTORY_VERSIONS}.`,
    )
  }
}
const memo = new WeakMap<Payload, { key: string; value: Promise<Computed> }>()

/**
 * The events, computed once per state of the data (`fingerprint`, read from the database on
 * every call, so another process's write is seen at once) and shared by concurrent callers:
 * recomputing reads every published version (at 100k products, tens of seconds).
 */
async function allEvents(payload: Payload): Promise<Computed> {
  const key = await fingerprint(payload)
  const versions = (JSON.parse(key) as unknown[][])
    .filter(Array.isArray)
    .slice(0, 2)
    .reduce((n, part) => n + Number(part[0] ?? 0), 0)
  if (versions > MAX_HISTORY_VERSIONS) throw new HistoryTooLarge(versions)
  const found = memo.get(payload)
  if (found && found.key === key) return found.value
  const value = computeEvents(payload)
  memo.set(payload, { key, value })
  value.catch(() => {
    if (memo.get(payload)?.value === value) memo.delete(payload)
  })
  return value
}

/** Every change on the map, oldest first, with the snapshots the cell dates need. */
async function computeEvents(payload: Payload): Promise<Computed> {
  const [themeDocs, products, needs, productVersions, needVersions, takedowns] = await Promise.all([
    payload.find({
      collection: COLLECTIONS.themes,
      depth: 0,
      pagination: false,
      limit: 0,
      overrideAccess: true,
      select: { slug: true, title: true },
    }),
    visibleRecords(payload, COLLECTIONS.knowledgeProducts),
    visibleRecords(payload, COLLECTIONS.learningNeeds),
    publishedVersions(payload, COLLECTIONS.knowledgeProducts),
    publishedVersions(payload, COLLECTIONS.learningNeeds),
    withdrawals(payload),
  ])
  const lookup: Lookup = {
    themes: new Map(
      themeDocs.docs.map((t) => [String(t.id), { slug: t.slug ?? String(t.id), title: t.title }]),
    ),
    visible: new Map(),
    needIds: needs.map((n) => n.id),
  }
  for (const [collection, docs] of [
    [COLLECTIONS.knowledgeProducts, products],
    [COLLECTIONS.learningNeeds, needs],
  ] as const) {
    for (const d of docs) {
      lookup.visible.set(key(collection, d.id), {
        slug: d.slug ?? String(d.id),
        title: d.title,
        themes: ids(d.themes),
      })
    }
  }
  const ref = (collection: Tracked, parent: string, title?: string): ChangeRecordRef | null => {
    const v = lookup.visible.get(key(collection, parent))
    return v ? { collection, slug: v.slug, title: title || v.title } : null
  }
  const themeRefs = (themeIds: string[]) =>
    themeIds.flatMap((t) => {
      const theme = lookup.themes.get(t)
      return theme ? [theme] : []
    })
  const blank = { related: null, fields: [], coverage: null, reason: null }

  const events: Event[] = []
  const byParent = new Map<string, Snapshot[]>()
  for (const s of [...productVersions, ...needVersions]) {
    const k = key(s.collection, s.parent)
    byParent.set(k, [...(byParent.get(k) ?? []), s])
  }
  const takedownsOf = new Map<string, string[]>()
  for (const t of takedowns) {
    const k = key(t.collection, t.parent)
    takedownsOf.set(k, [...(takedownsOf.get(k) ?? []), t.at])
  }

  for (const snapshots of byParent.values()) {
    snapshots.sort((a, b) => a.at.localeCompare(b.at))
    let prev: Snapshot | undefined
    for (const cur of snapshots) {
      const record = ref(cur.collection, cur.parent, cur.title)
      const base = { collection: cur.collection, parent: cur.parent, before: prev, after: cur }
      const offBetween =
        prev !== undefined &&
        (takedownsOf.get(key(cur.collection, cur.parent)) ?? []).some(
          (at) => at > prev!.at && at <= cur.at,
        )
      if (!prev || offBetween) {
        events.push({
          ...blank,
          ...base,
          before: undefined,
          id: `${cur.collection}/${cur.parent}/v/${cur.versionId}`,
          at: cur.at,
          kind: 'added',
          record,
          themes: themeRefs(cur.themes),
        })
      } else {
        const names = Object.entries(FIELDS[cur.collection])
          .filter(([f]) => comparable(f, prev!.data[f]) !== comparable(f, cur.data[f]))
          .map(([, word]) => word)
        if (names.length > 0) {
          events.push({
            ...blank,
            ...base,
            id: `${cur.collection}/${cur.parent}/v/${cur.versionId}`,
            at: cur.at,
            kind: 'updated',
            record,
            fields: names,
            themes: themeRefs([...new Set([...prev.themes, ...cur.themes])].sort()),
          })
        }
        const was = new Set(prev.needs)
        const now = new Set(cur.needs)
        for (const [kind, list] of [
          ['linked', cur.needs.filter((n) => !was.has(n))],
          ['unlinked', prev.needs.filter((n) => !now.has(n))],
        ] as const) {
          for (const need of list) {
            events.push({
              ...blank,
              ...base,
              id: `${cur.collection}/${cur.parent}/v/${cur.versionId}/${kind}/${need}`,
              at: cur.at,
              kind,
              record,
              related: ref(COLLECTIONS.learningNeeds, need),
              themes: themeRefs(cur.themes),
            })
          }
        }
      }
      prev = cur
    }
  }

  // One takedown per time off the map: trashing a record already unpublished adds none.
  const sorted = [...takedowns].sort((a, b) => a.at.localeCompare(b.at))
  const offSince = new Map<string, string>()
  for (const t of sorted) {
    const k = key(t.collection, t.parent)
    const snaps = byParent.get(k) ?? []
    const last = [...snaps].reverse().find((s) => s.at <= t.at)
    const since = offSince.get(k)
    offSince.set(k, t.at)
    if (since !== undefined && (!last || last.at <= since)) continue
    events.push({
      ...blank,
      collection: t.collection,
      parent: t.parent,
      before: last,
      id: `${t.collection}/${t.parent}/withdrawn/${t.id}`,
      at: t.at,
      kind: 'withdrawn',
      record: null,
      themes: themeRefs(last?.themes ?? []),
    })
  }

  for (const need of needs) {
    const parent = String(need.id)
    const needRef = ref(COLLECTIONS.learningNeeds, parent)
    ;(need.coverageHistory ?? []).forEach((h, i) => {
      // The first entry is the need being recorded: "added" says that already.
      if (!h.from) return
      const product = idOf(h.product)
      events.push({
        ...blank,
        collection: COLLECTIONS.learningNeeds,
        parent,
        id: `${COLLECTIONS.learningNeeds}/${parent}/coverage/${h.id ?? i}`,
        at: h.at,
        kind: 'coverage',
        record: needRef,
        related: product === undefined ? null : ref(COLLECTIONS.knowledgeProducts, String(product)),
        coverage: { from: h.from as never, to: h.to as never },
        reason: h.reason ?? null,
        themes: themeRefs(ids(need.themes)),
      })
    })
  }

  events.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
  return { events, lookup }
}

const strip = ({ collection: _c, parent: _p, before: _b, after: _a, ...change }: Event): Change =>
  change

/** One page of the changelog, newest first. */
export async function listChanges(payload: Payload, filter: ChangeFilter) {
  const { events } = await allEvents(payload)
  const from = filter.from ? `${filter.from}T00:00:00.000Z` : undefined
  const to = filter.to ? `${filter.to}T23:59:59.999Z` : undefined
  const themes = new Set(filter.themes)
  const matching = events
    .filter(
      (e) =>
        // Entries about records no longer public stay out, except the takedown itself.
        (e.record !== null || e.kind === 'withdrawn') &&
        (!from || e.at >= from) &&
        (!to || e.at <= to) &&
        (themes.size === 0 || e.themes.some((t) => themes.has(t.slug))),
    )
    .reverse()
  const start = (filter.page - 1) * filter.limit
  return {
    docs: matching.slice(start, start + filter.limit).map(strip),
    totalDocs: matching.length,
    page: filter.page,
    limit: filter.limit,
    totalPages: Math.max(1, Math.ceil(matching.length / filter.limit)),
  }
}

/**
 * When each cell of the map last changed: the newest change to a product in it (added, edited,
 * linked, unlinked or taken off the map, counted in the cells it was in before and after), and
 * for each learning-need row when the need itself last changed (edit or coverage) and when an
 * editor last reviewed it.
 */
export async function cellDates(payload: Payload, axis: MatrixAxis): Promise<CellDates> {
  const { events, lookup } = await allEvents(payload)
  const rows: CellDates['rows'] = {}
  const row = (k: string) => (rows[k] ??= { changed: null, reviewed: null, cells: {} })
  const needSlug = (id: string) => lookup.visible.get(key(COLLECTIONS.learningNeeds, id))?.slug
  for (const e of events) {
    if (e.collection === COLLECTIONS.learningNeeds) {
      const slug = needSlug(e.parent)
      if (axis === 'learning-needs' && slug && e.kind !== 'withdrawn') row(slug).changed = e.at
      continue
    }
    const states = [e.before, e.after].filter((s): s is Snapshot => s !== undefined)
    const themes = new Set(states.flatMap((s) => s.themes))
    const keys = new Set(
      states.flatMap((s) =>
        axis === 'types' ? (s.type ? [s.type] : []) : s.needs.flatMap((n) => needSlug(n) ?? []),
      ),
    )
    for (const k of keys) {
      for (const t of themes) {
        const theme = lookup.themes.get(t)
        if (theme) row(k).cells[theme.slug] = e.at
      }
    }
  }
  if (axis === 'learning-needs') {
    const reviews = await lastReviews(payload, lookup.needIds)
    for (const [id, at] of reviews) {
      const slug = needSlug(id)
      if (slug) row(slug).reviewed = at
    }
  }
  return { axis, rows }
}
