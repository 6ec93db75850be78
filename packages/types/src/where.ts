/**
 * The subset of Payload's `Where` query type that the filter language produces. It is
 * structurally compatible with `Where` from `payload`, without depending on it.
 */
export type WhereOperator =
  | 'equals'
  | 'not_equals'
  | 'in'
  | 'not_in'
  | 'all'
  | 'like'
  | 'contains'
  | 'exists'
  | 'greater_than'
  | 'greater_than_equal'
  | 'less_than'
  | 'less_than_equal'

/** A JSON value, as a `where` condition carries. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** Conditions on one field (or a dotted path through relationships, such as `themes.slug`). */
export type WhereField = { [Op in WhereOperator]?: JsonValue }

/** A Payload `where` clause: field conditions, and `and` / `or` lists of clauses. */
export type Where = {
  [field: string]: Where[] | WhereField
}
