import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`review_events\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`record_title\` text,
  	\`from\` text,
  	\`to\` text NOT NULL,
  	\`comment\` text,
  	\`at\` text NOT NULL,
  	\`by_name\` text,
  	\`by_role\` text,
  	\`by_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`by_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`review_events_to_idx\` ON \`review_events\` (\`to\`);`)
  await db.run(sql`CREATE INDEX \`review_events_at_idx\` ON \`review_events\` (\`at\`);`)
  await db.run(sql`CREATE INDEX \`review_events_by_idx\` ON \`review_events\` (\`by_id\`);`)
  await db.run(
    sql`CREATE INDEX \`review_events_updated_at_idx\` ON \`review_events\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`review_events_created_at_idx\` ON \`review_events\` (\`created_at\`);`,
  )
  await db.run(sql`CREATE TABLE \`review_events_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`knowledge_products_id\` integer,
  	\`learning_needs_id\` integer,
  	\`insights_id\` integer,
  	\`partnerships_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`review_events\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`knowledge_products_id\`) REFERENCES \`knowledge_products\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`learning_needs_id\`) REFERENCES \`learning_needs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`insights_id\`) REFERENCES \`insights\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`partnerships_id\`) REFERENCES \`partnerships\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`review_events_rels_order_idx\` ON \`review_events_rels\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`review_events_rels_parent_idx\` ON \`review_events_rels\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`review_events_rels_path_idx\` ON \`review_events_rels\` (\`path\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`review_events_rels_knowledge_products_id_idx\` ON \`review_events_rels\` (\`knowledge_products_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`review_events_rels_learning_needs_id_idx\` ON \`review_events_rels\` (\`learning_needs_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`review_events_rels_insights_id_idx\` ON \`review_events_rels\` (\`insights_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`review_events_rels_partnerships_id_idx\` ON \`review_events_rels\` (\`partnerships_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`payload_jobs_log\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`executed_at\` text NOT NULL,
  	\`completed_at\` text NOT NULL,
  	\`task_slug\` text NOT NULL,
  	\`task_i_d\` text NOT NULL,
  	\`input\` text,
  	\`output\` text,
  	\`state\` text NOT NULL,
  	\`error\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`payload_jobs\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`payload_jobs_log_order_idx\` ON \`payload_jobs_log\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_jobs_log_parent_id_idx\` ON \`payload_jobs_log\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`payload_jobs\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`input\` text,
  	\`completed_at\` text,
  	\`total_tried\` numeric DEFAULT 0,
  	\`has_error\` integer DEFAULT false,
  	\`error\` text,
  	\`task_slug\` text,
  	\`queue\` text DEFAULT 'default',
  	\`wait_until\` text,
  	\`processing\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`CREATE INDEX \`payload_jobs_completed_at_idx\` ON \`payload_jobs\` (\`completed_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_jobs_total_tried_idx\` ON \`payload_jobs\` (\`total_tried\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_jobs_has_error_idx\` ON \`payload_jobs\` (\`has_error\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_jobs_task_slug_idx\` ON \`payload_jobs\` (\`task_slug\`);`,
  )
  await db.run(sql`CREATE INDEX \`payload_jobs_queue_idx\` ON \`payload_jobs\` (\`queue\`);`)
  await db.run(
    sql`CREATE INDEX \`payload_jobs_wait_until_idx\` ON \`payload_jobs\` (\`wait_until\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_jobs_processing_idx\` ON \`payload_jobs\` (\`processing\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_jobs_updated_at_idx\` ON \`payload_jobs\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_jobs_created_at_idx\` ON \`payload_jobs\` (\`created_at\`);`,
  )
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`review_status\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`review_comment\` text;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`deleted_at\` text;`)
  await db.run(
    sql`CREATE INDEX \`knowledge_products_review_status_idx\` ON \`knowledge_products\` (\`review_status\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`knowledge_products_deleted_at_idx\` ON \`knowledge_products\` (\`deleted_at\`);`,
  )
  await db.run(
    sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_review_status\` text DEFAULT 'draft';`,
  )
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_review_comment\` text;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_deleted_at\` text;`)
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_version_review_status_idx\` ON \`_knowledge_products_v\` (\`version_review_status\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_knowledge_products_v_version_version_deleted_at_idx\` ON \`_knowledge_products_v\` (\`version_deleted_at\`);`,
  )
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`review_status\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`review_comment\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`deleted_at\` text;`)
  await db.run(
    sql`CREATE INDEX \`learning_needs_review_status_idx\` ON \`learning_needs\` (\`review_status\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`learning_needs_deleted_at_idx\` ON \`learning_needs\` (\`deleted_at\`);`,
  )
  await db.run(
    sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_review_status\` text DEFAULT 'draft';`,
  )
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_review_comment\` text;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_deleted_at\` text;`)
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_version_review_status_idx\` ON \`_learning_needs_v\` (\`version_review_status\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_learning_needs_v_version_version_deleted_at_idx\` ON \`_learning_needs_v\` (\`version_deleted_at\`);`,
  )
  await db.run(sql`ALTER TABLE \`insights\` ADD \`review_status\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`insights\` ADD \`review_comment\` text;`)
  await db.run(sql`ALTER TABLE \`insights\` ADD \`deleted_at\` text;`)
  await db.run(
    sql`CREATE INDEX \`insights_review_status_idx\` ON \`insights\` (\`review_status\`);`,
  )
  await db.run(sql`CREATE INDEX \`insights_deleted_at_idx\` ON \`insights\` (\`deleted_at\`);`)
  await db.run(sql`ALTER TABLE \`_insights_v\` ADD \`version_review_status\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`_insights_v\` ADD \`version_review_comment\` text;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` ADD \`version_deleted_at\` text;`)
  await db.run(
    sql`CREATE INDEX \`_insights_v_version_version_review_status_idx\` ON \`_insights_v\` (\`version_review_status\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_insights_v_version_version_deleted_at_idx\` ON \`_insights_v\` (\`version_deleted_at\`);`,
  )
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`review_events_id\` integer REFERENCES review_events(id);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_review_events_id_idx\` ON \`payload_locked_documents_rels\` (\`review_events_id\`);`,
  )
  // Records published before the review workflow existed are published, not drafts awaiting it.
  for (const table of ['knowledge_products', 'learning_needs', 'insights']) {
    await db.run(
      sql.raw(
        `UPDATE \`${table}\` SET \`review_status\` = 'published' WHERE \`_status\` = 'published';`,
      ),
    )
    await db.run(
      sql.raw(
        `UPDATE \`_${table}_v\` SET \`version_review_status\` = 'published' WHERE \`version__status\` = 'published';`,
      ),
    )
  }
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`review_events\`;`)
  await db.run(sql`DROP TABLE \`review_events_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs_log\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
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
    sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "knowledge_products_id", "learning_needs_id", "insights_id", "partnerships_id", "programmes_id", "themes_id", "organisations_id", "media_id", "users_id") SELECT "id", "order", "parent_id", "path", "knowledge_products_id", "learning_needs_id", "insights_id", "partnerships_id", "programmes_id", "themes_id", "organisations_id", "media_id", "users_id" FROM \`payload_locked_documents_rels\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(
    sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`,
  )
  await db.run(sql`PRAGMA foreign_keys=ON;`)
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
  await db.run(sql`DROP INDEX \`knowledge_products_review_status_idx\`;`)
  await db.run(sql`DROP INDEX \`knowledge_products_deleted_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`review_status\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`review_comment\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`deleted_at\`;`)
  await db.run(sql`DROP INDEX \`_knowledge_products_v_version_version_review_status_idx\`;`)
  await db.run(sql`DROP INDEX \`_knowledge_products_v_version_version_deleted_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_review_status\`;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_review_comment\`;`)
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_deleted_at\`;`)
  await db.run(sql`DROP INDEX \`learning_needs_review_status_idx\`;`)
  await db.run(sql`DROP INDEX \`learning_needs_deleted_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` DROP COLUMN \`review_status\`;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` DROP COLUMN \`review_comment\`;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` DROP COLUMN \`deleted_at\`;`)
  await db.run(sql`DROP INDEX \`_learning_needs_v_version_version_review_status_idx\`;`)
  await db.run(sql`DROP INDEX \`_learning_needs_v_version_version_deleted_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` DROP COLUMN \`version_review_status\`;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` DROP COLUMN \`version_review_comment\`;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` DROP COLUMN \`version_deleted_at\`;`)
  await db.run(sql`DROP INDEX \`insights_review_status_idx\`;`)
  await db.run(sql`DROP INDEX \`insights_deleted_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`insights\` DROP COLUMN \`review_status\`;`)
  await db.run(sql`ALTER TABLE \`insights\` DROP COLUMN \`review_comment\`;`)
  await db.run(sql`ALTER TABLE \`insights\` DROP COLUMN \`deleted_at\`;`)
  await db.run(sql`DROP INDEX \`_insights_v_version_version_review_status_idx\`;`)
  await db.run(sql`DROP INDEX \`_insights_v_version_version_deleted_at_idx\`;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` DROP COLUMN \`version_review_status\`;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` DROP COLUMN \`version_review_comment\`;`)
  await db.run(sql`ALTER TABLE \`_insights_v\` DROP COLUMN \`version_deleted_at\`;`)
}
