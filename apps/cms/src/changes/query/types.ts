/**
 * The one query of the changelog a database answers its own way: a page of listed entries,
 * newest first, in a `seq` range and with any of some themes, and how many match. The SQLite
 * adapter's query for a hasMany filter (a join and a distinct over every entry) took 21 s at 100k
 * products; the SQL here takes milliseconds. MongoDB's multikey index serves the Local API query.
 */
export type Id = string | number

export type ChangePageQuery = {
  /** Inclusive bounds on `seq` (`at|eventId`). */
  seqFrom?: string
  seqTo?: string
  /** Theme ids: an entry with any of them matches; undefined does not filter. */
  themes?: string[]
  offset: number
  limit: number
}

export type ChangeLogQueries = {
  page(query: ChangePageQuery): Promise<{ ids: Id[]; totalDocs: number }>
}
