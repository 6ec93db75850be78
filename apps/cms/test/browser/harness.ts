import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { type Browser, chromium } from 'playwright-core'

const cmsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

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

export function chromiumPath(): string {
  const candidate = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
  if (!existsSync(candidate)) {
    throw new Error(
      `Chromium not found at ${candidate}. Install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    )
  }
  return candidate
}

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS })

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

export type RunningCms = {
  url: string
  admin: { email: string; password: string }
  stop: () => Promise<void>
  output: () => string
}

/**
 * Starts the built CMS the way `pnpm start` does (migrate, seed, `next start`) on a temporary
 * SQLite database and a free port, and waits until its API answers.
 */
export async function startBuiltCms(): Promise<RunningCms> {
  if (!existsSync(path.join(cmsRoot, '.next/BUILD_ID'))) {
    throw new Error('The CMS is not built: run `pnpm --filter @repo/cms build` first.')
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'km-browser-'))
  const port = await freePort()
  const url = `http://localhost:${port}`
  const admin = { email: 'browser-admin@example.org', password: 'browser-admin-password-1' }
  let log = ''
  const tsx = path.join(cmsRoot, 'node_modules/.bin/tsx')
  const child: ChildProcess = spawn(tsx, ['scripts/quickstart.ts'], {
    cwd: cmsRoot,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: `file:${path.join(dir, 'cms.db')}`,
      MEDIA_DIR: path.join(dir, 'media'),
      PAYLOAD_SECRET: 'browser-test-secret-0123456789abcdef',
      SERVER_URL: url,
      SEED_ADMIN_EMAIL: admin.email,
      SEED_ADMIN_PASSWORD: admin.password,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  child.stdout!.on('data', (d) => (log += d))
  child.stderr!.on('data', (d) => (log += d))
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      process.kill(-child.pid, 'SIGTERM')
      await new Promise((r) => child.once('exit', r))
    }
    rmSync(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + 180_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    try {
      const res = await fetch(`${url}/api/themes?limit=1`)
      if (res.ok) return { url, admin, stop, output: () => log }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  await stop()
  throw new Error(`The CMS did not start:\n${log}`)
}
