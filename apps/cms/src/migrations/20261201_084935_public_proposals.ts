import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`proposal_submitted_at\` text;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` ADD \`proposal_email\` text;`)
  await db.run(
    sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_proposal_submitted_at\` text;`,
  )
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` ADD \`version_proposal_email\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`proposal_submitted_at\` text;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` ADD \`proposal_email\` text;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_proposal_submitted_at\` text;`)
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` ADD \`version_proposal_email\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`proposal_submitted_at\`;`)
  await db.run(sql`ALTER TABLE \`knowledge_products\` DROP COLUMN \`proposal_email\`;`)
  await db.run(
    sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_proposal_submitted_at\`;`,
  )
  await db.run(sql`ALTER TABLE \`_knowledge_products_v\` DROP COLUMN \`version_proposal_email\`;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` DROP COLUMN \`proposal_submitted_at\`;`)
  await db.run(sql`ALTER TABLE \`learning_needs\` DROP COLUMN \`proposal_email\`;`)
  await db.run(
    sql`ALTER TABLE \`_learning_needs_v\` DROP COLUMN \`version_proposal_submitted_at\`;`,
  )
  await db.run(sql`ALTER TABLE \`_learning_needs_v\` DROP COLUMN \`version_proposal_email\`;`)
}
