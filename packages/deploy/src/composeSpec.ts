/**
 * Validation of a compose file the way Docker Compose v2 does it, without the binary: parse the
 * YAML (anchors and merge keys resolved), interpolate with the given environment, then validate
 * against the Compose Specification's JSON schema (vendored in ../schema, compiled with Ajv).
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'

import { type ComposeFile, parseCompose } from './compose.js'
import { interpolate, InterpolationError } from './interpolate.js'

const schemaFile = fileURLToPath(new URL('../schema/compose-spec.json', import.meta.url))

let compiled: ValidateFunction | undefined

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: false })
    compiled = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object)
  }
  return compiled
}

export type ComposeValidation =
  | { ok: true; resolved: ComposeFile; unset: string[] }
  | { ok: false; errors: string[]; unset: string[] }

const describe = (e: ErrorObject) =>
  `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${
    e.keyword === 'additionalProperties'
      ? ` ("${(e.params as { additionalProperty: string }).additionalProperty}")`
      : ''
  }`

/**
 * Resolves and validates compose YAML with `env` as the only environment (nothing from the
 * caller's shell or a `.env` file leaks in). `unset` lists variables used without a value or a
 * default, which Compose warns about and replaces with ''.
 */
export function validateCompose(
  text: string,
  env: Record<string, string | undefined>,
): ComposeValidation {
  const unset = new Set<string>()
  let resolved: ComposeFile
  try {
    resolved = interpolate(parseCompose(text), env, unset)
  } catch (err) {
    if (err instanceof InterpolationError) {
      return { ok: false, errors: [err.message], unset: [...unset] }
    }
    return { ok: false, errors: [`cannot parse: ${(err as Error).message}`], unset: [] }
  }
  const validate = validator()
  if (!validate(resolved)) {
    return { ok: false, errors: (validate.errors ?? []).map(describe), unset: [...unset] }
  }
  return { ok: true, resolved, unset: [...unset] }
}
