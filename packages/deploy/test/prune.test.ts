/**
 * What each image is built from, checked on the real repo: `turbo prune <app> --docker` (the
 * Dockerfiles' first step), the production dependency closure of the pruned lockfile, the
 * export service's `pnpm deploy --prod` folder (its whole image) and the site's standalone trace.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { productionClosure, prune, type Pruned } from '../src/prune.js'
import { repoRoot } from '../src/repo.js'

const root = repoRoot()
const tmp = mkdtempSync(path.join(tmpdir(), 'km-prune-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const pruned: Record<string, Pruned> = {}
beforeAll(() => {
  for (const app of ['cms', 'site', 'export']) {
    pruned[app] = prune(root, `@repo/${app}`, path.join(tmp, app))
  }
})

/** Package names in a pnpm virtual store (`node_modules/.pnpm`), e.g. `@payloadcms/ui`. */
const storeNames = (dir: string): Set<string> =>
  new Set(
    existsSync(dir)
      ? readdirSync(dir)
          .filter((e) => e !== 'node_modules' && e !== 'lock.yaml')
          .map((e) => {
            const name = e.startsWith('@') ? e.replace('+', '/') : e
            return name.slice(0, name.indexOf('@', 1))
          })
      : [],
  )

const SERVER_SIDE_CMS = ['payload', '@payloadcms/next', '@payloadcms/db-sqlite', '@payloadcms/ui']
const DEV_ONLY = ['vitest', 'typescript', 'eslint', 'playwright-core', 'tsx', 'prettier']

describe('turbo prune per app', () => {
  it('should give the CMS its own workspace packages and no other app', () => {
    expect(pruned.cms!.workspaces).toContain('apps/cms')
    expect(pruned.cms!.workspaces).toContain('packages/types')
    expect(pruned.cms!.workspaces).not.toContain('apps/site')
    expect(pruned.cms!.workspaces).not.toContain('apps/export')
    const prod = productionClosure(pruned.cms!.lockfile, 'apps/cms')
    for (const name of [...SERVER_SIDE_CMS, 'next', 'sharp', '@repo/types']) {
      expect(prod, name).toContain(name)
    }
    // Payload itself depends on typescript, tsx and prettier (its CLI and type generation), so
    // only the test tooling is checked here; the image holds the standalone trace anyway.
    for (const name of ['vitest', 'eslint', 'playwright-core', '@repo/testing']) {
      expect(prod, name).not.toContain(name)
    }
  })

  it('should give the site no other app, and no Payload in production', () => {
    expect(pruned.site!.workspaces).toEqual(expect.arrayContaining(['apps/site', 'packages/types']))
    expect(pruned.site!.workspaces.filter((w) => w.startsWith('apps/'))).toEqual(['apps/site'])
    const prod = productionClosure(pruned.site!.lockfile, 'apps/site')
    for (const name of ['next', 'react', 'react-dom', 'zod', '@repo/types']) {
      expect(prod, name).toContain(name)
    }
    for (const name of [...SERVER_SIDE_CMS, 'exceljs', 'express', ...DEV_ONLY]) {
      expect(prod, name).not.toContain(name)
    }
  })

  it('should give the export service no other app, and no Payload, Next or sharp at all', () => {
    expect(pruned.export!.workspaces.filter((w) => w.startsWith('apps/'))).toEqual(['apps/export'])
    const everything = Object.keys(pruned.export!.lockfile.snapshots ?? {})
    for (const name of [...SERVER_SIDE_CMS, 'next', 'sharp', 'react']) {
      expect(
        everything.filter((key) => key.startsWith(`${name}@`)),
        name,
      ).toEqual([])
    }
    const prod = productionClosure(pruned.export!.lockfile, 'apps/export')
    for (const name of ['express', 'exceljs', 'csv-stringify', 'zod', '@repo/types']) {
      expect(prod, name).toContain(name)
    }
    for (const name of [...DEV_ONLY, '@repo/testing', 'supertest']) {
      expect(prod, name).not.toContain(name)
    }
  })
})

describe('what the images hold', () => {
  it('should deploy the export service as dist/ plus its production dependencies only', () => {
    // The Dockerfile's steps, in a copy of the pruned tree (never in the repo itself, whose
    // node_modules a `--prod` command may prune): install from the pruned lockfile, add the
    // build output, then `pnpm deploy --prod`.
    for (const dist of ['apps/export/dist', 'packages/types/dist']) {
      expect(existsSync(path.join(root, dist)), `${dist}: build it first`).toBe(true)
    }
    const tree = path.join(tmp, 'export-tree')
    cpSync(path.join(tmp, 'export/full'), tree, { recursive: true })
    copyFileSync(path.join(tmp, 'export/json/pnpm-lock.yaml'), path.join(tree, 'pnpm-lock.yaml'))
    const pnpm = (args: string[]) =>
      spawnSync('pnpm', args, { cwd: tree, encoding: 'utf8', timeout: 180_000 })
    const install = pnpm(['install', '--frozen-lockfile', '--offline'])
    expect(install.status, install.stderr || install.stdout).toBe(0)
    for (const dist of ['apps/export/dist', 'packages/types/dist']) {
      cpSync(path.join(root, dist), path.join(tree, dist), { recursive: true })
    }
    const out = path.join(tmp, 'export-deploy')
    const deploy = pnpm([
      '--filter',
      '@repo/export',
      'deploy',
      '--prod',
      '--legacy',
      '--offline',
      out,
    ])
    expect(deploy.status, deploy.stderr || deploy.stdout).toBe(0)
    expect(readdirSync(out).sort()).toEqual(['README.md', 'dist', 'node_modules', 'package.json'])
    expect(existsSync(path.join(out, 'dist/server.js'))).toBe(true)
    const store = storeNames(path.join(out, 'node_modules/.pnpm'))
    for (const name of ['express', 'exceljs', 'pino', 'zod', '@repo/types']) {
      expect(store, name).toContain(name)
    }
    for (const name of [...SERVER_SIDE_CMS, 'next', 'sharp', 'react', ...DEV_ONLY]) {
      expect(store, name).not.toContain(name)
    }
    // The image starts from this folder: the service loads with only these dependencies.
    const load = spawnSync(
      process.execPath,
      ['-e', "import('./dist/app.js').then((m) => { if (!m.createApp) process.exit(1) })"],
      { cwd: out, encoding: 'utf8', env: { PATH: process.env.PATH, NODE_ENV: 'production' } },
    )
    expect(load.status, load.stderr).toBe(0)
  })

  it("should trace into the site's standalone server only what the site needs", () => {
    const standalone = path.join(root, 'apps/site/.next/standalone')
    expect(existsSync(standalone), 'build the site first').toBe(true)
    const store = storeNames(path.join(standalone, 'node_modules/.pnpm'))
    for (const name of ['next', 'react', 'react-dom']) expect(store, name).toContain(name)
    // The site renders no next/image, so the image optimiser (sharp, libvips) stays out.
    for (const name of [
      ...SERVER_SIDE_CMS,
      'sharp',
      '@img/sharp-linux-x64',
      'exceljs',
      'express',
    ]) {
      expect(store, name).not.toContain(name)
    }
    for (const name of DEV_ONLY) expect(store, name).not.toContain(name)
    expect(readdirSync(path.join(standalone, 'apps'))).toEqual(['site'])
  })
})
