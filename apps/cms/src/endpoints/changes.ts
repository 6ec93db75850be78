import { CELL_DATES_PATH, CHANGES_PATH, parseChangeFilter, parseMapParams } from '@repo/types'
import type { Endpoint } from 'payload'

import { rateLimited } from '../api/rateLimit'
import { cellDates, listChanges } from '../changes/log'
import { problem } from './shared'

const bad = (detail: string) =>
  problem(400, 'Invalid query', detail, { errors: [{ message: detail }] })

const PUBLIC = { 'cache-control': 'public, max-age=30' }

/**
 * `GET /api/changes?from=&to=&theme=&page=&limit=` (anyone): the map's changelog, newest first.
 * `GET /api/changes/cells?axis=` (anyone): when each cell of the map last changed and each
 * need was last reviewed. Both read the stored log (changes/log) and name only published records.
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
      return Response.json(await listChanges(req.payload, parsed.filter), { headers: PUBLIC })
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
      return Response.json(await cellDates(req.payload, parsed.params.axis), {
        headers: PUBLIC,
      })
    },
  },
]
