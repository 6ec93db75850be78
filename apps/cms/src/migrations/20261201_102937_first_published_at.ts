import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`first_published_at\` text;`)
  await db.run(sql`CREATE INDEX \`knowledge_products_first_published_at_idx\` ON \`knowledge_products\` (\`first_published_at\`);`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_first_published_at\` text;`)
  await db.run(sql`CREATE INDEX \`_knowledge_products_v_version_version_first_published_at_idx\` ON \`_knowledge_products_v\` (\`version_first_published_at\`);`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`first_published_at\` text;`)
  await db.run(sql`CREATE INDEX \`learning_needs_first_published_at_idx\` ON \`learning_needs\` (\`first_published_at\`);`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_first_published_at\` text;`)
  await db.run(sql`CREATE INDEX \`_learning_needs_v_version_version_first_published_at_idx\` ON \`_learning_needs_v\` (\`version_first_published_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`knowledge_products_first_published_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`first_published_at\`;`)
  await db.run(sql`DROP INDEX \`_knowledge_products_v_version_version_first_published_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_first_published_at\`;`)
  await db.run(sql`DROP INDEX \`learning_needs_first_published_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` DROP COLUMN \`first_published_at\`;`)
  await db.run(sql`DROP INDEX \`_learning_needs_v_version_version_first_published_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` DROP COLUMN \`version_first_published_at\`;`)
}
