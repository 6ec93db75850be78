/**
 * The built server (`node dist/server.js`) as a child process, against the real CMS served on a
 * local port: on SIGTERM it stops accepting connections, lets a running export finish, and exits
 * 0; past the shutdown deadline it ends the export with the incomplete marker, and still exits 0.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freePort, serveCms, startSeededCms, type SeededCms } from './helpers.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

let cms: SeededCms
let served: Awaited<ReturnType<typeof serveCms>>
let pageDelay = 0
let total = 0

beforeAll(async () => {
  // The test runs what `pnpm start` runs: the compiled server, built from the current sources.
  execFileSync(process.execPath, [require_tsc(), '-p', 'tsconfig.build.json'], { cwd: root })
  cms = await startSeededCms()
  total = (await cms.client.products.list({ limit: 1 })).totalDocs
  served = await serveCms(cms, { pageDelayMs: () => pageDelay })
})
afterAll(async () => {
  await served?.close()
  await cms?.close()
})

function require_tsc(): string {
  return path.join(root, 'node_modules', 'typescript', 'bin', 'tsc')
}

async function startServer(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort()
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      CMS_URL: served.url,
      EXPORT_PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      EXPORT_PAGE_SIZE: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      if (out.includes('listening')) resolve()
    })
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)))
  })
  return { child, port }
}

/** Starts an export and resolves once its first bytes arrived; `done` has the whole body. */
function startExport(port: number, path: string) {
  let firstByte!: () => void
  const started = new Promise<void>((r) => (firstByte = r))
  const done = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => {
        body += c
        firstByte()
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
  return { started, done }
}

const connectionRefused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume()
      resolve(false)
    })
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'))
  })

describe('SIGTERM', () => {
  it('lets a running export finish, refuses new connections, and exits 0', async () => {
    pageDelay = 60
    const deadline = 20_000
    const { child, port } = await startServer({ SHUTDOWN_DEADLINE_MS: String(deadline) })
    const exp = startExport(port, '/v1/knowledge-products.csv')
    await exp.started
    const exited = once(child, 'exit')
    const signalledAt = Date.now()
    child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 100))
    expect(await connectionRefused(port)).toBe(true)

    const { status, body } = await exp.done
    expect(status).toBe(200)
    expect(body).not.toContain('EXPORT INCOMPLETE')
    expect(body.trimEnd().split('\r\n')).toHaveLength(1 + total)
    const [code, signal] = (await exited) as [number | null, string | null]
    expect(signal).toBeNull()
    expect(code).toBe(0)
    expect(Date.now() - signalledAt).toBeLessThan(deadline)
  })

  it('past the deadline, ends the export with the incomplete marker and exits 0', async () => {
    pageDelay = 400
    const deadline = 500
    const { child, port } = await startServer({ SHUTDOWN_DEADLINE_MS: String(deadline) })
    const exp = startExport(port, '/v1/knowledge-products.ndjson')
    await exp.started
    const exited = once(child, 'exit')
    const signalledAt = Date.now()
    child.kill('SIGTERM')
    const { body } = await exp.done
    const last = JSON.parse(body.trimEnd().split('\n').at(-1)!) as { error?: { detail: string } }
    expect(last.error?.detail).toMatch(/^EXPORT INCOMPLETE: The export service is shutting down/)
    const [code] = (await exited) as [number | null]
    expect(code).toBe(0)
    // Within the deadline plus the short grace period for open sockets.
    expect(Date.now() - signalledAt).toBeLessThan(deadline + 3_000)
  })
})
