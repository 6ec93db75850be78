/**
 * What an app's image is built from: `turbo prune <app> --docker` (the workspace packages it
 * needs and a pruned lockfile) and, from that lockfile, the app's production dependency closure,
 * which is what `pnpm install --prod` / `pnpm deploy --prod` puts into the image.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { parseAllDocuments } from 'yaml'

type Env = Record<string, string | undefined>

export type Pruned = {
  outDir: string
  /** Workspace folders in the pruned tree, e.g. `apps/export`, `packages/types`. */
  workspaces: string[]
  lockfile: Lockfile
}

type Dep = { specifier?: string; version: string }
type Importer = {
  dependencies?: Record<string, Dep>
  devDependencies?: Record<string, Dep>
  optionalDependencies?: Record<string, Dep>
}
type Snapshot = {
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}
export type Lockfile = {
  importers: Record<string, Importer>
  snapshots?: Record<string, Snapshot>
}

function onPath(command: string, env: Env): boolean {
  return (env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir && existsSync(path.join(dir, command)))
}

/** Runs `turbo prune <pkg> --docker --out-dir <outDir>` from the repo root. */
export function prune(repoRoot: string, pkg: string, outDir: string, env: Env = process.env) {
  const turbo = path.join(repoRoot, 'node_modules/.bin/turbo')
  if (!onPath('pnpm', env)) {
    // turbo asks the package manager for the lockfile format; run the tests through pnpm.
    throw new Error('pnpm is not on PATH: run the tests with `npx -y pnpm@12.4.2 test`.')
  }
  const result = spawnSync(turbo, ['prune', pkg, '--docker', '--out-dir', outDir], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: env as NodeJS.ProcessEnv,
    timeout: 120_000,
  })
  if (result.status !== 0) {
    throw new Error(`turbo prune ${pkg} failed:\n${result.stderr || result.stdout}`)
  }
  const json = path.join(outDir, 'json')
  const workspaces = ['apps', 'packages'].flatMap((top) =>
    existsSync(path.join(json, top))
      ? readdirSync(path.join(json, top)).map((name) => `${top}/${name}`)
      : [],
  )
  const lockfile = readLockfile(readFileSync(path.join(json, 'pnpm-lock.yaml'), 'utf8'))
  return { outDir, workspaces: workspaces.sort(), lockfile } satisfies Pruned
}

/**
 * pnpm 11+ writes the lockfile as several YAML documents (its own pinned version first); the
 * project's is the one whose importers are the workspace's folders.
 */
export function readLockfile(text: string): Lockfile {
  const docs = parseAllDocuments(text).map((d) => d.toJS() as Partial<Lockfile> | null)
  const project =
    docs.findLast((d) => d?.importers && d.snapshots) ?? docs.findLast((d) => d?.importers)
  if (!project?.importers) throw new Error('no importers in the lockfile')
  return project as Lockfile
}

const snapshotKey = (name: string, version: string) => `${name}@${version}`

/**
 * The package names an importer needs in production: its `dependencies` and
 * `optionalDependencies`, followed through workspace links and the lockfile's snapshots.
 */
export function productionClosure(lockfile: Lockfile, importer: string): Set<string> {
  const names = new Set<string>()
  const seenSnapshots = new Set<string>()
  const seenImporters = new Set<string>()
  const visitSnapshot = (name: string, version: string) => {
    const key = snapshotKey(name, version)
    if (seenSnapshots.has(key)) return
    seenSnapshots.add(key)
    names.add(name)
    const snap = lockfile.snapshots?.[key]
    for (const deps of [snap?.dependencies, snap?.optionalDependencies]) {
      for (const [dep, v] of Object.entries(deps ?? {})) visitSnapshot(dep, v)
    }
  }
  const visitImporter = (dir: string) => {
    if (seenImporters.has(dir)) return
    seenImporters.add(dir)
    const imp = lockfile.importers[dir]
    if (!imp) throw new Error(`the lockfile has no importer ${dir}`)
    for (const deps of [imp.dependencies, imp.optionalDependencies]) {
      for (const [name, { version }] of Object.entries(deps ?? {})) {
        if (version.startsWith('link:')) {
          names.add(name)
          visitImporter(path.posix.normalize(path.posix.join(dir, version.slice(5))))
        } else {
          visitSnapshot(name, version)
        }
      }
    }
  }
  visitImporter(importer)
  return names
}
