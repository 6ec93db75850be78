import type { Payload } from 'payload'

import { createMongoChangeQueries } from './mongodb'
import { createSqliteChangeQueries } from './sqlite'
import type { ChangeLogQueries } from './types'

export type { CellRow, ChangeLogQueries, ChangePageQuery, LogRows, SqlRunner } from './types'

const adapters = new WeakMap<Payload, ChangeLogQueries>()

/** The changelog's queries and bulk write on this Payload's database. */
export function changeQueries(payload: Payload): ChangeLogQueries {
  let found = adapters.get(payload)
  if (!found) {
    found =
      payload.db.name === 'mongoose'
        ? createMongoChangeQueries(payload)
        : createSqliteChangeQueries(payload)
    adapters.set(payload, found)
  }
  return found
}
