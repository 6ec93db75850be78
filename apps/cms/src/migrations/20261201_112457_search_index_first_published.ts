import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`first_published_at\` text;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`search_title\` text;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`search_summary\` text;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`search_keywords\` text;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`search_title_exact\` text;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`search_summary_exact\` text;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`search_keywords_exact\` text;`)
  await db.run(
    sql`CREATE INDEX \`knowledge_products_first_published_at_idx\` ON \`knowledge_products\` (\`first_published_at\`);`,
  )
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_first_published_at\` text;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_search_title\` text;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_search_summary\` text;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_search_keywords\` text;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_search_title_exact\` text;`)
  await db.run(
    sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_search_summary_exact\` text;`,
  )
  await db.run(
    sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_search_keywords_exact\` text;`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_version_first_published_at_idx\` ON \`_knowledge_products_v\` (\`version_first_published_at\`);`,
  )
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`first_published_at\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`search_title\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`search_summary\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`search_keywords\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`search_title_exact\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`search_summary_exact\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`search_keywords_exact\` text;`)
  await db.run(
    sql`CREATE INDEX \`learning_needs_first_published_at_idx\` ON \`learning_needs\` (\`first_published_at\`);`,
  )
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_first_published_at\` text;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_search_title\` text;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_search_summary\` text;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_search_keywords\` text;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_search_title_exact\` text;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_search_summary_exact\` text;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_search_keywords_exact\` text;`)
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_version_first_published_at_idx\` ON \`_learning_needs_v\` (\`version_first_published_at\`);`,
  )
  await db.run(sql`ALTER TABLE \`insights\` ADD \`search_title\` text;`)
  await db.run(sql`ALTER TABLE \`insights\` ADD \`search_summary\` text;`)
  await db.run(sql`ALTER TABLE \`insights\` ADD \`search_keywords\` text;`)
  await db.run(sql`ALTER TABLE \`insights\` ADD \`search_title_exact\` text;`)
  await db.run(sql`ALTER TABLE \`insights\` ADD \`search_summary_exact\` text;`)
  await db.run(sql`ALTER TABLE \`insights\` ADD \`search_keywords_exact\` text;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` ADD \`version_search_title\` text;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` ADD \`version_search_summary\` text;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` ADD \`version_search_keywords\` text;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` ADD \`version_search_title_exact\` text;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` ADD \`version_search_summary_exact\` text;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` ADD \`version_search_keywords_exact\` text;`)
  await db.run(sql`ALTER TABLE \`partnerships\` ADD \`search_title\` text;`)
  await db.run(sql`ALTER TABLE \`partnerships\` ADD \`search_summary\` text;`)
  await db.run(sql`ALTER TABLE \`partnerships\` ADD \`search_keywords\` text;`)
  await db.run(sql`ALTER TABLE \`partnerships\` ADD \`search_title_exact\` text;`)
  await db.run(sql`ALTER TABLE \`partnerships\` ADD \`search_summary_exact\` text;`)
  await db.run(sql`ALTER TABLE \`partnerships\` ADD \`search_keywords_exact\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`knowledge_products_first_published_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`first_published_at\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`search_title\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`search_summary\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`search_keywords\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`search_title_exact\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`search_summary_exact\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`search_keywords_exact\`;`)
  await db.run(sql`DROP INDEX \`_knowledge_products_v_version_version_first_published_at_idx\`;`)
  await db.run(
    sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_first_published_at\`;`,
  )
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_search_title\`;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_search_summary\`;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_search_keywords\`;`)
  await db.run(
    sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_search_title_exact\`;`,
  )
  await db.run(
    sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_search_summary_exact\`;`,
  )
  await db.run(
    sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_search_keywords_exact\`;`,
  )
  await db.run(sql`DROP INDEX \`learning_needs_first_published_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` DROP COLUMN \`first_published_at\`;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` DROP COLUMN \`search_title\`;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` DROP COLUMN \`search_summary\`;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` DROP COLUMN \`search_keywords\`;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` DROP COLUMN \`search_title_exact\`;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` DROP COLUMN \`search_summary_exact\`;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` DROP COLUMN \`search_keywords_exact\`;`)
  await db.run(sql`DROP INDEX \`_learning_needs_v_version_version_first_published_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` DROP COLUMN \`version_first_published_at\`;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` DROP COLUMN \`version_search_title\`;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` DROP COLUMN \`version_search_summary\`;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` DROP COLUMN \`version_search_keywords\`;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` DROP COLUMN \`version_search_title_exact\`;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` DROP COLUMN \`version_search_summary_exact\`;`)
  await db.run(
    sql`ALTER TABLE \`_learning_needs_v\` DROP COLUMN \`version_search_keywords_exact\`;`,
  )
  await db.run(sql`ALTER TABLE \`insights\` DROP COLUMN \`search_title\`;`)
  await db.run(sql`ALTER TABLE \`insights\` DROP COLUMN \`search_summary\`;`)
  await db.run(sql`ALTER TABLE \`insights\` DROP COLUMN \`search_keywords\`;`)
  await db.run(sql`ALTER TABLE \`insights\` DROP COLUMN \`search_title_exact\`;`)
  await db.run(sql`ALTER TABLE \`insights\` DROP COLUMN \`search_summary_exact\`;`)
  await db.run(sql`ALTER TABLE \`insights\` DROP COLUMN \`search_keywords_exact\`;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` DROP COLUMN \`version_search_title\`;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` DROP COLUMN \`version_search_summary\`;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` DROP COLUMN \`version_search_keywords\`;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` DROP COLUMN \`version_search_title_exact\`;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` DROP COLUMN \`version_search_summary_exact\`;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` DROP COLUMN \`version_search_keywords_exact\`;`)
  await db.run(sql`ALTER TABLE \`partnerships\` DROP COLUMN \`search_title\`;`)
  await db.run(sql`ALTER TABLE \`partnerships\` DROP COLUMN \`search_summary\`;`)
  await db.run(sql`ALTER TABLE \`partnerships\` DROP COLUMN \`search_keywords\`;`)
  await db.run(sql`ALTER TABLE \`partnerships\` DROP COLUMN \`search_title_exact\`;`)
  await db.run(sql`ALTER TABLE \`partnerships\` DROP COLUMN \`search_summary_exact\`;`)
  await db.run(sql`ALTER TABLE \`partnerships\` DROP COLUMN \`search_keywords_exact\`;`)
}
