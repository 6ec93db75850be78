/**
 * The map's changelog and cell dates as `/api/changes` and `/api/changes/cells` answer them,
 * read from the stored log (changes/store) with indexed queries (changes/db, one per
 * database): one page of entries, then the names of only the records and themes that page mentions. Only what is on the map now is named:
 * an entry about a record no longer public is left out, except its takedown, which names nothing.
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
import { type RawChange, recordKey, type Tracked, TRACKED } from './derive'
import { changeQueries } from './db'
import { MAP_CELL_DATES, MAP_CHANGES } from './slugs'
import { cellOf, fromStored, type StoredChange } from './store'

type Id = string | number
type Named = { slug: string; title: string }

const read = { depth: 0, pagination: false, limit: 0, overrideAccess: true } as const

/** What a page of changes is rendered with: themes by id, and the records on the map by key. */
export type Names = { themes: Map<string, Named>; records: Map<string, Named> }

export async function themeNames(payload: Payload): Promise<Map<string, Named>> {
  const { docs } = await payload.find({
    ...read,
    collection: COLLECTIONS.themes,
    select: { slug: true, title: true },
  })
  return new Map(docs.map((t) => [String(t.id), { slug: t.slug ?? String(t.id), title: t.title }]))
}

/** The records among `wanted` that are on the map now (published, not in the trash). */
async function recordNames(
  payload: Payload,
  wanted: Map<Tracked, Set<string>>,
): Promise<Map<string, Named>> {
  const out = new Map<string, Named>()
  for (const collection of TRACKED) {
    const idsOf = [...(wanted.get(collection) ?? [])]
    if (idsOf.length === 0) continue
    const { docs } = await payload.find({
      ...read,
      collection,
      where: { and: [{ id: { in: idsOf } }, { _status: { equals: 'published' } }] },
      select: { slug: true, title: true } as never,
    })
    for (const d of docs as unknown as { id: Id; slug?: string | null; title: string }[]) {
      out.set(recordKey(collection, d.id), { slug: d.slug ?? String(d.id), title: d.title })
    }
  }
  return out
}

/** A change as the public reads it: records and themes by today's names. */
export function renderChange(c: RawChange, names: Names): Change {
  const ref = (collection: Tracked, id: string, title?: string): ChangeRecordRef | null => {
    const v = names.records.get(recordKey(collection, id))
    return v ? { collection, slug: v.slug, title: title || v.title } : null
  }
  return {
    id: c.id,
    at: c.at,
    kind: c.kind,
    record: c.kind === 'withdrawn' ? null : ref(c.collection, c.parent, c.title),
    related: c.related ? ref(c.related.collection, c.related.id) : null,
    fields: c.fields,
    coverage: c.coverage,
    reason: c.reason,
    themes: c.themes.flatMap((t) => names.themes.get(t) ?? []),
  }
}

/** One page of the changelog, newest first. */
export async function listChanges(payload: Payload, filter: ChangeFilter) {
  const themes = await themeNames(payload)
  const wantedThemes = new Set(filter.themes)
  const { ids, totalDocs } = await changeQueries(payload).page({
    // `seq` is `at|eventId`: a range of `at` is a range of `seq`.
    seqFrom: filter.from ? `${filter.from}T00:00:00.000Z` : undefined,
    seqTo: filter.to ? `${filter.to}T23:59:59.999Z|~` : undefined,
    themes:
      filter.themes.length > 0
        ? [...themes].filter(([, t]) => wantedThemes.has(t.slug)).map(([id]) => id)
        : undefined,
    offset: (filter.page - 1) * filter.limit,
    limit: filter.limit,
  })
  const found =
    ids.length === 0
      ? []
      : ((
          await payload.find({
            ...read,
            collection: MAP_CHANGES,
            where: { id: { in: ids } },
          })
        ).docs as unknown as StoredChange[])
  const byId = new Map(found.map((d) => [String(d.id), d]))
  const changes = ids.flatMap((id) => byId.get(String(id)) ?? []).map(fromStored)
  const wanted = new Map<Tracked, Set<string>>(TRACKED.map((c) => [c, new Set<string>()]))
  for (const c of changes) {
    wanted.get(c.collection)?.add(c.parent)
    if (c.related) wanted.get(c.related.collection)?.add(c.related.id)
  }
  const names = { themes, records: await recordNames(payload, wanted) }
  return {
    docs: changes.map((c) => renderChange(c, names)),
    totalDocs,
    page: filter.page,
    limit: filter.limit,
    totalPages: Math.max(1, Math.ceil(totalDocs / filter.limit)),
  }
}

/**
 * When each cell of the map last changed: the newest change to a product in it (added, edited,
 * linked, unlinked or taken off the map, counted in the cells it was in before and after), and
 * for each learning-need row when the need itself last changed (edit or coverage) and when an
 * editor last reviewed it. One stored row per cell (changes/store keeps them).
 */
export async function cellDates(payload: Payload, axis: MatrixAxis): Promise<CellDates> {
  const [themes, cells, needs] = await Promise.all([
    themeNames(payload),
    payload.find({
      ...read,
      collection: MAP_CELL_DATES,
      where: { axis: { equals: axis } },
      select: { key: true, at: true },
    }),
    payload.find({
      ...read,
      collection: COLLECTIONS.learningNeeds,
      where: { _status: { equals: 'published' } },
      select: { slug: true },
    }),
  ])
  const needSlug = new Map(needs.docs.map((n) => [String(n.id), n.slug ?? String(n.id)]))
  const rows: CellDates['rows'] = {}
  const row = (k: string) => (rows[k] ??= { changed: null, reviewed: null, cells: {} })
  for (const cell of cells.docs as unknown as { key: string; at: string }[]) {
    const { row: r, theme } = cellOf(cell.key)
    const at = new Date(cell.at).toISOString()
    const k = axis === 'types' ? r : needSlug.get(r)
    if (!k) continue
    if (theme === null) {
      row(k).changed = at
      continue
    }
    const t = themes.get(theme)
    if (t) row(k).cells[t.slug] = at
  }
  if (axis === 'learning-needs') {
    const reviews = await lastReviews(
      payload,
      needs.docs.map((n) => n.id),
    )
    for (const [id, at] of reviews) {
      const slug = needSlug.get(id)
      if (slug) row(slug).reviewed = at
    }
  }
  return { axis, rows }
}
