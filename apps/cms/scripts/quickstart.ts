/**
 * `pnpm start` for the CMS: migrate, seed the real content, then serve the built admin and API
 * in production mode on SQLite (or MongoDB when DATABASE_URL says so).
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'

import { childEnv, getEnv } from '../src/env'
import { openPayload, runSeed } from './lib'

const payload = await openPayload({ production: true })
try {
  await runSeed(payload)
} finally {
  await payload.destroy()
}

const env = getEnv()
const port = new URL(env.SERVER_URL).port || '3000'
// Run Next's CLI with this Node binary: a fresh machine may have pnpm only through npx.
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
const child = spawn(process.execPath, [nextBin, 'start', '-p', port], {
  stdio: 'inherit',
  env: childEnv(),
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))

const deadline = Date.now() + 120_000
while (Date.now() < deadline) {
  try {
    const res = await fetch(`${env.SERVER_URL}/api/themes?limit=1`)
    if (res.ok) break
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 500))
}
console.log(
  `\nKnowledge Map CMS is ready:\n  admin:    ${env.SERVER_URL}/admin\n  REST API: ${env.SERVER_URL}/api\n`,
)
