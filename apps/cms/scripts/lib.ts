import { getPayload, type Payload } from 'payload'

import { getEnv, prepareLocalEnv } from '../src/env'
import { runMigrations } from '../src/lib/migrate'
import type { SeedReport } from '../src/seed'

/** Loads the local environment and opens Payload (migrations run on open in production mode). */
export async function openPayload(options: { production: boolean }): Promise<Payload> {
  await prepareLocalEnv(options)
  const { default: config } = await import('../src/payload.config')
  const payload = await getPayload({ config })
  await runMigrations(payload)
  return payload
}

/** Runs the idempotent seed with the first admin taken from the environment, and reports. */
export async function runSeed(payload: Payload): Promise<SeedReport> {
  const { seed } = await import('../src/seed')
  const env = getEnv()
  const started = Date.now()
  const report = await seed(payload, {
    log: (m) => console.log(m),
    adminEmail: env.SEED_ADMIN_EMAIL,
    adminPassword: env.SEED_ADMIN_PASSWORD,
  })
  const rows = Object.keys({ ...report.created, ...report.existing }).map((c) => ({
    collection: c,
    created: report.created[c] ?? 0,
    existing: report.existing[c] ?? 0,
  }))
  console.table(rows)
  console.log(`Seed finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
  if (report.generatedAdmin) {
    const { email, password } = report.generatedAdmin
    console.log(
      `\nCreated the first admin (shown once; set SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD to choose them):\n` +
        `  email:    ${email}\n  password: ${password}\n`,
    )
  }
  return report
}
