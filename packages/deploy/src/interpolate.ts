/**
 * Compose interpolation, as the Compose Specification defines it (12-interpolation.md): `$VAR`,
 * `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `${VAR?err}`, `${VAR:+alt}`,
 * `${VAR+alt}`, nesting inside the argument, and `$$` for a literal dollar. Applied to YAML values,
 * never to keys.
 */

export class InterpolationError extends Error {
  override name = 'InterpolationError'
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message)
  }
}

type Env = Record<string, string | undefined>

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/

/** The index of the `}` that closes the `${` whose body starts at `start`. */
function closingBrace(text: string, start: number): number {
  let depth = 1
  for (let i = start; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '$') {
      i++
    } else if (text[i] === '$' && text[i + 1] === '{') {
      depth++
      i++
    } else if (text[i] === '}') {
      depth--
      if (depth === 0) return i
    }
  }
  return -1
}

function braced(body: string, env: Env, missing: Set<string>): string {
  const name = NAME.exec(body)?.[0]
  if (!name) throw new InterpolationError(body, `invalid interpolation format for "\${${body}}"`)
  const rest = body.slice(name.length)
  const value = env[name]
  const unset = value === undefined
  const empty = unset || value === ''
  if (rest === '') {
    if (unset) missing.add(name)
    return value ?? ''
  }
  const op = /^(:?[-?+])/.exec(rest)?.[1]
  if (!op) throw new InterpolationError(name, `invalid interpolation format for "\${${body}}"`)
  const arg = () => interpolateString(rest.slice(op.length), env, missing)
  switch (op) {
    case ':-':
      return empty ? arg() : value!
    case '-':
      return unset ? arg() : value!
    case ':+':
      return empty ? '' : arg()
    case '+':
      return unset ? '' : arg()
    case ':?':
    case '?':
      if (op === ':?' ? empty : unset) {
        const detail = arg()
        throw new InterpolationError(
          name,
          `required variable ${name} is missing a value${detail ? `: ${detail}` : ''}`,
        )
      }
      return value!
  }
  return value ?? ''
}

/** Interpolates one string. `missing` collects variables that were unset and had no default. */
export function interpolateString(text: string, env: Env, missing = new Set<string>()): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c !== '$') {
      out += c
      continue
    }
    const next = text[i + 1]
    if (next === '$') {
      out += '$'
      i++
    } else if (next === '{') {
      const end = closingBrace(text, i + 2)
      if (end < 0) throw new InterpolationError('', `invalid interpolation format for "${text}"`)
      out += braced(text.slice(i + 2, end), env, missing)
      i = end
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0]
      if (!name) {
        out += c
        continue
      }
      if (env[name] === undefined) missing.add(name)
      out += env[name] ?? ''
      i += name.length
    }
  }
  return out
}

/** Interpolates every string value of a parsed compose document (keys stay as they are). */
export function interpolate<T>(doc: T, env: Env, missing = new Set<string>()): T {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return interpolateString(value, env, missing)
    if (Array.isArray(value)) return value.map(walk)
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]))
    }
    return value
  }
  return walk(doc) as T
}
