import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { getPayload, handleEndpoints, type Payload, type SanitizedConfig } from 'payload'
import { describe, it } from 'vitest'

import { createConfig } from '../../src/config'
import { IMPORT_PATH } from '../../src/endpoints/import'
import { withWrites } from '../../src/lib/writes'
import { parseEnv } from '../../src/env'
import { runMigrations } from '../../src/lib/migrate'

export type DatabaseKind = 'sqlite' | 'mongodb'

export type TestCms = {
  kind: DatabaseKind
  payload: Payload
  config: SanitizedConfig
  /** A `fetch` that runs Payload's real REST handler in-process, as the Next route wraps it. */
  fetch: typeof fetch
  baseUrl: string
  close: () => Promise<void>
}

const testEnv = (overrides: Record<string, string> = {}) =>
  parseEnv({
    NODE_ENV: 'test',
    PAYLOAD_SECRET: 'test-secret-that-is-long-enough-0123456789',
    SERVER_URL: 'http://cms.test',
    ...overrides,
  })

let counter = 0

/**
 * Starts a real Payload on a fresh database: a temporary SQLite file built from the committed
 * migrations, or a uniquely named database on the MongoDB server of `MONGODB_URL`.
 */
export async function startCms(
  kind: DatabaseKind = 'sqlite',
  options: { env?: Record<string, string> } = {},
): Promise<TestCms> {
  const dir = mkdtempSync(path.join(tmpdir(), 'km-cms-'))
  let databaseUrl: string
  if (kind === 'sqlite') {
    databaseUrl = `file:${path.join(dir, 'test.db')}`
  } else {
    const base = new URL(mongoUrl()!)
    base.pathname = `/km_test_${process.pid}_${Date.now()}_${counter++}`
    databaseUrl = base.toString()
    await assertMongoReachable(databaseUrl)
  }
  const config = await createConfig({
    env: testEnv(options.env),
    databaseUrl,
    mediaDir: path.join(dir, 'media'),
    logLevel: 'fatal',
  })
  const key = `test-${kind}-${counter++}`
  const payload = await getPayload({ config, key })
  await runMigrations(payload)
  const baseUrl = 'http://cms.test'
  // Each write runs the way the Next route runs it (serialised on SQLite, after-commit hooks).
  const handler = withWrites(
    config,
    (request: Request, _context?: never) =>
      handleEndpoints({ config, request, payloadInstanceCacheKey: key }),
    { selfLocking: [IMPORT_PATH] },
  )
  const inProcessFetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
    handler(new Request(input, init))) as typeof fetch
  return {
    kind,
    payload,
    config,
    fetch: inProcessFetch,
    baseUrl,
    close: async () => {
      if (kind === 'mongodb') await payload.db.dropDatabase?.({ adapter: payload.db } as never)
      await payload.destroy()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export const mongoUrl = (): string | undefined => process.env.MONGODB_URL || undefined

async function assertMongoReachable(url: string): Promise<void> {
  const { MongoClient } = await import('mongodb')
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 3000 })
  try {
    await client.connect()
    await client.db().command({ ping: 1 })
  } catch (err) {
    throw new Error(
      `MONGODB_URL is set but the server does not answer: ${(err as Error).message}`,
      {
        cause: err,
      },
    )
  } finally {
    await client.close()
  }
}

/**
 * Declares a suite once per database: always SQLite, and MongoDB when `MONGODB_URL` is set.
 * Without it, the MongoDB copy is reported as skipped, with the reason in its name.
 */
export function describeEachDatabase(title: string, suite: (kind: DatabaseKind) => void): void {
  describe(`${title} [sqlite]`, () => suite('sqlite'))
  if (mongoUrl()) {
    describe(`${title} [mongodb]`, () => suite('mongodb'))
  } else {
    describe.skip(`${title} [mongodb: skipped because MONGODB_URL is not set]`, () => {
      it('should run on MongoDB when MONGODB_URL is set', () => {})
    })
  }
}
