/**
 * Bulk import from the command line, the same importer as the admin's “Bulk import” view:
 *
 *   pnpm --filter @repo/cms import <file.csv|file.xlsx> [--collection <slug>] [--commit] [--as <email>]
 *
 * Without --commit it is a dry run: every row is checked and each problem printed as
 * “row 12, column year: …”; nothing is written. With --commit, and only when the file has no
 * problem, the rows are written in batches (each batch all-or-nothing); if a batch fails, the
 * batches before it stay written and running the same file again completes it. --as attributes the change to a user
 * (an editor or admin) whose access then applies; without it the import runs as the system.
 * Exits 1 when the file has problems, 2 when it cannot be read.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { COLLECTIONS } from '@repo/types'
import { IMPORT_COLLECTIONS, type ImportCollection } from '@repo/types/import'
import type { TypedUser } from 'payload'

import { isRole } from '../src/access/roles'
import { ImportFileError } from '../src/import/parse'
import { runImport } from '../src/import/run'
import { openPayload } from './lib'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    collection: { type: 'string', short: 'c' },
    commit: { type: 'boolean', default: false },
    as: { type: 'string' },
    production: { type: 'boolean', default: false },
  },
})
const file = positionals[0]
if (!file) {
  console.error(
    'Usage: pnpm --filter @repo/cms import <file.csv|file.xlsx> [--collection <slug>] [--commit] [--as <email>]',
  )
  process.exit(2)
}
if (values.collection && !(IMPORT_COLLECTIONS as readonly string[]).includes(values.collection)) {
  console.error(`--collection must be one of: ${IMPORT_COLLECTIONS.join(', ')}`)
  process.exit(2)
}

const payload = await openPayload({ production: values.production })
let code = 0
try {
  let user: TypedUser | null = null
  if (values.as) {
    const { docs } = await payload.find({
      collection: COLLECTIONS.users,
      where: { email: { equals: values.as } },
      limit: 1,
      depth: 0,
    })
    if (!docs[0] || !isRole(docs[0] as TypedUser, 'admin', 'editor')) {
      throw new ImportFileError(`--as ${values.as}: no editor or admin has that email.`)
    }
    user = { ...docs[0], collection: COLLECTIONS.users } as TypedUser
  }
  const absolute = path.resolve(process.env.INIT_CWD ?? process.cwd(), file)
  const report = await runImport(payload, {
    file: { name: path.basename(absolute), data: readFileSync(absolute) },
    collection: values.collection as ImportCollection | undefined,
    commit: values.commit,
    user,
    onProgress: (p) =>
      process.stderr.write(
        `\r${p.phase === 'write' ? 'Writing' : 'Checking'} ${p.done}/${p.total} rows`,
      ),
  })
  process.stderr.write('\n')
  for (const s of report.sections) {
    console.log(
      `${s.sheet} → ${s.collection}: ${s.rows} rows, ${s.create} new, ${s.update} to update`,
    )
  }
  for (const w of report.warnings) console.log(`warning: ${w}`)
  for (const i of report.issues) console.log(i.text)
  if (report.committed)
    console.log(
      `Imported ${report.file}: ${report.written} rows${report.atomic ? `, in transactions of ${report.batchSize} rows` : ''}.`,
    )
  else if (report.ok) console.log('Dry run: the file is fine. Run again with --commit to write it.')
  else {
    console.log(
      `${report.issues.length} problem(s): ${report.written > 0 ? `${report.written} rows were written before the failing batch, which was rolled back; fix the file and run it again to complete it.` : 'nothing was written.'}`,
    )
    code = 1
  }
} catch (err) {
  if (!(err instanceof ImportFileError)) throw err
  console.error(err.message)
  code = 2
} finally {
  await payload.destroy()
}
process.exit(code)
