import { CELL_DATES_PATH, CHANGES_PATH, parseChangeFilter, parseMapParams } from '@repo/types'
import type { Endpoint } from 'payload'

import { rateLimited } from '../api/rateLimit'
import { cellDates, HistoryTooLarge, listChanges } from '../changes/log'
import { problem } from './shared'

const bad = (detail: string) =>
  problem(400, 'Invalid query', detail, { errors: [{ message: detail }] })

const PUBLIC = { 'cache-control': 'public, max-age=30' }

/** The answer, or a 503 problem when the history is too large to derive (changes/log). */
async function answer(compute: () => Promise<unknown>): Promise<Response> {
  try {
    return Response.json(await compute(), { headers: PUBLIC })
  } catch (err) {
    if (err instanceof HistoryTooLarge) return problem(503, 'Not available', err.message)
    throw err
  }
}

/**
 * `GET /api/changes?from=&to=&theme=&page=&limit=` (anyone): the map's changelog, newest first.
 * `GET /api/changes/cells?axis=` (anyone): when each cell of the map last changed and each
 * need was last reviewed. Both read only published records (see changes/log).
 */
export const changesEndpoints: Endpoint[] = [
  {
    path: CHANGES_PATH,
    method: 'get',
    handler: async (req) => {
      const limited = rateLimited(req.headers)
      if (limited) return limited
      const parsed = parseChangeFilter(new URL(req.url ?? 'http://localhost').searchParams)
      if (!parsed.ok) return bad(parsed.issues.map((i) => `${i.param}: ${i.message}`).join(' '))
      return answer(() => listChanges(req.payload, parsed.filter))
    },
  },
  {
    path: CELL_DATES_PATH,
    method: 'get',
    handler: async (req) => {
      const limited = rateLimited(req.headers)
      if (limited) return limited
      const parsed = parseMapParams(new URL(req.url ?? 'http://localhost').searchParams)
      if (!parsed.ok) return bad(parsed.issues.map((i) => `${i.param}: ${i.message}`).join(' '))
      return answer(() => cellDates(req.payload, parsed.params.axis))
    },
  },
]
