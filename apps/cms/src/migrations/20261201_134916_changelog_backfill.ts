import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-sqlite'

import { backfillChangeLog } from '../changes/backfill'

// Payload declares no index on a hasMany field's texts table beyond (order, parent) and the
// value: a page of the changelog reads its entries' themes and cells by parent, and the theme
// filter joins by value and path.
const INDEXES: [string, string][] = [
  ['map_changes_texts_parent_path_idx', '`parent_id`, `path`'],
  ['map_changes_texts_lookup_idx', '`text`, `path`, `parent_id`'],
]

// The changelog kept as changes happen (changes/store), filled once from the history already in
// the database (changes/backfill), in this migration's transaction.
export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  for (const [name, columns] of INDEXES) {
    await db.run(
      sql.raw(`CREATE INDEX IF NOT EXISTS \`${name}\` ON \`map_changes_texts\` (${columns})`),
    )
  }
  const started = Date.now()
  const report = await backfillChangeLog(payload, { req, db })
  payload.logger.info(
    `Changelog backfilled: ${report.changes} changes, ${report.cells} cell dates (${Date.now() - started} ms)`,
  )
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DELETE FROM \`map_cell_dates\``)
  await db.run(sql`DELETE FROM \`map_changes\``)
  for (const [name] of INDEXES) await db.run(sql.raw(`DROP INDEX IF EXISTS \`${name}\``))
}
