import { parse } from 'yaml'

import { imagePinProblem } from './dockerfile.js'

export type Finding = { service?: string; rule: string; message: string }

type Healthcheck = { test?: unknown; disable?: boolean }
type DependsOn = string[] | Record<string, { condition?: string } | null>

export type ComposeService = {
  image?: string
  build?: unknown
  healthcheck?: Healthcheck
  ports?: unknown[]
  profiles?: string[]
  restart?: string
  depends_on?: DependsOn
  environment?: Record<string, string | number | boolean | null> | string[]
  network_mode?: string
}

export type ComposeFile = { services?: Record<string, ComposeService> }

export type ComposePolicy = {
  /** Services that may publish ports. */
  publishers: string[]
  /**
   * One-shot jobs allowed to go without a healthcheck. Each must be `restart: "no"` and be named
   * in the file's header comment, where the exemption is documented.
   */
  oneShots: string[]
}

export const DEFAULT_POLICY: ComposePolicy = {
  publishers: ['site', 'cms', 'export'],
  oneShots: ['mongo-init', 'seed'],
}

/** Variables whose values are secrets: they must never have a default. */
export const SECRET_NAME =
  /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_KEY|ACCESS_KEY|API_KEY|CREDENTIAL|AUTH)/i

/** Parses compose YAML with merge keys (`<<: *anchor`) resolved, as Compose does. */
export function parseCompose(text: string): ComposeFile {
  return (parse(text, { merge: true }) ?? {}) as ComposeFile
}

export type Interpolation = {
  name: string
  /** `:-`, `-`, `:?`, `?`, or '' for a bare `${VAR}` / `$VAR`. */
  operator: string
  argument: string
  line: number
}

/** Every `${VAR…}` / `$VAR` interpolation in the raw file (`$$` is an escaped dollar). */
export function interpolations(text: string): Interpolation[] {
  const out: Interpolation[] = []
  const lines = text.split(/\r?\n/)
  for (const [i, raw] of lines.entries()) {
    if (/^\s*#/.test(raw)) continue
    const line = raw.replace(/\$\$/g, '')
    for (const m of line.matchAll(
      /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    )) {
      out.push({
        name: m[1] ?? m[4]!,
        operator: m[2] ?? '',
        argument: m[3] ?? '',
        line: i + 1,
      })
    }
  }
  return out
}

const envEntries = (env: ComposeService['environment']): [string, string][] => {
  if (!env) return []
  if (Array.isArray(env)) {
    return env.map((e) => {
      const at = e.indexOf('=')
      return at < 0 ? [e, ''] : [e.slice(0, at), e.slice(at + 1)]
    })
  }
  return Object.entries(env).map(([k, v]) => [k, v == null ? '' : String(v)])
}

const hasHealthcheck = (svc: ComposeService) => {
  const hc = svc.healthcheck
  if (!hc || hc.disable) return false
  const test = hc.test
  if (Array.isArray(test)) return test.length > 0 && test[0] !== 'NONE'
  return typeof test === 'string' && test.trim() !== ''
}

const dependencies = (svc: ComposeService): [string, string | undefined][] => {
  const d = svc.depends_on
  if (!d) return []
  if (Array.isArray(d)) return d.map((name) => [name, undefined])
  return Object.entries(d).map(([name, v]) => [name, v?.condition])
}

/**
 * Checks the parsed compose file (`doc`) and its raw text (for interpolations, which parsing
 * does not see) against the deployment rules. Returns no findings when everything holds.
 */
export function checkCompose(
  text: string,
  policy: ComposePolicy = DEFAULT_POLICY,
  doc: ComposeFile = parseCompose(text),
): Finding[] {
  const findings: Finding[] = []
  const services = doc.services ?? {}
  if (Object.keys(services).length === 0) {
    findings.push({ rule: 'services', message: 'the file defines no services' })
  }
  const header = text.split(/\r?\n/).filter((l) => /^\s*#/.test(l))

  for (const [name, svc] of Object.entries(services)) {
    const add = (rule: string, message: string) => findings.push({ service: name, rule, message })

    // Healthchecks: everything long-running has one; one-shot jobs are exempt, if documented.
    if (!hasHealthcheck(svc)) {
      if (!policy.oneShots.includes(name)) {
        add('healthcheck', 'has no healthcheck')
      } else {
        if (String(svc.restart ?? '') !== 'no') {
          add('healthcheck', 'is exempt as a one-shot job but does not say restart: "no"')
        }
        if (!header.some((l) => l.includes(`\`${name}\``))) {
          add('healthcheck', 'is exempt as a one-shot job but the header comment does not say so')
        }
      }
    }

    // Images: pinned, never latest. Services built from the repo may omit `image`.
    if (svc.image !== undefined) {
      const problem = imagePinProblem(String(svc.image))
      if (problem) add('image', problem)
    } else if (svc.build === undefined) {
      add('image', 'has neither an image nor a build')
    }

    // Ports: only the public services publish; host networking would publish everything.
    if (svc.ports && svc.ports.length > 0 && !policy.publishers.includes(name)) {
      add('ports', `publishes ports but only ${policy.publishers.join(', ')} may`)
    }
    if (svc.network_mode === 'host' && !policy.publishers.includes(name)) {
      add('ports', 'uses network_mode: host, which exposes every port it listens on')
    }

    // Start order: wait for health (or completion of a one-shot), never just for "started".
    for (const [dep, condition] of dependencies(svc)) {
      const target = services[dep]
      if (!target) {
        add('depends_on', `depends on "${dep}", which is not a service`)
        continue
      }
      const expected = hasHealthcheck(target)
        ? 'service_healthy'
        : policy.oneShots.includes(dep)
          ? 'service_completed_successfully'
          : undefined
      const isInitOfDep = policy.oneShots.includes(name) && condition === 'service_started'
      if (expected && condition !== expected && !isInitOfDep) {
        add('depends_on', `depends on "${dep}" without condition: ${expected}`)
      }
    }

    // Secrets in `environment` must come from the env, as ${VAR:?message}.
    for (const [key, value] of envEntries(svc.environment)) {
      if (!SECRET_NAME.test(key)) continue
      if (!/^\$\{[A-Za-z_][A-Za-z0-9_]*:?\?[^}]*\}$/.test(value.trim())) {
        add('secret', `${key} must be set as \${VAR:?message} (found "${value}")`)
      }
    }
  }

  // Secrets anywhere in the file: no defaults, and a missing one must fail loudly.
  for (const i of interpolations(text)) {
    if (!SECRET_NAME.test(i.name)) continue
    if (i.operator === ':-' || i.operator === '-') {
      findings.push({
        rule: 'secret',
        message: `line ${i.line}: secret ${i.name} has a default; use \${${i.name}:?message}`,
      })
    } else if (i.operator === '') {
      findings.push({
        rule: 'secret',
        message: `line ${i.line}: secret ${i.name} would be empty when unset; use \${${i.name}:?message}`,
      })
    } else if (i.argument.trim() === '') {
      findings.push({
        rule: 'secret',
        message: `line ${i.line}: secret ${i.name} fails without saying how to set it; add a message`,
      })
    }
  }
  return findings
}

/** The secrets the file requires (`${VAR:?…}`), in order of first use. */
export const requiredVariables = (text: string): string[] => [
  ...new Set(
    interpolations(text)
      .filter((i) => i.operator === ':?' || i.operator === '?')
      .map((i) => i.name),
  ),
]
