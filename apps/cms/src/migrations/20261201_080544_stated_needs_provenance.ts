import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`editorial_note\` text;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`confidence\` text;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`provenance_note\` text;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_editorial_note\` text;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_confidence\` text;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_provenance_note\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`stated_by_name\` text;`)
  await db.run(
    sql`ALTER TABLE \`learning_needs\` ADD \`stated_by_organisation_id\` integer REFERENCES organisations(id);`,
  )
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`stated_year\` numeric;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`topic\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`editorial_note\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`confidence\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`provenance_note\` text;`)
  await db.run(
    sql`CREATE INDEX \`learning_needs_stated_by_stated_by_organisation_idx\` ON \`learning_needs\` (\`stated_by_organisation_id\`);`,
  )
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_stated_by_name\` text;`)
  await db.run(
    sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_stated_by_organisation_id\` integer REFERENCES organisations(id);`,
  )
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_stated_year\` numeric;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_topic\` text;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_editorial_note\` text;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_confidence\` text;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_provenance_note\` text;`)
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_stated_by_version_stated_by_or_idx\` ON \`_learning_needs_v\` (\`version_stated_by_organisation_id\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_learning_needs\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`slug\` text,
  	\`description\` text,
  	\`kind\` text DEFAULT 'learning-need',
  	\`priority\` text,
  	\`programme_id\` integer,
  	\`is_example\` integer DEFAULT false,
  	\`coverage\` text DEFAULT 'open',
  	\`derived_coverage\` text DEFAULT 'open',
  	\`published_product_count\` numeric DEFAULT 0,
  	\`coverage_override\` text,
  	\`coverage_override_reason\` text,
  	\`review_status\` text DEFAULT 'draft',
  	\`review_comment\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`deleted_at\` text,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`programme_id\`) REFERENCES \`programmes\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_learning_needs\`("id", "title", "slug", "description", "kind", "priority", "programme_id", "is_example", "coverage", "derived_coverage", "published_product_count", "coverage_override", "coverage_override_reason", "review_status", "review_comment", "updated_at", "created_at", "deleted_at", "_status") SELECT "id", "title", "slug", "description", "kind", "priority", "programme_id", "is_example", "coverage", "derived_coverage", "published_product_count", "coverage_override", "coverage_override_reason", "review_status", "review_comment", "updated_at", "created_at", "deleted_at", "_status" FROM \`learning_needs\`;`,
  )
  await db.run(sql`DROP TABLE \`learning_needs\`;`)
  await db.run(sql`ALTER TABLE \`__new_learning_needs\` RENAME TO \`learning_needs\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`learning_needs_title_idx\` ON \`learning_needs\` (\`title\`);`)
  await db.run(
    sql`CREATE UNIQUE INDEX \`learning_needs_slug_idx\` ON \`learning_needs\` (\`slug\`);`,
  )
  await db.run(sql`CREATE INDEX \`learning_needs_kind_idx\` ON \`learning_needs\` (\`kind\`);`)
  await db.run(
    sql`CREATE INDEX \`learning_needs_priority_idx\` ON \`learning_needs\` (\`priority\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_programme_idx\` ON \`learning_needs\` (\`programme_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_coverage_idx\` ON \`learning_needs\` (\`coverage\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_review_status_idx\` ON \`learning_needs\` (\`review_status\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_updated_at_idx\` ON \`learning_needs\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_created_at_idx\` ON \`learning_needs\` (\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_deleted_at_idx\` ON \`learning_needs\` (\`deleted_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs__status_idx\` ON \`learning_needs\` (\`_status\`);`,
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
  await db.run(sql`CREATE TABLE \`__new__learning_needs_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_description\` text,
  	\`version_kind\` text DEFAULT 'learning-need',
  	\`version_priority\` text,
  	\`version_programme_id\` integer,
  	\`version_is_example\` integer DEFAULT false,
  	\`version_coverage\` text DEFAULT 'open',
  	\`version_derived_coverage\` text DEFAULT 'open',
  	\`version_published_product_count\` numeric DEFAULT 0,
  	\`version_coverage_override\` text,
  	\`version_coverage_override_reason\` text,
  	\`version_review_status\` text DEFAULT 'draft',
  	\`version_review_comment\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version_deleted_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`learning_needs\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_programme_id\`) REFERENCES \`programmes\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new__learning_needs_v\`("id", "parent_id", "version_title", "version_slug", "version_description", "version_kind", "version_priority", "version_programme_id", "version_is_example", "version_coverage", "version_derived_coverage", "version_published_product_count", "version_coverage_override", "version_coverage_override_reason", "version_review_status", "version_review_comment", "version_updated_at", "version_created_at", "version_deleted_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_title", "version_slug", "version_description", "version_kind", "version_priority", "version_programme_id", "version_is_example", "version_coverage", "version_derived_coverage", "version_published_product_count", "version_coverage_override", "version_coverage_override_reason", "version_review_status", "version_review_comment", "version_updated_at", "version_created_at", "version_deleted_at", "version__status", "created_at", "updated_at", "latest" FROM \`_learning_needs_v\`;`,
  )
  await db.run(sql`DROP TABLE \`_learning_needs_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__learning_needs_v\` RENAME TO \`_learning_needs_v\`;`)
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_parent_idx\` ON \`_learning_needs_v\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_version_title_idx\` ON \`_learning_needs_v\` (\`version_title\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_version_slug_idx\` ON \`_learning_needs_v\` (\`version_slug\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_version_kind_idx\` ON \`_learning_needs_v\` (\`version_kind\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_version_priority_idx\` ON \`_learning_needs_v\` (\`version_priority\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_version_programme_idx\` ON \`_learning_needs_v\` (\`version_programme_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_version_coverage_idx\` ON \`_learning_needs_v\` (\`version_coverage\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_version_review_status_idx\` ON \`_learning_needs_v\` (\`version_review_status\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_version_updated_at_idx\` ON \`_learning_needs_v\` (\`version_updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_version_created_at_idx\` ON \`_learning_needs_v\` (\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_version_deleted_at_idx\` ON \`_learning_needs_v\` (\`version_deleted_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_version__status_idx\` ON \`_learning_needs_v\` (\`version__status\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_created_at_idx\` ON \`_learning_needs_v\` (\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_updated_at_idx\` ON \`_learning_needs_v\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_latest_idx\` ON \`_learning_needs_v\` (\`latest\`);`,
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
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`editorial_note\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`confidence\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`provenance_note\`;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_editorial_note\`;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_confidence\`;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_provenance_note\`;`)
}
