/**
 * `pnpm start` for the site (the local quick start): serves the built site on port 3001. When no
 * REVALIDATE_SECRET is configured it shares one with the CMS's quick start through
 * `.local/revalidate-secret` at the repo root, so published changes reach the site at once.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const env = { ...process.env }
if (!env.REVALIDATE_SECRET) {
  const file = path.join(root, '.local/revalidate-secret')
  mkdirSync(path.dirname(file), { recursive: true })
  try {
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
  } catch {
    // the CMS created it first
  }
  env.REVALIDATE_SECRET = readFileSync(file, 'utf8').trim()
}
const port = new URL(env.SITE_URL || 'http://localhost:3001').port || '3001'
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
const child = spawn(process.execPath, [nextBin, 'start', '-p', port], { stdio: 'inherit', env })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
console.log(`\nKnowledge Map site: http://localhost:${port}\n`)
