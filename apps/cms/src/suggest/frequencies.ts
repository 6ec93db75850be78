/**
 * Stem frequencies for choosing distinctive terms, kept a few minutes per process. The engines
 * count a stem's records by walking its whole posting list (FTS5's vocabulary table; an indexed
 * count on MongoDB), so a common word of a need ("organisations": 37,000 of 95,000 products)
 * costs tens of milliseconds each time, while its frequency changes slowly: an IDF a few
 * minutes old picks the same terms.
 */
import type { Payload } from 'payload'

import { searchAdapter } from '../search'
import type { SearchCollection } from '../search/types'

/** How long a counted frequency is reused. */
export const FREQUENCY_TTL_MS = 5 * 60_000
const MAX_ENTRIES = 50_000

type Entry = { docs: number; at: number }

class FrequencyCache {
  private readonly stems = new Map<string, Entry>()
  private readonly records = new Map<SearchCollection, Entry>()

  constructor(private readonly payload: Payload) {}

  async get(
    collection: SearchCollection,
    stems: string[],
  ): Promise<{ records: number; docs: Map<string, number> }> {
    const now = Date.now()
    const fresh = (e: Entry | undefined): e is Entry =>
      e !== undefined && now - e.at < FREQUENCY_TTL_MS
    const docs = new Map<string, number>()
    const missing: string[] = []
    for (const stem of new Set(stems)) {
      const e = this.stems.get(`${collection}\u0000${stem}`)
      if (fresh(e)) {
        if (e.docs > 0) docs.set(stem, e.docs)
      } else missing.push(stem)
    }
    let records = this.records.get(collection)
    if (missing.length > 0 || !fresh(records)) {
      const counted = await searchAdapter(this.payload).stemFrequencies(collection, missing)
      if (this.stems.size + missing.length > MAX_ENTRIES) this.stems.clear()
      for (const stem of missing) {
        const n = counted.docs.get(stem) ?? 0
        this.stems.set(`${collection}\u0000${stem}`, { docs: n, at: now })
        if (n > 0) docs.set(stem, n)
      }
      records = { docs: counted.records, at: now }
      this.records.set(collection, records)
    }
    return { records: records.docs, docs }
  }
}

const caches = new WeakMap<Payload, FrequencyCache>()

/** This Payload's frequency cache. */
export function frequencyCache(payload: Payload): FrequencyCache {
  let found = caches.get(payload)
  if (!found) caches.set(payload, (found = new FrequencyCache(payload)))
  return found
}
