import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-sqlite'

import { downSearchIndex, upSearchIndex } from '../search/sqlite/migrate'

// The FTS5 search index (search/sqlite): after `search_index` added the hidden search columns.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await upSearchIndex(db)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await downSearchIndex(db)
}
