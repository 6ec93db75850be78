import type { Migration, Payload } from 'payload'

import { migrations } from '../migrations'

/** Applies the committed SQLite migrations that have not run yet (a no-op on MongoDB). */
export async function runMigrations(payload: Payload): Promise<void> {
  if (payload.db.name === 'mongoose') return
  await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
}
