import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The monorepo root (this package lives in packages/deploy). */
export const repoRoot = (): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const up = path.dirname(dir)
    if (up === dir) throw new Error('cannot find the repo root (pnpm-workspace.yaml)')
    dir = up
  }
  return dir
}

/** The apps that ship as images, their package names, and how each image starts. */
export const APP_IMAGES = [
  { app: 'cms', pkg: '@repo/cms', next: true, cmd: ['node', 'apps/cms/server.js'] },
  { app: 'site', pkg: '@repo/site', next: true, cmd: ['node', 'apps/site/server.js'] },
  { app: 'export', pkg: '@repo/export', next: false, cmd: ['node', 'dist/server.js'] },
] as const
