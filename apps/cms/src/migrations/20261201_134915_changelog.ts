import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`map_changes\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`event_id\` text NOT NULL,
  	\`seq\` text NOT NULL,
  	\`kind\` text NOT NULL,
  	\`record_collection\` text NOT NULL,
  	\`record_id\` text NOT NULL,
  	\`at\` text NOT NULL,
  	\`title\` text,
  	\`listed\` integer DEFAULT false NOT NULL,
  	\`related_collection\` text,
  	\`related_id\` text,
  	\`coverage_from\` text,
  	\`coverage_to\` text,
  	\`reason\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(
    sql`CREATE UNIQUE INDEX \`map_changes_event_id_idx\` ON \`map_changes\` (\`event_id\`);`,
  )
  await db.run(sql`CREATE INDEX \`map_changes_at_idx\` ON \`map_changes\` (\`at\`);`)
  await db.run(
    sql`CREATE INDEX \`map_changes_updated_at_idx\` ON \`map_changes\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`map_changes_created_at_idx\` ON \`map_changes\` (\`created_at\`);`,
  )
  await db.run(sql`CREATE INDEX \`listed_seq_idx\` ON \`map_changes\` (\`listed\`,\`seq\`);`)
  await db.run(
    sql`CREATE INDEX \`recordCollection_recordId_idx\` ON \`map_changes\` (\`record_collection\`,\`record_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`map_changes_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`map_changes\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`map_changes_texts_order_parent\` ON \`map_changes_texts\` (\`order\`,\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`map_changes_texts_text_idx\` ON \`map_changes_texts\` (\`text\`);`,
  )
  await db.run(sql`CREATE TABLE \`map_cell_dates\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`axis\` text NOT NULL,
  	\`row\` text NOT NULL,
  	\`theme\` text,
  	\`at\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`map_cell_dates_key_idx\` ON \`map_cell_dates\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`map_cell_dates_axis_idx\` ON \`map_cell_dates\` (\`axis\`);`)
  await db.run(
    sql`CREATE INDEX \`map_cell_dates_updated_at_idx\` ON \`map_cell_dates\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`map_cell_dates_created_at_idx\` ON \`map_cell_dates\` (\`created_at\`);`,
  )
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`map_changes_id\` integer REFERENCES map_changes(id);`,
  )
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`map_cell_dates_id\` integer REFERENCES map_cell_dates(id);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_map_changes_id_idx\` ON \`payload_locked_documents_rels\` (\`map_changes_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_map_cell_dates_id_idx\` ON \`payload_locked_documents_rels\` (\`map_cell_dates_id\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`map_changes\`;`)
  await db.run(sql`DROP TABLE \`map_changes_texts\`;`)
  await db.run(sql`DROP TABLE \`map_cell_dates\`;`)
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
  	\`review_events_id\` integer,
  	\`search_misses_id\` integer,
  	\`need_reviews_id\` integer,
  	\`suggestion_decisions_id\` integer,
  	\`suggested_coverage_id\` integer,
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
  	FOREIGN KEY (\`review_events_id\`) REFERENCES \`review_events\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`search_misses_id\`) REFERENCES \`search_misses\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`need_reviews_id\`) REFERENCES \`need_reviews\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`suggestion_decisions_id\`) REFERENCES \`suggestion_decisions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`suggested_coverage_id\`) REFERENCES \`suggested_coverage\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "knowledge_products_id", "learning_needs_id", "insights_id", "partnerships_id", "programmes_id", "themes_id", "organisations_id", "media_id", "users_id", "review_events_id", "search_misses_id", "need_reviews_id", "suggestion_decisions_id", "suggested_coverage_id") SELECT "id", "order", "parent_id", "path", "knowledge_products_id", "learning_needs_id", "insights_id", "partnerships_id", "programmes_id", "themes_id", "organisations_id", "media_id", "users_id", "review_events_id", "search_misses_id", "need_reviews_id", "suggestion_decisions_id", "suggested_coverage_id" FROM \`payload_locked_documents_rels\`;`,
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
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_review_events_id_idx\` ON \`payload_locked_documents_rels\` (\`review_events_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_search_misses_id_idx\` ON \`payload_locked_documents_rels\` (\`search_misses_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_need_reviews_id_idx\` ON \`payload_locked_documents_rels\` (\`need_reviews_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_suggestion_decisions_id_idx\` ON \`payload_locked_documents_rels\` (\`suggestion_decisions_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_suggested_coverage_id_idx\` ON \`payload_locked_documents_rels\` (\`suggested_coverage_id\`);`,
  )
}
