import type { Payload } from 'payload'

import { createMongoChangeQueries } from './mongodb'
import { createSqliteChangeQueries } from './sqlite'
import type { ChangeLogQueries } from './types'

export type { ChangeLogQueries, ChangePageQuery } from './types'

const adapters = new WeakMap<Payload, ChangeLogQueries>()

/** The changelog queries of this Payload's database. */
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
