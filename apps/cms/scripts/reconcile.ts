/**
 * Recounts every learning need's coverage from the live (published, not trashed) products and
 * corrects any drift, the same work as the nightly `reconcileCoverage` job:
 *
 *   pnpm --filter @repo/cms reconcile [--production]
 *
 * Prints each corrected need (before → after) and a summary. Exits 0 when nothing had drifted,
 * 1 when something was corrected (so a monitor can alert on it).
 */
import { parseArgs } from 'node:util'

import { createLocalReq } from 'payload'

import { reconcileCoverage } from '../src/lib/coverage'
import { retryOnConflict } from '../src/lib/retry'
import { openPayload } from './lib'

const { values } = parseArgs({ options: { production: { type: 'boolean', default: false } } })

const payload = await openPayload({ production: values.production })
let code = 0
try {
  // The server may be writing to the same SQLite file: a conflict runs the (idempotent) recount again.
  const report = await retryOnConflict(async () =>
    reconcileCoverage(await createLocalReq({}, payload)),
  )
  for (const c of report.corrected) {
    console.log(
      `${c.slug ?? c.id}: coverage ${c.before.coverage ?? '–'} → ${c.after.coverage}, published products ${c.before.count ?? '–'} → ${c.after.count}`,
    )
  }
  console.log(
    `Checked ${report.checked} learning needs; corrected ${report.corrected.length} that had drifted.`,
  )
  if (report.corrected.length > 0) code = 1
} finally {
  await payload.destroy()
}
process.exit(code)
