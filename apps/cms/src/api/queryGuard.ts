/**
 * Checks the query string of a REST request to a collection before Payload parses it. Payload
 * trusts the shape of `depth`, `where`, `select`, … and fails with a 500 on `depth[]=1`,
 * `where=<not JSON>`, `select[title]=<not a boolean>` or a path id that is not one. Here each
 * known parameter must have the shape Payload's REST API documents; anything else is a 400 that
 * names the parameter. Unknown parameters are left alone (Payload ignores them), except
 * prototype keys, which are refused wherever they appear.
 */

/** What is wrong with a request, for a 400 (or a 404 for a path id). */
export type QueryProblem = { status: 400 | 404; param: string; message: string }

export type GuardOptions = {
  /** `number` (SQLite: integer ids) or `text` (MongoDB: ObjectIds). */
  idType: 'number' | 'text'
  /** Collection slug → its endpoints' static first segments, by method (`GET count`, `GET me`). */
  collections: ReadonlyMap<string, ReadonlySet<string>>
  maxDepth: number
  maxLimit: number
  apiRoute?: string
}

export const MAX_QUERY_LENGTH = 32 * 1024
const MAX_VALUE_LENGTH = 4096
const MAX_WHERE_LENGTH = 16 * 1024
const MAX_PAGE = 1_000_000
const MAX_NESTING = 10
const MAX_CONDITIONS = 200

export const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/** Payload's `where` operators. */
const OPERATORS = new Set([
  ...['equals', 'not_equals', 'in', 'not_in', 'all', 'exists', 'like', 'not_like', 'contains'],
  ...['greater_than', 'greater_than_equal', 'less_than', 'less_than_equal'],
  ...['near', 'within', 'intersects'],
])
const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])
const BOOLEAN_PARAMS = new Set([
  ...['draft', 'pagination', 'trash', 'autosave', 'overrideLock', 'flattenLocales'],
  ...['publishAllLocales', 'unpublishAllLocales', 'publishSpecificLocale'],
])
const LOCALE_PARAMS = new Set(['locale', 'fallback-locale', 'fallbackLocale'])

const FIELD = /^[A-Za-z_][A-Za-z0-9_-]{0,63}(\.[A-Za-z_][A-Za-z0-9_-]{0,63}){0,7}$/
const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/
const SORT_FIELD = /^-?[A-Za-z_][A-Za-z0-9_.-]{0,127}$/
const LOCALE = /^[A-Za-z0-9_-]{1,35}$/
const INDEX = /^\d{0,4}$/

class Bad extends Error {
  constructor(
    readonly param: string,
    message: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message)
  }
}

/** `where[a][b][]` → `{ root: 'where', path: ['a', 'b', ''] }`; null when the brackets are broken. */
function splitKey(key: string): { root: string; path: string[] } | null {
  const open = key.indexOf('[')
  if (open === -1) return key.includes(']') ? null : { root: key, path: [] }
  const root = key.slice(0, open)
  const rest = key.slice(open)
  if (!/^(\[[^[\]]*\])+$/.test(rest)) return null
  return { root, path: rest.slice(1, -1).split('][') }
}

const single = (param: string, entries: Entry[]): string => {
  if (entries.length !== 1 || entries[0]!.path.length > 0) {
    throw new Bad(param, `Give ${param} once, as a plain value (not ${param}[]).`)
  }
  return entries[0]!.value
}

const integer = (param: string, value: string, min: number, max: number): void => {
  if (!/^\d{1,10}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Bad(param, `${param} must be a whole number from ${min} to ${max}.`)
  }
}

type Entry = { path: string[]; value: string }

function checkBoolean(param: string, value: string): void {
  if (value !== 'true' && value !== 'false') throw new Bad(param, `${param} must be true or false.`)
}

function checkSort(param: string, value: string): void {
  const fields = value.split(',')
  if (fields.length > 8 || !fields.every((f) => SORT_FIELD.test(f.trim()))) {
    throw new Bad(
      param,
      `${param} must be up to 8 comma-separated field names, each with an optional "-".`,
    )
  }
}

/** A `where` given as JSON (what the SDK sends), checked as a tree. */
function checkWhereTree(param: string, node: unknown, depth: number, count: { n: number }): void {
  if (depth > MAX_NESTING)
    throw new Bad(param, `${param} is nested too deeply (at most ${MAX_NESTING}).`)
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    throw new Bad(
      param,
      `${param} must be an object of conditions, such as {"title":{"equals":"x"}}.`,
    )
  }
  for (const [key, value] of Object.entries(node)) {
    if (PROTOTYPE_KEYS.has(key)) throw new Bad(param, `${param} may not use the key "${key}".`)
    if (key === 'and' || key === 'or') {
      const list = Array.isArray(value) ? value : undefined
      if (!list) throw new Bad(param, `${param}: "${key}" must be a list of conditions.`)
      for (const item of list) checkWhereTree(param, item, depth + 1, count)
      continue
    }
    if (!FIELD.test(key))
      throw new Bad(param, `${param}: "${key.slice(0, 64)}" is not a field name.`)
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new Bad(param, `${param}: the field "${key}" needs an operator, such as {"equals": …}.`)
    }
    for (const [op, operand] of Object.entries(value)) {
      if (!OPERATORS.has(op))
        throw new Bad(param, `${param}: "${op.slice(0, 64)}" is not an operator.`)
      if (++count.n > MAX_CONDITIONS) throw new Bad(param, `${param} has too many conditions.`)
      checkOperand(param, op, operand)
    }
  }
}

const isScalar = (v: unknown) =>
  v === null ||
  typeof v === 'boolean' ||
  typeof v === 'string' ||
  (typeof v === 'number' && Number.isFinite(v))

function checkOperand(param: string, op: string, operand: unknown): void {
  if (op === 'exists') {
    if (!['true', 'false', true, false].includes(operand as never)) {
      throw new Bad(param, `${param}: "exists" takes true or false.`)
    }
    return
  }
  if (Array.isArray(operand)) {
    if (!LIST_OPERATORS.has(op) && op !== 'near' && op !== 'within' && op !== 'intersects') {
      throw new Bad(param, `${param}: "${op}" takes one value, not a list.`)
    }
    if (operand.length > 500 || !operand.every(isScalar)) {
      throw new Bad(param, `${param}: "${op}" takes a list of up to 500 plain values.`)
    }
    return
  }
  if (!isScalar(operand)) throw new Bad(param, `${param}: "${op}" takes a plain value.`)
  if (typeof operand === 'string' && operand.length > MAX_VALUE_LENGTH) {
    throw new Bad(param, `${param}: a value may hold at most ${MAX_VALUE_LENGTH} characters.`)
  }
}

/** `where[field][op]=v`, `where[or][0][field][op]=v`, `where[field][in][]=v`, checked flat. */
function checkWherePath(param: string, path: string[]): void {
  let i = 0
  for (let depth = 0; ; depth++) {
    if (depth > MAX_NESTING) throw new Bad(param, `${param} is nested too deeply.`)
    const seg = path[i]
    if (seg === undefined)
      throw new Bad(
        param,
        `${param} needs a field and an operator, such as where[title][equals]=x.`,
      )
    if (seg === 'and' || seg === 'or') {
      if (!INDEX.test(path[i + 1] ?? 'x'))
        throw new Bad(
          param,
          `${param}: "${seg}" needs an index, such as where[${seg}][0][title][equals]=x.`,
        )
      i += 2
      continue
    }
    if (PROTOTYPE_KEYS.has(seg) || !FIELD.test(seg))
      throw new Bad(param, `${param}: "${seg.slice(0, 64)}" is not a field name.`)
    const op = path[i + 1]
    if (op === undefined || !OPERATORS.has(op)) {
      throw new Bad(
        param,
        `${param}: "${String(op).slice(0, 64)}" is not an operator (equals, in, like, …).`,
      )
    }
    const rest = path.slice(i + 2)
    const listy = LIST_OPERATORS.has(op) || op === 'near' || op === 'within' || op === 'intersects'
    if (rest.length === 0 || (listy && rest.length === 1 && INDEX.test(rest[0]!))) return
    throw new Bad(
      param,
      `${param}: "${op}" takes ${listy ? 'a list of plain values' : 'one plain value'}.`,
    )
  }
}

function checkWhere(entries: Entry[]): void {
  const plain = entries.filter((e) => e.path.length === 0)
  if (plain.length > 0) {
    if (entries.length > 1)
      throw new Bad('where', 'Give where once: as JSON or in brackets, not both.')
    const text = plain[0]!.value
    if (text.length > MAX_WHERE_LENGTH)
      throw new Bad('where', `where may hold at most ${MAX_WHERE_LENGTH} characters.`)
    let tree: unknown
    try {
      tree = JSON.parse(text)
    } catch {
      throw new Bad(
        'where',
        'where must be JSON, such as {"title":{"equals":"x"}}, or use brackets: where[title][equals]=x.',
      )
    }
    checkWhereTree('where', tree, 0, { n: 0 })
    return
  }
  if (entries.length > MAX_CONDITIONS) throw new Bad('where', 'where has too many conditions.')
  for (const e of entries) {
    checkWherePath('where', e.path)
    if (e.value.length > MAX_VALUE_LENGTH)
      throw new Bad('where', `where: a value may hold at most ${MAX_VALUE_LENGTH} characters.`)
  }
  const exists = entries.find((e) => e.path.at(-1) === 'exists')
  if (exists) checkBoolean('where', exists.value)
}

/** `select[field][sub]=true|false`; `populate[collection][field]=true|false`. */
function checkSelect(param: string, entries: Entry[]): void {
  for (const e of entries) {
    if (e.path.length === 0)
      throw new Bad(param, `${param} takes fields in brackets, such as ${param}[title]=true.`)
    if (e.path.length > 6) throw new Bad(param, `${param} is nested too deeply.`)
    for (const seg of e.path) {
      if (PROTOTYPE_KEYS.has(seg) || !NAME.test(seg))
        throw new Bad(param, `${param}: "${seg.slice(0, 64)}" is not a field name.`)
    }
    checkBoolean(param, e.value)
  }
}

function checkJoins(entries: Entry[]): void {
  for (const e of entries) {
    const [name, option, ...rest] = e.path
    if (name === undefined) {
      checkBoolean('joins', e.value)
      continue
    }
    if (PROTOTYPE_KEYS.has(name) || !FIELD.test(name))
      throw new Bad('joins', `joins: "${name.slice(0, 64)}" is not a join field.`)
    if (option === undefined) checkBoolean('joins', e.value)
    else if (option === 'limit') integer('joins', e.value, 0, 500)
    else if (option === 'page') integer('joins', e.value, 1, MAX_PAGE)
    else if (option === 'sort') checkSort('joins', e.value)
    else if (option === 'count') checkBoolean('joins', e.value)
    else if (option === 'where') checkWherePath('joins', rest)
    else
      throw new Bad(
        'joins',
        `joins: "${option.slice(0, 64)}" is not a join option (limit, page, sort, count, where).`,
      )
  }
}

/** The path's record id, when the route is `/:id` or `/versions/:id`. */
function checkPath(segments: string[], method: string, options: GuardOptions): void {
  const [slug, first, second] = segments
  const routes = options.collections.get(slug!)
  if (!routes || first === undefined || first === '') return
  const verb = method === 'HEAD' ? 'GET' : method
  const id = routes.has(`${verb} ${first}`) ? (first === 'versions' ? second : undefined) : first
  if (id === undefined) return
  const ok = options.idType === 'number' ? /^\d{1,15}$/.test(id) : /^[A-Za-z0-9_-]{1,64}$/.test(id)
  if (!ok) throw new Bad('id', `There is no ${slug} record with the id "${id.slice(0, 64)}".`, 404)
}

/** Checks a request's path and query. Returns the problem, or null when the request may go on. */
export function checkRestRequest(
  url: URL,
  method: string,
  options: GuardOptions,
): QueryProblem | null {
  const api = (options.apiRoute ?? '/api').replace(/\/+$/, '')
  if (!url.pathname.startsWith(`${api}/`)) return null
  const segments = url.pathname.slice(api.length + 1).split('/')
  if (!options.collections.has(segments[0]!)) return null
  try {
    checkPath(segments.map(safeDecode), method, options)
    checkQuery(url.search.replace(/^\?/, ''), method, options)
    return null
  } catch (err) {
    if (err instanceof Bad) return { status: err.status, param: err.param, message: err.message }
    throw err
  }
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

function checkQuery(search: string, method: string, options: GuardOptions): void {
  if (search.length > MAX_QUERY_LENGTH) {
    throw new Bad('query', `The query string may hold at most ${MAX_QUERY_LENGTH} characters.`)
  }
  const byRoot = new Map<string, Entry[]>()
  for (const [key, value] of new URLSearchParams(search)) {
    const split = splitKey(key)
    const root = split?.root ?? key.split('[')[0]!
    if (PROTOTYPE_KEYS.has(root) || split?.path.some((s) => PROTOTYPE_KEYS.has(s))) {
      throw new Bad(root || key, `The parameter "${key.slice(0, 64)}" is not allowed.`)
    }
    if (!split) {
      if (KNOWN.has(root)) throw new Bad(root, `${root} has unbalanced brackets.`)
      continue
    }
    if (!byRoot.has(split.root)) byRoot.set(split.root, [])
    byRoot.get(split.root)!.push({ path: split.path, value })
  }
  for (const [root, entries] of byRoot) {
    if (!KNOWN.has(root)) continue
    // A repeated key becomes a list where Payload expects one value (`where[title][like]` twice).
    const keys = entries.filter((e) => e.path.at(-1) !== '').map((e) => e.path.join(']['))
    if (root !== 'where' || entries.every((e) => e.path.length > 0)) {
      const repeated = keys.find((k, i) => keys.indexOf(k) !== i && !isListKey(root, k))
      if (repeated !== undefined)
        throw new Bad(root, `Give ${root}[${repeated.slice(0, 64)}] only once.`)
    }
    if (root !== 'where' && entries.some((e) => e.value.length > MAX_VALUE_LENGTH)) {
      throw new Bad(root, `${root}: a value may hold at most ${MAX_VALUE_LENGTH} characters.`)
    }
    if (root === 'depth') integer(root, single(root, entries), 0, options.maxDepth)
    else if (root === 'page') integer(root, single(root, entries), 1, MAX_PAGE)
    else if (root === 'limit') {
      const value = single(root, entries)
      if (method === 'GET' || method === 'HEAD') integer(root, value, 1, options.maxLimit)
      else integer(root, value, 0, 1_000_000)
    } else if (root === 'sort') checkSort(root, single(root, entries))
    else if (root === 'where') checkWhere(entries)
    else if (root === 'select' || root === 'populate') checkSelect(root, entries)
    else if (root === 'joins') checkJoins(entries)
    else if (BOOLEAN_PARAMS.has(root)) checkBoolean(root, single(root, entries))
    else if (LOCALE_PARAMS.has(root)) {
      if (!LOCALE.test(single(root, entries)))
        throw new Bad(root, `${root} must be a locale code, such as en.`)
    } else if (root === 'data') {
      try {
        JSON.parse(single(root, entries))
      } catch {
        throw new Bad(root, 'data must be JSON.')
      }
    }
  }
}

/** `where[year][in]` may repeat: it is a list. */
const isListKey = (root: string, key: string) =>
  (root === 'where' || root === 'joins') && LIST_OPERATORS.has(key.split('][').at(-1) ?? '')

const KNOWN = new Set([
  ...['depth', 'page', 'limit', 'sort', 'where', 'select', 'populate', 'joins', 'data'],
  ...BOOLEAN_PARAMS,
  ...LOCALE_PARAMS,
])

/** The 400/404 answer: problem+json, with Payload's `errors` list so the SDK reads it too. */
export function problemResponse(problem: QueryProblem): Response {
  return Response.json(problemBody(problem), {
    status: problem.status,
    headers: { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' },
  })
}

export function problemBody(problem: QueryProblem) {
  return {
    type: `urn:knowledge-map:problem:${problem.status === 404 ? 'not-found' : 'bad-parameter'}`,
    title: problem.status === 404 ? 'Not found' : 'Bad request parameter',
    status: problem.status,
    detail: problem.message,
    param: problem.param,
    errors: [{ message: problem.message, param: problem.param }],
  }
}
