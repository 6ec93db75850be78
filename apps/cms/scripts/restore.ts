/**
 * `pnpm --filter @repo/cms restore <dir>`: restores an archive made by `backup` into the EMPTY
 * database in DATABASE_URL (SQLite or MongoDB, whichever the archive came from), copies the
 * uploads into the media directory, and checks the content hashes against the manifest. Pass
 * --production to load the environment as `pnpm start` does.
 */
import path from 'node:path'

import { restore } from '../src/lib/backup'
import { openPayload } from './lib'

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'))
if (!args[0]) {
  console.error('Usage: pnpm --filter @repo/cms restore <archive-dir> [--production]')
  process.exit(2)
}
const dir = path.resolve(args[0])

const payload = await openPayload({ production: process.argv.includes('--production') })
try {
  const report = await restore(payload, dir, { log: (m) => console.log(m) })
  console.table(
    Object.entries(report.created).map(([collection, documents]) => ({
      collection,
      documents,
      drafts: report.drafts[collection] ?? 0,
    })),
  )
  console.log(`Restored ${dir} into ${payload.db.name}; ${report.files} files copied.`)
} catch (err) {
  console.error(`Restore failed: ${(err as Error).message}`)
  process.exitCode = 1
} finally {
  await payload.destroy()
}
