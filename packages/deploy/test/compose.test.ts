import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  checkCompose,
  type ComposeFile,
  DockerComposeMissingError,
  dockerComposeConfig,
  interpolations,
  parseCompose,
  requiredVariables,
} from '../src/compose.js'
import { repoRoot } from '../src/repo.js'

const root = repoRoot()
const composeText = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')
const SECRETS = ['PAYLOAD_SECRET', 'REVALIDATE_SECRET', 'SEED_ADMIN_PASSWORD']

let dir: string
const writeEnv = (name: string, vars: Record<string, string>) => {
  const file = path.join(dir, name)
  writeFileSync(
    file,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  )
  return file
}
const throwawayEnv = () =>
  Object.fromEntries(requiredVariables(composeText).map((v) => [v, `throwaway-${v.toLowerCase()}`]))

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'km-compose-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('docker-compose.yml with docker-compose', () => {
  it('should have docker-compose installed (apt-get install -y docker-compose)', () => {
    // Fails, with the install command, rather than skipping: CI must validate the file.
    const envFile = writeEnv('probe.env', throwawayEnv())
    expect(() =>
      dockerComposeConfig({ file: 'docker-compose.yml', envFile, cwd: root }),
    ).not.toThrow(DockerComposeMissingError)
  })

  it('should pass "docker-compose config -q" with every required variable set', () => {
    const envFile = writeEnv('full.env', throwawayEnv())
    const result = dockerComposeConfig({ file: 'docker-compose.yml', envFile, cwd: root })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it.each(SECRETS)('should refuse to start without %s, saying how to set it', (secret) => {
    const vars = throwawayEnv()
    expect(vars).toHaveProperty(secret)
    delete vars[secret]
    const envFile = writeEnv(`no-${secret}.env`, vars)
    const result = dockerComposeConfig({ file: 'docker-compose.yml', envFile, cwd: root })
    expect(result.status).not.toBe(0)
    expect(result.stderr).toContain(`set ${secret} in .env`)
  })

  it('should pass the secrets through to the services that need them, unchanged', () => {
    const vars = throwawayEnv()
    const envFile = writeEnv('resolved.env', vars)
    const result = dockerComposeConfig({
      file: 'docker-compose.yml',
      envFile,
      cwd: root,
      quiet: false,
    })
    expect(result.status).toBe(0)
    const resolved = parseCompose(result.stdout)
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
