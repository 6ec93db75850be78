/**
 * The browser-test harness the apps share: start the BUILT CMS (its quick start: migrate, seed,
 * `next start`) on a temporary SQLite database, start the BUILT site against it, and launch
 * Debian's Chromium through playwright-core. Apps import this package instead of each other's
 * test files.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { type Browser, chromium } from 'playwright-core'

export { adminApi, type AdminApi, CmsRequestError, type Doc } from './admin.js'

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Debian's Chromium (`apt-get install -y chromium`), or `CHROMIUM_PATH`. */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  const candidate = env.CHROMIUM_PATH || '/usr/bin/chromium'
  if (!existsSync(candidate)) {
    throw new Error(
      `Chromium not found at ${candidate}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    )
  }
  return candidate
}

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS })

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** The nearest folder at or above `from` that holds `pnpm-workspace.yaml`. */
export function findRepoRoot(from: string): string {
  let dir = path.resolve(from)
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`No pnpm-workspace.yaml at or above ${from}.`)
    dir = parent
  }
}

export type RunningServer = {
  url: string
  /** Stops the process group and removes temporary files. */
  stop: () => Promise<void>
  /** Everything the process printed so far. */
  output: () => string
  /** The process group's resident memory in KiB (every process the server started), or null. */
  rssKiB: () => number | null
}

export type RunningCms = RunningServer & {
  admin: { email: string; password: string }
  /** The temporary SQLite database the CMS runs on (deleted by `stop`). */
  databaseUrl: string
}

type SpawnInit = {
  cwd: string
  command: string
  args: string[]
  env: Record<string, string | undefined>
  /** Polled until it answers 2xx. */
  readyUrl: string
  timeoutMs: number
  cleanup?: () => void
  name: string
}

/** The summed RSS (KiB) of the processes in group `pgid`, from `ps` (Linux and macOS). */
function groupRss(pgid: number | undefined): number | null {
  if (!pgid) return null
  try {
    const out = execFileSync('ps', ['-eo', 'pgid=,rss='], { encoding: 'utf8' })
    let total = 0
    for (const line of out.split('\n')) {
      const [group, rss] = line.trim().split(/\s+/)
      if (Number(group) === pgid) total += Number(rss) || 0
    }
    return total
  } catch {
    return null
  }
}

async function startServer(init: SpawnInit, url: string): Promise<RunningServer> {
  let log = ''
  const child: ChildProcess = spawn(init.command, init.args, {
    cwd: init.cwd,
    env: init.env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  child.stdout!.on('data', (d) => (log += d))
  child.stderr!.on('data', (d) => (log += d))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r))
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
      await exited
    }
    init.cleanup?.()
  }
  const deadline = Date.now() + init.timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    try {
      const res = await fetch(init.readyUrl)
      if (res.ok) return { url, stop, output: () => log, rssKiB: () => groupRss(child.pid) }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  await stop()
  throw new Error(`The ${init.name} did not start:\n${log}`)
}

export type StartCmsOptions = {
  /** The monorepo root (the folder with pnpm-workspace.yaml). */
  repoRoot: string
  /** Default: a free port. */
  port?: number
  /** Extra environment, e.g. `SITE_URL` and `REVALIDATE_SECRET` for on-demand revalidation. */
  env?: Record<string, string>
  admin?: { email: string; password: string }
  /**
   * The database, e.g. another running CMS's `databaseUrl` (two processes on one SQLite file).
   * Default: a fresh temporary SQLite file.
   */
  databaseUrl?: string
}

/**
 * Starts the built CMS the way `pnpm start` does (migrate, seed, `next start`) on a temporary
 * SQLite database (or `databaseUrl`) and a free port, and waits until its API answers.
 */
export async function startBuiltCms(options: StartCmsOptions): Promise<RunningCms> {
  const cmsRoot = path.join(options.repoRoot, 'apps/cms')
  if (!existsSync(path.join(cmsRoot, '.next/BUILD_ID'))) {
    throw new Error('The CMS is not built: run `pnpm --filter @repo/cms build` first.')
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'km-cms-'))
  const port = options.port ?? (await freePort())
  const url = `http://localhost:${port}`
  const admin = options.admin ?? {
    email: 'browser-admin@example.org',
    password: 'browser-admin-password-1',
  }
  const databaseUrl = options.databaseUrl ?? `file:${path.join(dir, 'cms.db')}`
  const server = await startServer(
    {
      name: 'CMS',
      cwd: cmsRoot,
      command: path.join(cmsRoot, 'node_modules/.bin/tsx'),
      args: ['scripts/quickstart.ts'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        MEDIA_DIR: path.join(dir, 'media'),
        PAYLOAD_SECRET: 'browser-test-secret-0123456789abcdef',
        SERVER_URL: url,
        SEED_ADMIN_EMAIL: admin.email,
        SEED_ADMIN_PASSWORD: admin.password,
        NEXT_TELEMETRY_DISABLED: '1',
        ...options.env,
      },
      readyUrl: `${url}/api/themes?limit=1`,
      timeoutMs: 180_000,
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    },
    url,
  )
  return { ...server, admin, databaseUrl }
}

export type StartSiteOptions = {
  repoRoot: string
  /** The running CMS the site reads from. */
  cmsUrl: string
  /** Default: a free port. */
  port?: number
  /** Extra environment (`REVALIDATE_SECRET`, `EXPORT_URL`, …). */
  env?: Record<string, string>
}

/** Starts the built public site (`next start`) against `cmsUrl` and waits until it answers. */
export async function startBuiltSite(options: StartSiteOptions): Promise<RunningServer> {
  const siteRoot = path.join(options.repoRoot, 'apps/site')
  if (!existsSync(path.join(siteRoot, '.next/BUILD_ID'))) {
    throw new Error('The site is not built: run `pnpm --filter @repo/site build` first.')
  }
  const port = options.port ?? (await freePort())
  const url = `http://localhost:${port}`
  const nextBin = createRequire(path.join(siteRoot, 'package.json')).resolve('next/dist/bin/next')
  return startServer(
    {
      name: 'site',
      cwd: siteRoot,
      command: process.execPath,
      args: [nextBin, 'start', '-p', String(port)],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        CMS_URL: options.cmsUrl,
        SITE_URL: url,
        ...options.env,
      },
      readyUrl: `${url}/robots.txt`,
      timeoutMs: 120_000,
    },
    url,
  )
}

export type StartExportOptions = {
  repoRoot: string
  /** The running CMS the export service reads from. */
  cmsUrl: string
  /** The public site its rows link to. */
  siteUrl?: string
  port?: number
  env?: Record<string, string>
}

/** Starts the built export service (`node dist/server.js`) against `cmsUrl`. */
export async function startBuiltExport(options: StartExportOptions): Promise<RunningServer> {
  const root = path.join(options.repoRoot, 'apps/export')
  if (!existsSync(path.join(root, 'dist/server.js'))) {
    throw new Error(
      'The export service is not built: run `pnpm --filter @repo/export build` first.',
    )
  }
  const port = options.port ?? (await freePort())
  const url = `http://localhost:${port}`
  return startServer(
    {
      name: 'export',
      cwd: root,
      command: process.execPath,
      args: ['dist/server.js'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        CMS_URL: options.cmsUrl,
        ...(options.siteUrl ? { SITE_URL: options.siteUrl } : {}),
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      readyUrl: `${url}/readyz`,
      timeoutMs: 60_000,
    },
    url,
  )
}

export type CmsAndSite = { cms: RunningCms; site: RunningServer; stop: () => Promise<void> }

/**
 * The built CMS and the built site wired together as in production: the CMS tells the site about
 * published changes and accepts its proposals and counts, with one shared secret.
 */
export async function startCmsAndSite(options: {
  repoRoot: string
  secret: string
  cmsEnv?: Record<string, string>
  siteEnv?: Record<string, string>
}): Promise<CmsAndSite> {
  const sitePort = await freePort()
  const cms = await startBuiltCms({
    repoRoot: options.repoRoot,
    env: {
      SITE_URL: `http://localhost:${sitePort}`,
      REVALIDATE_SECRET: options.secret,
      ...options.cmsEnv,
    },
  })
  try {
    const site = await startBuiltSite({
      repoRoot: options.repoRoot,
      cmsUrl: cms.url,
      port: sitePort,
      env: { REVALIDATE_SECRET: options.secret, ...options.siteEnv },
    })
    return {
      cms,
      site,
      stop: async () => {
        await site.stop()
        await cms.stop()
      },
    }
  } catch (err) {
    await cms.stop()
    throw err
  }
}
