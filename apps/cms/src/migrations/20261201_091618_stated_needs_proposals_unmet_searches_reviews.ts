import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`search_misses\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`query\` text NOT NULL,
  	\`day\` text NOT NULL,
  	\`count\` numeric DEFAULT 1 NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`search_misses_query_idx\` ON \`search_misses\` (\`query\`);`)
  await db.run(sql`CREATE INDEX \`search_misses_day_idx\` ON \`search_misses\` (\`day\`);`)
  await db.run(
    sql`CREATE INDEX \`search_misses_updated_at_idx\` ON \`search_misses\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`search_misses_created_at_idx\` ON \`search_misses\` (\`created_at\`);`,
  )
  await db.run(sql`CREATE UNIQUE INDEX \`query_day_idx\` ON \`search_misses\` (\`query\`,\`day\`);`)
  await db.run(sql`CREATE TABLE \`need_reviews\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`need_id\` integer NOT NULL,
  	\`at\` text NOT NULL,
  	\`by_id\` integer,
  	\`note\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`need_id\`) REFERENCES \`learning_needs\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`need_reviews_need_idx\` ON \`need_reviews\` (\`need_id\`);`)
  await db.run(sql`CREATE INDEX \`need_reviews_at_idx\` ON \`need_reviews\` (\`at\`);`)
  await db.run(sql`CREATE INDEX \`need_reviews_by_idx\` ON \`need_reviews\` (\`by_id\`);`)
  await db.run(
    sql`CREATE INDEX \`need_reviews_updated_at_idx\` ON \`need_reviews\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`need_reviews_created_at_idx\` ON \`need_reviews\` (\`created_at\`);`,
  )
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`editorial_note\` text;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`confidence\` text;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`provenance_note\` text;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`proposal_submitted_at\` text;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`proposal_email\` text;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_editorial_note\` text;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_confidence\` text;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_provenance_note\` text;`)
  await db.run(
    sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_proposal_submitted_at\` text;`,
  )
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_proposal_email\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`stated_by_name\` text;`)
  await db.run(
    sql`ALTER TABLE \`learning_needs\` ADD \`stated_by_organisation_id\` integer REFERENCES organisations(id);`,
  )
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`stated_year\` numeric;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`topic\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`editorial_note\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`confidence\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`provenance_note\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`proposal_submitted_at\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`proposal_email\` text;`)
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
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_proposal_submitted_at\` text;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_proposal_email\` text;`)
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_stated_by_version_stated_by_or_idx\` ON \`_learning_needs_v\` (\`version_stated_by_organisation_id\`);`,
  )
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`search_misses_id\` integer REFERENCES search_misses(id);`,
  )
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`need_reviews_id\` integer REFERENCES need_reviews(id);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_search_misses_id_idx\` ON \`payload_locked_documents_rels\` (\`search_misses_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_need_reviews_id_idx\` ON \`payload_locked_documents_rels\` (\`need_reviews_id\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`search_misses\`;`)
  await db.run(sql`DROP TABLE \`need_reviews\`;`)
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
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`knowledge_products_id\` integer,
  	\`learning_needs_id\` integer,
  	\`insights_id\` integer,
  	\`partnerships_id\` integer,
  	\`programmes_id\` integer,
  	\`themes_id\` integer,
  	\`organisations_id\` integer,
  	\`media_id\` integer,
  	\`users_id\` integer,
  	\`review_events_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`knowledge_products_id\`) REFERENCES \`knowledge_products\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`learning_needs_id\`) REFERENCES \`learning_needs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`insights_id\`) REFERENCES \`insights\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`partnerships_id\`) REFERENCES \`partnerships\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`programmes_id\`) REFERENCES \`programmes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`themes_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`organisations_id\`) REFERENCES \`organisations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`review_events_id\`) REFERENCES \`review_events\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "knowledge_products_id", "learning_needs_id", "insights_id", "partnerships_id", "programmes_id", "themes_id", "organisations_id", "media_id", "users_id", "review_events_id") SELECT "id", "order", "parent_id", "path", "knowledge_products_id", "learning_needs_id", "insights_id", "partnerships_id", "programmes_id", "themes_id", "organisations_id", "media_id", "users_id", "review_events_id" FROM \`payload_locked_documents_rels\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(
    sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_knowledge_products_id_idx\` ON \`payload_locked_documents_rels\` (\`knowledge_products_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_learning_needs_id_idx\` ON \`payload_locked_documents_rels\` (\`learning_needs_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_insights_id_idx\` ON \`payload_locked_documents_rels\` (\`insights_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_partnerships_id_idx\` ON \`payload_locked_documents_rels\` (\`partnerships_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_programmes_id_idx\` ON \`payload_locked_documents_rels\` (\`programmes_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_themes_id_idx\` ON \`payload_locked_documents_rels\` (\`themes_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_organisations_id_idx\` ON \`payload_locked_documents_rels\` (\`organisations_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_review_events_id_idx\` ON \`payload_locked_documents_rels\` (\`review_events_id\`);`,
  )
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`editorial_note\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`confidence\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`provenance_note\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`proposal_submitted_at\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`proposal_email\`;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_editorial_note\`;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_confidence\`;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_provenance_note\`;`)
  await db.run(
    sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_proposal_submitted_at\`;`,
  )
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_proposal_email\`;`)
}
