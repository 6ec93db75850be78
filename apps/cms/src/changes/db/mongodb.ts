import type { Payload, Where } from 'payload'

import { MAP_CELL_DATES, MAP_CHANGES } from '../slugs'
import type { ChangeLogQueries, ChangePageQuery, Id, LogRows } from './types'

/** The changelog's page on MongoDB: the Local API, served by the (listed, seq) index. */
export function createMongoChangeQueries(payload: Payload): ChangeLogQueries {
  return {
    async page(q: ChangePageQuery) {
      const and: Where[] = [{ listed: { equals: true } }]
      if (q.seqFrom !== undefined) and.push({ seq: { greater_than_equal: q.seqFrom } })
      if (q.seqTo !== undefined) and.push({ seq: { less_than_equal: q.seqTo } })
      if (q.themes !== undefined) {
        if (q.themes.length === 0) return { ids: [], totalDocs: 0 }
        and.push({ themes: { in: q.themes } })
      }
      // Pages are whole multiples of the limit (the endpoint's paging), so offset / limit is exact.
      const found = await payload.find({
        collection: MAP_CHANGES,
        where: { and },
        // Ends on the id: Payload appends `-createdAt` to a sort without it (see products).
        sort: ['-seq', '-id'],
        page: Math.floor(q.offset / q.limit) + 1,
        limit: q.limit,
        depth: 0,
        overrideAccess: true,
        select: {},
      })
      return { ids: found.docs.map((d) => d.id as Id), totalDocs: found.totalDocs }
    },

    async replaceLog(rows: LogRows, { req }) {
      for (const collection of [MAP_CHANGES, MAP_CELL_DATES] as const) {
        await payload.db.deleteMany({ collection, where: {}, req })
      }
      const now = new Date().toISOString()
      for (const [collection, list] of [
        [MAP_CHANGES, rows.changes],
        [MAP_CELL_DATES, rows.cells],
      ] as const) {
        for (const data of list) {
          await payload.db.create({
            collection,
            data: { ...data, createdAt: now, updatedAt: now },
            req,
            returning: false,
          } as never)
        }
      }
    },
  }
}
