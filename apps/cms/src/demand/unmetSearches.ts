/**
 * Searches on the site that found nothing, counted without personal data: the normalised query,
 * the day (UTC) and how many times. Editors see the most frequent ones as candidate needs.
 */
import { COLLECTIONS, type UnmetSearchPolicy } from '@repo/types'
import type { Payload, PayloadRequest } from 'payload'

export const SEARCH_MISSES = 'search-misses' as const
export const MAX_QUERY_LENGTH = 200

/**
 * The query as it is kept: Unicode-normalised, lower case, inner white space collapsed, at most
 * MAX_QUERY_LENGTH characters. An e-mail address or a long number in it is dropped, so that a
 * visitor who pastes one into the search box leaves nothing personal behind.
 */
export function normaliseQuery(raw: string): string {
  return raw
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\S+@\S+/g, ' ')
    .replace(/\d{6,}/g, ' ')
    .replace(/[\p{C}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUERY_LENGTH)
    .trim()
}

export const dayOf = (date: Date): string => date.toISOString().slice(0, 10)

/** Counts one unmet search, and deletes what is older than the retention period. */
export async function recordMiss(
  payload: Payload,
  rawQuery: string,
  policy: UnmetSearchPolicy,
  now = new Date(),
): Promise<{ query: string; count: number } | null> {
  if (!policy.enabled) return null
  const query = normaliseQuery(rawQuery)
  if (query.length < 2) return null
  const day = dayOf(now)
  const found = await payload.find({
    collection: SEARCH_MISSES,
    where: { and: [{ query: { equals: query } }, { day: { equals: day } }] },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  let count = 1
  const existing = found.docs[0]
  if (existing) {
    count = (existing.count ?? 0) + 1
    await payload.update({
      collection: SEARCH_MISSES,
      id: existing.id,
      data: { count },
      overrideAccess: true,
    })
  } else {
    await payload.create({
      collection: SEARCH_MISSES,
      data: { query, day, count },
      overrideAccess: true,
    })
  }
  const cutoff = dayOf(new Date(now.getTime() - policy.retentionDays * 86_400_000))
  await payload.delete({
    collection: SEARCH_MISSES,
    where: { day: { less_than: cutoff } },
    overrideAccess: true,
  })
  return { query, count }
}

export type UnmetSearch = { query: string; count: number; days: number; lastDay: string }

/** The most frequent unmet searches of the last `days` days. */
export async function topMisses(
  payload: Payload,
  days = 30,
  limit = 50,
  now = new Date(),
): Promise<UnmetSearch[]> {
  const since = dayOf(new Date(now.getTime() - (days - 1) * 86_400_000))
  const { docs } = await payload.find({
    collection: SEARCH_MISSES,
    where: { day: { greater_than_equal: since } },
    pagination: false,
    limit: 0,
    depth: 0,
    overrideAccess: true,
  })
  const byQuery = new Map<string, UnmetSearch>()
  for (const d of docs) {
    const row = byQuery.get(d.query) ?? { query: d.query, count: 0, days: 0, lastDay: d.day }
    row.count += d.count ?? 0
    row.days += 1
    if (d.day > row.lastDay) row.lastDay = d.day
    byQuery.set(d.query, row)
  }
  return [...byQuery.values()]
    .sort(
      (a, b) =>
        b.count - a.count || b.lastDay.localeCompare(a.lastDay) || a.query.localeCompare(b.query),
    )
    .slice(0, limit)
}

/** Turns an unmet search into a draft learning need, by the signed-in editor of `req`. */
export async function missToNeed(req: PayloadRequest, query: string, days = 30) {
  const normalised = normaliseQuery(query)
  const since = dayOf(new Date(Date.now() - (days - 1) * 86_400_000))
  const { docs } = await req.payload.find({
    collection: SEARCH_MISSES,
    where: { and: [{ query: { equals: normalised } }, { day: { greater_than_equal: since } }] },
    pagination: false,
    limit: 0,
    depth: 0,
    overrideAccess: true,
  })
  const count = docs.reduce((n, d) => n + (d.count ?? 0), 0)
  const times = count ? `${count} time${count === 1 ? '' : 's'}` : 'recently'
  return req.payload.create({
    collection: COLLECTIONS.learningNeeds,
    data: {
      title: normalised.charAt(0).toUpperCase() + normalised.slice(1),
      description: `Visitors searched the map for “${normalised}” ${times} in the last ${days} days and found nothing. Describe the need this points to, or delete this draft.`,
      kind: 'knowledge-gap',
      editorialNote:
        'Started from an unmet search on the site; to be checked and completed by an editor.',
      reviewStatus: 'draft',
      _status: 'draft',
    },
    draft: true,
    req,
    overrideAccess: false,
  })
}
