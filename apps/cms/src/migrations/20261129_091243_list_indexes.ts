import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

/** [index name, table, columns]: covering indexes for the filters that go through child tables. */
const RELATION_INDEXES: [string, string, string][] = [
  [
    'knowledge_products_rels_themes_lookup_idx',
    'knowledge_products_rels',
    '`themes_id`, `path`, `parent_id`',
  ],
  [
    'knowledge_products_rels_partnerships_lookup_idx',
    'knowledge_products_rels',
    '`partnerships_id`, `path`, `parent_id`',
  ],
  [
    'knowledge_products_rels_learning_needs_lookup_idx',
    'knowledge_products_rels',
    '`learning_needs_id`, `path`, `parent_id`',
  ],
  ['knowledge_products_rels_parent_path_idx', 'knowledge_products_rels', '`parent_id`, `path`'],
  [
    'knowledge_products_texts_lookup_idx',
    'knowledge_products_texts',
    '`text`, `path`, `parent_id`',
  ],
  ['knowledge_products_texts_parent_path_idx', 'knowledge_products_texts', '`parent_id`, `path`'],
  [
    'knowledge_products_languages_lookup_idx',
    'knowledge_products_languages',
    '`value`, `parent_id`',
  ],
]

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(
    sql`CREATE INDEX \`_status_deletedAt_idx\` ON \`knowledge_products\` (\`_status\`,\`deleted_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_status_deletedAt_year_idx\` ON \`knowledge_products\` (\`_status\`,\`deleted_at\`,\`year\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_status_deletedAt_title_idx\` ON \`knowledge_products\` (\`_status\`,\`deleted_at\`,\`title\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_status_deletedAt_updatedAt_idx\` ON \`knowledge_products\` (\`_status\`,\`deleted_at\`,\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_status_deletedAt_type_year_idx\` ON \`knowledge_products\` (\`_status\`,\`deleted_at\`,\`type\`,\`year\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`version__status_version_deletedAt_idx\` ON \`_knowledge_products_v\` (\`version__status\`,\`version_deleted_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`version__status_version_deletedAt_version_year_idx\` ON \`_knowledge_products_v\` (\`version__status\`,\`version_deleted_at\`,\`version_year\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`version__status_version_deletedAt_version_title_idx\` ON \`_knowledge_products_v\` (\`version__status\`,\`version_deleted_at\`,\`version_title\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`version__status_version_deletedAt_version_updatedAt_idx\` ON \`_knowledge_products_v\` (\`version__status\`,\`version_deleted_at\`,\`version_updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`version__status_version_deletedAt_version_type_version_y_idx\` ON \`_knowledge_products_v\` (\`version__status\`,\`version_deleted_at\`,\`version_type\`,\`version_year\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_status_deletedAt_1_idx\` ON \`learning_needs\` (\`_status\`,\`deleted_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_status_deletedAt_title_1_idx\` ON \`learning_needs\` (\`_status\`,\`deleted_at\`,\`title\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_status_deletedAt_updatedAt_1_idx\` ON \`learning_needs\` (\`_status\`,\`deleted_at\`,\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`version__status_version_deletedAt_1_idx\` ON \`_learning_needs_v\` (\`version__status\`,\`version_deleted_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`version__status_version_deletedAt_version_title_1_idx\` ON \`_learning_needs_v\` (\`version__status\`,\`version_deleted_at\`,\`version_title\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`version__status_version_deletedAt_version_updatedAt_1_idx\` ON \`_learning_needs_v\` (\`version__status\`,\`version_deleted_at\`,\`version_updated_at\`);`,
  )
  // Payload cannot declare indexes on the rels/texts/select tables: these let the filters
  // "theme / partnership / need / country / language in [...]" go from the value to the product
  // (covering: value, path, product id) instead of probing every product's rows.
  for (const [name, table, columns] of RELATION_INDEXES) {
    await db.run(sql.raw(`CREATE INDEX IF NOT EXISTS \`${name}\` ON \`${table}\` (${columns});`))
  }
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`_status_deletedAt_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_deletedAt_year_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_deletedAt_title_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_deletedAt_updatedAt_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_deletedAt_type_year_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_deletedAt_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_deletedAt_version_year_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_deletedAt_version_title_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_deletedAt_version_updatedAt_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_deletedAt_version_type_version_y_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_deletedAt_1_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_deletedAt_title_1_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_deletedAt_updatedAt_1_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_deletedAt_1_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_deletedAt_version_title_1_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_deletedAt_version_updatedAt_1_idx\`;`)
  for (const [name] of RELATION_INDEXES) {
    await db.run(sql.raw(`DROP INDEX IF EXISTS \`${name}\`;`))
  }
}
