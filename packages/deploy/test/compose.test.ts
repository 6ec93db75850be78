import { readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import {
  checkCompose,
  type ComposeFile,
  interpolations,
  parseCompose,
  requiredVariables,
} from '../src/compose.js'
import { validateCompose } from '../src/composeSpec.js'
import { interpolate, interpolateString, InterpolationError } from '../src/interpolate.js'
import { repoRoot } from '../src/repo.js'

const root = repoRoot()
const composeText = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')
const SECRETS = ['PAYLOAD_SECRET', 'REVALIDATE_SECRET', 'SEED_ADMIN_PASSWORD']

const throwawayEnv = () =>
  Object.fromEntries(requiredVariables(composeText).map((v) => [v, `throwaway-${v.toLowerCase()}`]))

describe('docker-compose.yml against the Compose Specification', () => {
  it('should validate against the vendored schema with every required variable set', () => {
    const result = validateCompose(composeText, throwawayEnv())
    expect(result.ok ? [] : result.errors).toEqual([])
    // Nothing is silently empty: every variable the file uses has a value or a default.
    expect(result.unset).toEqual([])
  })

  it.each(SECRETS)('should refuse to start without %s, saying how to set it', (secret) => {
    const vars = throwawayEnv()
    expect(vars).toHaveProperty(secret)
    delete vars[secret]
    const result = validateCompose(composeText, vars)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors.join('\n')).toContain(`required variable ${secret} is missing a value`)
    expect(result.errors.join('\n')).toContain(`set ${secret} in .env`)
    // An empty value counts as missing (`:?`), as in Compose.
    const empty = validateCompose(composeText, { ...throwawayEnv(), [secret]: '' })
    expect(empty.ok).toBe(false)
  })

  it('should pass the secrets through to the services that need them, unchanged', () => {
    const vars = throwawayEnv()
    const result = validateCompose(composeText, vars)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const resolved = result.resolved
    const env = (svc: string) =>
      resolved.services![svc]!.environment as Record<string, string | undefined>
    expect(env('cms').PAYLOAD_SECRET).toBe(vars.PAYLOAD_SECRET)
    expect(env('seed').PAYLOAD_SECRET).toBe(vars.PAYLOAD_SECRET)
    expect(env('seed').SEED_ADMIN_PASSWORD).toBe(vars.SEED_ADMIN_PASSWORD)
    expect(env('site').REVALIDATE_SECRET).toBe(vars.REVALIDATE_SECRET)
    expect(env('cms').REVALIDATE_SECRET).toBe(vars.REVALIDATE_SECRET)
    // The resolved file (anchors merged, defaults applied) passes the structural rules too.
    // Its secrets are literal by now, so the secret rules apply to the raw file only (below).
    const structural = checkCompose(composeText, undefined, resolved).filter(
      (f) => f.rule !== 'secret',
    )
    expect(structural).toEqual([])
  })

  it('should reject what Compose rejects: unknown keys and wrong types', () => {
    const vars = throwawayEnv()
    const errors = (text: string) => {
      const r = validateCompose(text, vars)
      return r.ok ? [] : r.errors
    }
    expect(errors('services:\n  a:\n    image: x:1\n    restrat: always\n')).toEqual([
      '/services/a must NOT have additional properties ("restrat")',
    ])
    expect(errors('services:\n  a:\n    image: x:1\n    ports: {a: 1}\n').length).toBeGreaterThan(0)
    expect(errors('services:\n  a:\n    image: x:1\n    restart: [always]\n')).toEqual([
      '/services/a/restart must be string',
    ])
    expect(
      errors('services:\n  a:\n    image: x:1\n    healthcheck: { interval: 1m30s }\n'),
    ).toEqual([])
    expect(errors('nope: 1\nservices: {}\n')).toEqual([
      '/ must NOT have additional properties ("nope")',
    ])
  })
})

describe('Compose interpolation', () => {
  const env = { SET: 'value', EMPTY: '' }
  const i = (text: string) => interpolateString(text, env)

  it('should substitute $VAR and ${VAR}, and keep $$ as a literal dollar', () => {
    expect(i('a $SET b ${SET}c')).toBe('a value b valuec')
    expect(i('$$SET and $${SET}')).toBe('$SET and ${SET}')
    expect(i('cost: $5 and $')).toBe('cost: $5 and $')
  })

  it('should apply defaults for unset (-) and for unset or empty (:-)', () => {
    expect(i('${UNSET-d} ${EMPTY-d} ${UNSET:-d} ${EMPTY:-d} ${SET:-d}')).toBe('d  d d value')
  })

  it('should apply alternatives (+, :+)', () => {
    expect(i('[${SET:+alt}][${EMPTY:+alt}][${EMPTY+alt}][${UNSET+alt}]')).toBe('[alt][][alt][]')
  })

  it('should fail on a required variable with its message, : counting empty as missing', () => {
    expect(() => i('${UNSET:?set it in .env}')).toThrow(
      'required variable UNSET is missing a value: set it in .env',
    )
    expect(() => i('${EMPTY:?x}')).toThrow(InterpolationError)
    expect(i('${EMPTY?x}')).toBe('')
  })

  it('should interpolate nested arguments', () => {
    expect(i('${UNSET:-${SET}}')).toBe('value')
    expect(i('${UNSET:-${ALSO_UNSET:-deep}}')).toBe('deep')
    expect(() => i('${UNSET?$SET}')).toThrow('missing a value: value')
  })

  it('should collect variables used without a value, and never touch keys', () => {
    const missing = new Set<string>()
    expect(interpolate({ $KEY: ['$NOPE', { x: '${ALSO}' }], n: 3 }, env, missing)).toEqual({
      $KEY: ['', { x: '' }],
      n: 3,
    })
    expect([...missing]).toEqual(['NOPE', 'ALSO'])
  })

  it('should refuse malformed braces', () => {
    expect(() => i('${SET')).toThrow(/invalid interpolation format/)
    expect(() => i('${1BAD}')).toThrow(/invalid interpolation format/)
    expect(() => i('${SET/x/y}')).toThrow(/invalid interpolation format/)
  })
})

describe('docker-compose.yml policy', () => {
  const doc = parseCompose(composeText)
  const services = doc.services!

  it('should pass every policy check', () => {
    expect(checkCompose(composeText)).toEqual([])
  })

  it('should run mongo 7 or 8 as a replica set with a named volume and an init job', () => {
    expect(services.mongo!.image).toMatch(/^mongo:[78]\.\d+\.\d+$/)
    expect(JSON.stringify(services.mongo)).toContain('--replSet')
    expect(JSON.stringify(services.mongo)).toContain('mongo-data:/data/db')
    expect(services['mongo-init']!.image).toBe(services.mongo!.image)
    expect(JSON.stringify(services['mongo-init'])).toContain('rs.initiate')
    expect(services.cms!.depends_on).toEqual({
      mongo: { condition: 'service_healthy' },
      'mongo-init': { condition: 'service_completed_successfully' },
    })
    expect(Object.keys((doc as { volumes: object }).volumes)).toContain('mongo-data')
  })

  it('should build cms, site and export from the repo and point them at MongoDB', () => {
    for (const app of ['cms', 'site', 'export']) {
      expect(services[app]!.build).toMatchObject({
        context: '.',
        dockerfile: `apps/${app}/Dockerfile`,
      })
    }
    const env = services.cms!.environment as Record<string, string>
    expect(env.DATABASE_URL).toMatch(/^mongodb:\/\/mongo:27017\/.*replicaSet=rs0/)
    expect(env.NODE_ENV).toBe('production')
  })

  it('should load the seed in a one-shot service behind the "seed" profile', () => {
    expect(services.seed!.profiles).toEqual(['seed'])
    expect(services.seed!.restart).toBe('no')
    expect(services.seed!.build).toMatchObject({
      dockerfile: 'apps/cms/Dockerfile',
      target: 'seed',
    })
  })

  it('should publish ports for the site, the CMS and the export service only', () => {
    const publishing = Object.entries(services)
      .filter(([, s]) => s.ports?.length)
      .map(([name]) => name)
      .sort()
    expect(publishing).toEqual(['cms', 'export', 'site'])
  })

  it('should explain in its header how to start it, the URLs and how to reach Mongo', () => {
    const header = composeText.slice(0, composeText.indexOf('\nservices:'))
    expect(header).toMatch(/docker compose up/)
    for (const url of [
      'http://localhost:3000/admin',
      'http://localhost:3001',
      'http://localhost:3002',
    ]) {
      expect(header).toContain(url)
    }
    expect(header).toMatch(/docker compose exec mongo mongosh/)
  })
})

describe('checkCompose', () => {
  const base = `# one-shot: \`init\`
services:
  db:
    image: mongo:8.0.12
    healthcheck: { test: ['CMD', 'true'] }
  init:
    image: mongo:8.0.12
    restart: 'no'
    depends_on: { db: { condition: service_started } }
  cms:
    build: { context: . }
    depends_on:
      db: { condition: service_healthy }
      init: { condition: service_completed_successfully }
    environment:
      PAYLOAD_SECRET: \${PAYLOAD_SECRET:?set it}
    ports: ['3000:3000']
    healthcheck: { test: ['CMD', 'true'] }
`
  const policy = { publishers: ['cms'], oneShots: ['init'] }
  const check = (text: string) =>
    checkCompose(text, policy).map((f) => `${f.service ?? '-'} ${f.rule}`)

  it('should accept a conforming file', () => {
    expect(checkCompose(base, policy)).toEqual([])
  })

  it('should flag a service without a healthcheck, or with it disabled', () => {
    expect(
      check(base.replace("    healthcheck: { test: ['CMD', 'true'] }\n  init", '  init')),
    ).toContain('db healthcheck')
    expect(
      check(
        base.replace(
          "healthcheck: { test: ['CMD', 'true'] }\n  init",
          'healthcheck: { disable: true }\n  init',
        ),
      ),
    ).toContain('db healthcheck')
  })

  it('should exempt a one-shot job only when restart is "no" and the header documents it', () => {
    expect(check(base.replace("restart: 'no'", 'restart: always'))).toEqual(['init healthcheck'])
    expect(check(base.replace('# one-shot: `init`', '# nothing'))).toEqual(['init healthcheck'])
  })

  it('should flag latest, untagged and non-version images', () => {
    expect(
      check(
        base.replace(
          'image: mongo:8.0.12\n    healthcheck',
          'image: mongo:latest\n    healthcheck',
        ),
      ),
    ).toEqual(['db image'])
    expect(
      check(base.replace('image: mongo:8.0.12\n    healthcheck', 'image: mongo\n    healthcheck')),
    ).toEqual(['db image'])
    expect(
      check(base.replace('image: mongo:8.0.12\n    restart', 'image: mongo:jammy\n    restart')),
    ).toEqual(['init image'])
  })

  it('should flag a secret with a default, a bare secret and a literal secret', () => {
    expect(check(base.replace('${PAYLOAD_SECRET:?set it}', '${PAYLOAD_SECRET:-changeme}'))).toEqual(
      ['cms secret', '- secret'],
    )
    expect(check(base.replace('${PAYLOAD_SECRET:?set it}', '${PAYLOAD_SECRET-changeme}'))).toEqual([
      'cms secret',
      '- secret',
    ])
    expect(check(base.replace('${PAYLOAD_SECRET:?set it}', '${PAYLOAD_SECRET}'))).toEqual([
      'cms secret',
      '- secret',
    ])
    expect(check(base.replace('${PAYLOAD_SECRET:?set it}', 'hunter2'))).toEqual(['cms secret'])
    expect(check(base.replace('${PAYLOAD_SECRET:?set it}', '${PAYLOAD_SECRET:?}'))).toEqual([
      '- secret',
    ])
    // A default buried in another value, e.g. a URL, is caught by the raw scan.
    expect(
      check(base.replace('ports:', "command: ['x', '--token=${API_TOKEN:-abc}']\n    ports:")),
    ).toEqual(['- secret'])
  })

  it('should ignore escaped dollars and non-secret defaults', () => {
    expect(interpolations('a: $${PAYLOAD_SECRET:-x} ${CMS_PORT:-3000}').map((i) => i.name)).toEqual(
      ['CMS_PORT'],
    )
    expect(
      check(base.replace("ports: ['3000:3000']", () => "ports: ['$${PAYLOAD_SECRET:-x}:3000']")),
    ).toEqual([])
  })

  it('should flag ports on a service that may not publish, and host networking', () => {
    expect(
      check(
        base.replace(
          'image: mongo:8.0.12\n    healthcheck',
          "image: mongo:8.0.12\n    ports: ['27017:27017']\n    healthcheck",
        ),
      ),
    ).toEqual(['db ports'])
    expect(
      check(
        base.replace(
          'image: mongo:8.0.12\n    healthcheck',
          'image: mongo:8.0.12\n    network_mode: host\n    healthcheck',
        ),
      ),
    ).toEqual(['db ports'])
  })

  it('should flag depends_on without the right condition', () => {
    expect(
      check(
        base.replace('db: { condition: service_healthy }', 'db: { condition: service_started }'),
      ),
    ).toEqual(['cms depends_on'])
    expect(
      check(
        base.replace(
          'init: { condition: service_completed_successfully }',
          'init: { condition: service_started }',
        ),
      ),
    ).toEqual(['cms depends_on'])
    expect(
      check(
        base.replace(
          'init: { condition: service_completed_successfully }',
          'nope: { condition: service_healthy }',
        ),
      ),
    ).toEqual(['cms depends_on'])
  })

  it('should resolve YAML merge keys before checking', () => {
    const text = `x-app: &app\n  healthcheck: { test: ['CMD', 'true'] }\nservices:\n  cms:\n    <<: *app\n    image: app:1.0\n`
    expect((parseCompose(text) as ComposeFile).services!.cms!.healthcheck).toBeDefined()
    expect(checkCompose(text, policy)).toEqual([])
  })
})
