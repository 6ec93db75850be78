/**
 * `pnpm --filter @repo/cms backup [dir]`: writes a portable archive of all content and uploads
 * (see src/lib/backup.ts) from the database in DATABASE_URL. The default directory is
 * data/backups/<timestamp>. Pass --production to load the environment as `pnpm start` does.
 */
import path from 'node:path'

import { archiveSize, backup } from '../src/lib/backup'
import { openPayload } from './lib'

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const dir = path.resolve(args[0] ?? path.join('data', 'backups', `knowledge-map-${stamp}`))

const payload = await openPayload({ production: process.argv.includes('--production') })
try {
  const { manifest } = await backup(payload, dir)
  console.table(
    Object.entries(manifest.collections).map(([collection, c]) => ({
      collection,
      documents: c.count,
      drafts: c.drafts,
      contentHash: c.contentHash.slice(0, 12),
    })),
  )
  const size = await archiveSize(dir)
  console.log(
    `Backed up ${payload.db.name} to ${dir}: ${size.files} files, ${(size.bytes / 1024).toFixed(0)} KiB ` +
      `(${manifest.media.length} uploaded files).`,
  )
} finally {
  await payload.destroy()
}
