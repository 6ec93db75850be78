import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`knowledge_products_languages\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`knowledge_products\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`knowledge_products_languages_order_idx\` ON \`knowledge_products_languages\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_languages_parent_idx\` ON \`knowledge_products_languages\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_languages_value_idx\` ON \`knowledge_products_languages\` (\`value\`);`,
  )
  await db.run(sql`CREATE TABLE \`knowledge_products_audience\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`knowledge_products\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`knowledge_products_audience_order_idx\` ON \`knowledge_products_audience\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_audience_parent_idx\` ON \`knowledge_products_audience\` (\`parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`knowledge_products_sources\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`url\` text,
  	\`label\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`knowledge_products\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`knowledge_products_sources_order_idx\` ON \`knowledge_products_sources\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_sources_parent_id_idx\` ON \`knowledge_products_sources\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`knowledge_products\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`slug\` text,
  	\`summary\` text,
  	\`type\` text,
  	\`year\` numeric,
  	\`external_url\` text,
  	\`file_id\` integer,
  	\`licence\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`file_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`CREATE INDEX \`knowledge_products_title_idx\` ON \`knowledge_products\` (\`title\`);`,
  )
  await db.run(
    sql`CREATE UNIQUE INDEX \`knowledge_products_slug_idx\` ON \`knowledge_products\` (\`slug\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_type_idx\` ON \`knowledge_products\` (\`type\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_year_idx\` ON \`knowledge_products\` (\`year\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_file_idx\` ON \`knowledge_products\` (\`file_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_updated_at_idx\` ON \`knowledge_products\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_created_at_idx\` ON \`knowledge_products\` (\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products__status_idx\` ON \`knowledge_products\` (\`_status\`);`,
  )
  await db.run(sql`CREATE TABLE \`knowledge_products_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`knowledge_products\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`knowledge_products_texts_order_parent\` ON \`knowledge_products_texts\` (\`order\`,\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_texts_text_idx\` ON \`knowledge_products_texts\` (\`text\`);`,
  )
  await db.run(sql`CREATE TABLE \`knowledge_products_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`partnerships_id\` integer,
  	\`themes_id\` integer,
  	\`organisations_id\` integer,
  	\`learning_needs_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`knowledge_products\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`partnerships_id\`) REFERENCES \`partnerships\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`themes_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`organisations_id\`) REFERENCES \`organisations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`learning_needs_id\`) REFERENCES \`learning_needs\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`knowledge_products_rels_order_idx\` ON \`knowledge_products_rels\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_rels_parent_idx\` ON \`knowledge_products_rels\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_rels_path_idx\` ON \`knowledge_products_rels\` (\`path\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_rels_partnerships_id_idx\` ON \`knowledge_products_rels\` (\`partnerships_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_rels_themes_id_idx\` ON \`knowledge_products_rels\` (\`themes_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_rels_organisations_id_idx\` ON \`knowledge_products_rels\` (\`organisations_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_rels_learning_needs_id_idx\` ON \`knowledge_products_rels\` (\`learning_needs_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_knowledge_products_v_version_languages\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_knowledge_products_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_languages_order_idx\` ON \`_knowledge_products_v_version_languages\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_languages_parent_idx\` ON \`_knowledge_products_v_version_languages\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_languages_value_idx\` ON \`_knowledge_products_v_version_languages\` (\`value\`);`,
  )
  await db.run(sql`CREATE TABLE \`_knowledge_products_v_version_audience\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_knowledge_products_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_audience_order_idx\` ON \`_knowledge_products_v_version_audience\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_audience_parent_idx\` ON \`_knowledge_products_v_version_audience\` (\`parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_knowledge_products_v_version_sources\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`url\` text,
  	\`label\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_knowledge_products_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_sources_order_idx\` ON \`_knowledge_products_v_version_sources\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_sources_parent_id_idx\` ON \`_knowledge_products_v_version_sources\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_knowledge_products_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_summary\` text,
  	\`version_type\` text,
  	\`version_year\` numeric,
  	\`version_external_url\` text,
  	\`version_file_id\` integer,
  	\`version_licence\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`knowledge_products\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_file_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_parent_idx\` ON \`_knowledge_products_v\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_version_title_idx\` ON \`_knowledge_products_v\` (\`version_title\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_version_slug_idx\` ON \`_knowledge_products_v\` (\`version_slug\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_version_type_idx\` ON \`_knowledge_products_v\` (\`version_type\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_version_year_idx\` ON \`_knowledge_products_v\` (\`version_year\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_version_file_idx\` ON \`_knowledge_products_v\` (\`version_file_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_version_updated_at_idx\` ON \`_knowledge_products_v\` (\`version_updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_version_created_at_idx\` ON \`_knowledge_products_v\` (\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_version__status_idx\` ON \`_knowledge_products_v\` (\`version__status\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_created_at_idx\` ON \`_knowledge_products_v\` (\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_updated_at_idx\` ON \`_knowledge_products_v\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_latest_idx\` ON \`_knowledge_products_v\` (\`latest\`);`,
  )
  await db.run(sql`CREATE TABLE \`_knowledge_products_v_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_knowledge_products_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_texts_order_parent\` ON \`_knowledge_products_v_texts\` (\`order\`,\`parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_knowledge_products_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`partnerships_id\` integer,
  	\`themes_id\` integer,
  	\`organisations_id\` integer,
  	\`learning_needs_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_knowledge_products_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`partnerships_id\`) REFERENCES \`partnerships\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`themes_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`organisations_id\`) REFERENCES \`organisations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`learning_needs_id\`) REFERENCES \`learning_needs\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_rels_order_idx\` ON \`_knowledge_products_v_rels\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_rels_parent_idx\` ON \`_knowledge_products_v_rels\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_rels_path_idx\` ON \`_knowledge_products_v_rels\` (\`path\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_rels_partnerships_id_idx\` ON \`_knowledge_products_v_rels\` (\`partnerships_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_rels_themes_id_idx\` ON \`_knowledge_products_v_rels\` (\`themes_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_rels_organisations_id_idx\` ON \`_knowledge_products_v_rels\` (\`organisations_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_rels_learning_needs_id_idx\` ON \`_knowledge_products_v_rels\` (\`learning_needs_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`learning_needs_coverage_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`from\` text,
  	\`to\` text,
  	\`at\` text,
  	\`reason\` text,
  	\`product_id\` integer,
  	\`changed_by_id\` integer,
  	FOREIGN KEY (\`product_id\`) REFERENCES \`knowledge_products\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`changed_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`learning_needs\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`learning_needs_coverage_history_order_idx\` ON \`learning_needs_coverage_history\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_coverage_history_parent_id_idx\` ON \`learning_needs_coverage_history\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_coverage_history_product_idx\` ON \`learning_needs_coverage_history\` (\`product_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_coverage_history_changed_by_idx\` ON \`learning_needs_coverage_history\` (\`changed_by_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`learning_needs_sources\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`url\` text,
  	\`label\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`learning_needs\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`learning_needs_sources_order_idx\` ON \`learning_needs_sources\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_sources_parent_id_idx\` ON \`learning_needs_sources\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`learning_needs\` (
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
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`programme_id\`) REFERENCES \`programmes\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
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
    sql`CREATE INDEX \`learning_needs_updated_at_idx\` ON \`learning_needs\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_created_at_idx\` ON \`learning_needs\` (\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs__status_idx\` ON \`learning_needs\` (\`_status\`);`,
  )
  await db.run(sql`CREATE TABLE \`learning_needs_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`partnerships_id\` integer,
  	\`themes_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`learning_needs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`partnerships_id\`) REFERENCES \`partnerships\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`themes_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`learning_needs_rels_order_idx\` ON \`learning_needs_rels\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_rels_parent_idx\` ON \`learning_needs_rels\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_rels_path_idx\` ON \`learning_needs_rels\` (\`path\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_rels_partnerships_id_idx\` ON \`learning_needs_rels\` (\`partnerships_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_rels_themes_id_idx\` ON \`learning_needs_rels\` (\`themes_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_learning_needs_v_version_coverage_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`from\` text,
  	\`to\` text,
  	\`at\` text,
  	\`reason\` text,
  	\`product_id\` integer,
  	\`changed_by_id\` integer,
  	\`_uuid\` text,
  	FOREIGN KEY (\`product_id\`) REFERENCES \`knowledge_products\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`changed_by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_learning_needs_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_coverage_history_order_idx\` ON \`_learning_needs_v_version_coverage_history\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_coverage_history_parent_id_idx\` ON \`_learning_needs_v_version_coverage_history\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_coverage_history_product_idx\` ON \`_learning_needs_v_version_coverage_history\` (\`product_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_coverage_history_changed_by_idx\` ON \`_learning_needs_v_version_coverage_history\` (\`changed_by_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_learning_needs_v_version_sources\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`url\` text,
  	\`label\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_learning_needs_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_sources_order_idx\` ON \`_learning_needs_v_version_sources\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_sources_parent_id_idx\` ON \`_learning_needs_v_version_sources\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_learning_needs_v\` (
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
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`learning_needs\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_programme_id\`) REFERENCES \`programmes\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
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
    sql`CREATE INDEX \`_learning_needs_v_version_version_updated_at_idx\` ON \`_learning_needs_v\` (\`version_updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_version_created_at_idx\` ON \`_learning_needs_v\` (\`version_created_at\`);`,
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
  await db.run(sql`CREATE TABLE \`_learning_needs_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`partnerships_id\` integer,
  	\`themes_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_learning_needs_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`partnerships_id\`) REFERENCES \`partnerships\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`themes_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_rels_order_idx\` ON \`_learning_needs_v_rels\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_rels_parent_idx\` ON \`_learning_needs_v_rels\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_rels_path_idx\` ON \`_learning_needs_v_rels\` (\`path\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_rels_partnerships_id_idx\` ON \`_learning_needs_v_rels\` (\`partnerships_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_rels_themes_id_idx\` ON \`_learning_needs_v_rels\` (\`themes_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`insights\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`slug\` text,
  	\`body\` text,
  	\`partnership_id\` integer,
  	\`date\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`partnership_id\`) REFERENCES \`partnerships\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`insights_title_idx\` ON \`insights\` (\`title\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`insights_slug_idx\` ON \`insights\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`insights_partnership_idx\` ON \`insights\` (\`partnership_id\`);`)
  await db.run(sql`CREATE INDEX \`insights_date_idx\` ON \`insights\` (\`date\`);`)
  await db.run(sql`CREATE INDEX \`insights_updated_at_idx\` ON \`insights\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`insights_created_at_idx\` ON \`insights\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`insights__status_idx\` ON \`insights\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`insights_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`learning_needs_id\` integer,
  	\`knowledge_products_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`insights\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`learning_needs_id\`) REFERENCES \`learning_needs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`knowledge_products_id\`) REFERENCES \`knowledge_products\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`insights_rels_order_idx\` ON \`insights_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`insights_rels_parent_idx\` ON \`insights_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`insights_rels_path_idx\` ON \`insights_rels\` (\`path\`);`)
  await db.run(
    sql`CREATE INDEX \`insights_rels_learning_needs_id_idx\` ON \`insights_rels\` (\`learning_needs_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`insights_rels_knowledge_products_id_idx\` ON \`insights_rels\` (\`knowledge_products_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`_insights_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_slug\` text,
  	\`version_body\` text,
  	\`version_partnership_id\` integer,
  	\`version_date\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`insights\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_partnership_id\`) REFERENCES \`partnerships\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`_insights_v_parent_idx\` ON \`_insights_v\` (\`parent_id\`);`)
  await db.run(
    sql`CREATE INDEX \`_insights_v_version_version_title_idx\` ON \`_insights_v\` (\`version_title\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_insights_v_version_version_slug_idx\` ON \`_insights_v\` (\`version_slug\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_insights_v_version_version_partnership_idx\` ON \`_insights_v\` (\`version_partnership_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_insights_v_version_version_date_idx\` ON \`_insights_v\` (\`version_date\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_insights_v_version_version_updated_at_idx\` ON \`_insights_v\` (\`version_updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_insights_v_version_version_created_at_idx\` ON \`_insights_v\` (\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_insights_v_version_version__status_idx\` ON \`_insights_v\` (\`version__status\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_insights_v_created_at_idx\` ON \`_insights_v\` (\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_insights_v_updated_at_idx\` ON \`_insights_v\` (\`updated_at\`);`,
  )
  await db.run(sql`CREATE INDEX \`_insights_v_latest_idx\` ON \`_insights_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`_insights_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`learning_needs_id\` integer,
  	\`knowledge_products_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_insights_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`learning_needs_id\`) REFERENCES \`learning_needs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`knowledge_products_id\`) REFERENCES \`knowledge_products\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`_insights_v_rels_order_idx\` ON \`_insights_v_rels\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_insights_v_rels_parent_idx\` ON \`_insights_v_rels\` (\`parent_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`_insights_v_rels_path_idx\` ON \`_insights_v_rels\` (\`path\`);`)
  await db.run(
    sql`CREATE INDEX \`_insights_v_rels_learning_needs_id_idx\` ON \`_insights_v_rels\` (\`learning_needs_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_insights_v_rels_knowledge_products_id_idx\` ON \`_insights_v_rels\` (\`knowledge_products_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`partnerships_sources\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`url\` text NOT NULL,
  	\`label\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`partnerships\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`partnerships_sources_order_idx\` ON \`partnerships_sources\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`partnerships_sources_parent_id_idx\` ON \`partnerships_sources\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`partnerships\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`slug\` text,
  	\`programme_id\` integer NOT NULL,
  	\`lead_id\` integer,
  	\`focus\` text,
  	\`summary\` text,
  	\`website\` text,
  	\`iati_identifier\` text,
  	\`editorial_note\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`programme_id\`) REFERENCES \`programmes\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`lead_id\`) REFERENCES \`organisations\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`partnerships_name_idx\` ON \`partnerships\` (\`name\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`partnerships_slug_idx\` ON \`partnerships\` (\`slug\`);`)
  await db.run(
    sql`CREATE INDEX \`partnerships_programme_idx\` ON \`partnerships\` (\`programme_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`partnerships_lead_idx\` ON \`partnerships\` (\`lead_id\`);`)
  await db.run(
    sql`CREATE INDEX \`partnerships_iati_identifier_idx\` ON \`partnerships\` (\`iati_identifier\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`partnerships_updated_at_idx\` ON \`partnerships\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`partnerships_created_at_idx\` ON \`partnerships\` (\`created_at\`);`,
  )
  await db.run(sql`CREATE TABLE \`partnerships_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`partnerships\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`partnerships_texts_order_parent\` ON \`partnerships_texts\` (\`order\`,\`parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`partnerships_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`organisations_id\` integer,
  	\`themes_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`partnerships\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`organisations_id\`) REFERENCES \`organisations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`themes_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`partnerships_rels_order_idx\` ON \`partnerships_rels\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`partnerships_rels_parent_idx\` ON \`partnerships_rels\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`partnerships_rels_path_idx\` ON \`partnerships_rels\` (\`path\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`partnerships_rels_organisations_id_idx\` ON \`partnerships_rels\` (\`organisations_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`partnerships_rels_themes_id_idx\` ON \`partnerships_rels\` (\`themes_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`programmes_sources\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`url\` text NOT NULL,
  	\`label\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`programmes\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`programmes_sources_order_idx\` ON \`programmes_sources\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`programmes_sources_parent_id_idx\` ON \`programmes_sources\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`programmes\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`slug\` text,
  	\`start_year\` numeric NOT NULL,
  	\`end_year\` numeric,
  	\`description\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`programmes_slug_idx\` ON \`programmes\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`programmes_start_year_idx\` ON \`programmes\` (\`start_year\`);`)
  await db.run(sql`CREATE INDEX \`programmes_updated_at_idx\` ON \`programmes\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`programmes_created_at_idx\` ON \`programmes\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`themes_sources\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`url\` text NOT NULL,
  	\`label\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`themes_sources_order_idx\` ON \`themes_sources\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`themes_sources_parent_id_idx\` ON \`themes_sources\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`themes\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text NOT NULL,
  	\`slug\` text,
  	\`short_title\` text,
  	\`description\` text,
  	\`order\` numeric DEFAULT 0,
  	\`colour\` text DEFAULT '#1f5f8b' NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`themes_slug_idx\` ON \`themes\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`themes_order_idx\` ON \`themes\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`themes_updated_at_idx\` ON \`themes\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`themes_created_at_idx\` ON \`themes\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`organisations\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`slug\` text,
  	\`kind\` text,
  	\`country\` text,
  	\`website\` text,
  	\`description\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`organisations_name_idx\` ON \`organisations\` (\`name\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`organisations_slug_idx\` ON \`organisations\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`organisations_kind_idx\` ON \`organisations\` (\`kind\`);`)
  await db.run(
    sql`CREATE INDEX \`organisations_updated_at_idx\` ON \`organisations\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`organisations_created_at_idx\` ON \`organisations\` (\`created_at\`);`,
  )
  await db.run(sql`CREATE TABLE \`media\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`alt\` text,
  	\`licence\` text,
  	\`credit\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`url\` text,
  	\`thumbnail_u_r_l\` text,
  	\`filename\` text,
  	\`mime_type\` text,
  	\`filesize\` numeric,
  	\`width\` numeric,
  	\`height\` numeric,
  	\`focal_x\` numeric,
  	\`focal_y\` numeric,
  	\`sizes_thumbnail_url\` text,
  	\`sizes_thumbnail_width\` numeric,
  	\`sizes_thumbnail_height\` numeric,
  	\`sizes_thumbnail_mime_type\` text,
  	\`sizes_thumbnail_filesize\` numeric,
  	\`sizes_thumbnail_filename\` text
  );
  `)
  await db.run(sql`CREATE INDEX \`media_updated_at_idx\` ON \`media\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`media_created_at_idx\` ON \`media\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`media_filename_idx\` ON \`media\` (\`filename\`);`)
  await db.run(
    sql`CREATE INDEX \`media_sizes_thumbnail_sizes_thumbnail_filename_idx\` ON \`media\` (\`sizes_thumbnail_filename\`);`,
  )
  await db.run(sql`CREATE TABLE \`users_sessions\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`created_at\` text,
  	\`expires_at\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_sessions_order_idx\` ON \`users_sessions\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`users_sessions_parent_id_idx\` ON \`users_sessions\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`users\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`role\` text DEFAULT 'contributor' NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`enable_a_p_i_key\` integer,
  	\`api_key\` text,
  	\`api_key_index\` text,
  	\`email\` text NOT NULL,
  	\`reset_password_token\` text,
  	\`reset_password_expiration\` text,
  	\`salt\` text,
  	\`hash\` text,
  	\`reset_password_requested_at\` text,
  	\`login_attempts\` numeric DEFAULT 0,
  	\`lock_until\` text
  );
  `)
  await db.run(sql`CREATE INDEX \`users_updated_at_idx\` ON \`users\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`users_created_at_idx\` ON \`users\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_email_idx\` ON \`users\` (\`email\`);`)
  await db.run(sql`CREATE TABLE \`users_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`partnerships_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`partnerships_id\`) REFERENCES \`partnerships\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_rels_order_idx\` ON \`users_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`users_rels_parent_idx\` ON \`users_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`users_rels_path_idx\` ON \`users_rels\` (\`path\`);`)
  await db.run(
    sql`CREATE INDEX \`users_rels_partnerships_id_idx\` ON \`users_rels\` (\`partnerships_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`payload_kv\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`data\` text NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`payload_kv_key_idx\` ON \`payload_kv\` (\`key\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`global_slug\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_global_slug_idx\` ON \`payload_locked_documents\` (\`global_slug\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_updated_at_idx\` ON \`payload_locked_documents\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_created_at_idx\` ON \`payload_locked_documents\` (\`created_at\`);`,
  )
  await db.run(sql`CREATE TABLE \`payload_locked_documents_rels\` (
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
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`knowledge_products_id\`) REFERENCES \`knowledge_products\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`learning_needs_id\`) REFERENCES \`learning_needs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`insights_id\`) REFERENCES \`insights\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`partnerships_id\`) REFERENCES \`partnerships\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`programmes_id\`) REFERENCES \`programmes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`themes_id\`) REFERENCES \`themes\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`organisations_id\`) REFERENCES \`organisations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
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
  await db.run(sql`CREATE TABLE \`payload_preferences\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text,
  	\`value\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`CREATE INDEX \`payload_preferences_key_idx\` ON \`payload_preferences\` (\`key\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_preferences_updated_at_idx\` ON \`payload_preferences\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_preferences_created_at_idx\` ON \`payload_preferences\` (\`created_at\`);`,
  )
  await db.run(sql`CREATE TABLE \`payload_preferences_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_preferences\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`payload_preferences_rels_order_idx\` ON \`payload_preferences_rels\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_preferences_rels_parent_idx\` ON \`payload_preferences_rels\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_preferences_rels_path_idx\` ON \`payload_preferences_rels\` (\`path\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_preferences_rels_users_id_idx\` ON \`payload_preferences_rels\` (\`users_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`payload_migrations\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`batch\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`CREATE INDEX \`payload_migrations_updated_at_idx\` ON \`payload_migrations\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_migrations_created_at_idx\` ON \`payload_migrations\` (\`created_at\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`knowledge_products_languages\`;`)
  await db.run(sql`DROP TABLE \`knowledge_products_audience\`;`)
  await db.run(sql`DROP TABLE \`knowledge_products_sources\`;`)
  await db.run(sql`DROP TABLE \`knowledge_products\`;`)
  await db.run(sql`DROP TABLE \`knowledge_products_texts\`;`)
  await db.run(sql`DROP TABLE \`knowledge_products_rels\`;`)
  await db.run(sql`DROP TABLE \`_knowledge_products_v_version_languages\`;`)
  await db.run(sql`DROP TABLE \`_knowledge_products_v_version_audience\`;`)
  await db.run(sql`DROP TABLE \`_knowledge_products_v_version_sources\`;`)
  await db.run(sql`DROP TABLE \`_knowledge_products_v\`;`)
  await db.run(sql`DROP TABLE \`_knowledge_products_v_texts\`;`)
  await db.run(sql`DROP TABLE \`_knowledge_products_v_rels\`;`)
  await db.run(sql`DROP TABLE \`learning_needs_coverage_history\`;`)
  await db.run(sql`DROP TABLE \`learning_needs_sources\`;`)
  await db.run(sql`DROP TABLE \`learning_needs\`;`)
  await db.run(sql`DROP TABLE \`learning_needs_rels\`;`)
  await db.run(sql`DROP TABLE \`_learning_needs_v_version_coverage_history\`;`)
  await db.run(sql`DROP TABLE \`_learning_needs_v_version_sources\`;`)
  await db.run(sql`DROP TABLE \`_learning_needs_v\`;`)
  await db.run(sql`DROP TABLE \`_learning_needs_v_rels\`;`)
  await db.run(sql`DROP TABLE \`insights\`;`)
  await db.run(sql`DROP TABLE \`insights_rels\`;`)
  await db.run(sql`DROP TABLE \`_insights_v\`;`)
  await db.run(sql`DROP TABLE \`_insights_v_rels\`;`)
  await db.run(sql`DROP TABLE \`partnerships_sources\`;`)
  await db.run(sql`DROP TABLE \`partnerships\`;`)
  await db.run(sql`DROP TABLE \`partnerships_texts\`;`)
  await db.run(sql`DROP TABLE \`partnerships_rels\`;`)
  await db.run(sql`DROP TABLE \`programmes_sources\`;`)
  await db.run(sql`DROP TABLE \`programmes\`;`)
  await db.run(sql`DROP TABLE \`themes_sources\`;`)
  await db.run(sql`DROP TABLE \`themes\`;`)
  await db.run(sql`DROP TABLE \`organisations\`;`)
  await db.run(sql`DROP TABLE \`media\`;`)
  await db.run(sql`DROP TABLE \`users_sessions\`;`)
  await db.run(sql`DROP TABLE \`users\`;`)
  await db.run(sql`DROP TABLE \`users_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_kv\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_migrations\`;`)
}
