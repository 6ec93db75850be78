/**
 * The SQLite search index: per searchable collection an FTS5 external-content table over the
 * record's hidden `search_*` columns, kept in sync by triggers, so it changes in the same
 * transaction as the record (coherent across processes by construction). Only public rows are
 * indexed: published and not trashed (`PUBLIC_ROW`). Used by the committed migration.
 */
import { SEARCH_COLUMNS } from '../fields'
import type { SearchCollection } from '../types'

export type FtsTable = {
  /** The collection's table. */
  table: string
  /** The FTS5 table. */
  fts: string
  /** Its vocabulary (fts5vocab, per column): for "did you mean". */
  vocab: string
  /** Which rows are public, as a condition on `<alias>.` columns. */
  publicRow: (alias: string) => string
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** The `search_*` columns, in FTS column order (stems: title, summary, keywords; then exact). */
export const FTS_COLUMNS = SEARCH_COLUMNS.map((c) => `search_${snake(c)}`)

const drafted = (alias: string) =>
  `${alias}."_status" = 'published' AND ${alias}."deleted_at" IS NULL`

export const FTS_TABLES: Record<SearchCollection, FtsTable> = {
  'knowledge-products': {
    table: 'knowledge_products',
    fts: 'knowledge_products_fts',
    vocab: 'knowledge_products_fts_vocab',
    publicRow: drafted,
  },
  'learning-needs': {
    table: 'learning_needs',
    fts: 'learning_needs_fts',
    vocab: 'learning_needs_fts_vocab',
    publicRow: drafted,
  },
  insights: {
    table: 'insights',
    fts: 'insights_fts',
    vocab: 'insights_fts_vocab',
    publicRow: drafted,
  },
  partnerships: {
    table: 'partnerships',
    fts: 'partnerships_fts',
    vocab: 'partnerships_fts_vocab',
    publicRow: () => '1',
  },
}

const q = (name: string) => `"${name}"`

/** The statements creating one collection's index, its triggers and its vocabulary table. */
export function createFtsStatements(t: FtsTable): string[] {
  const cols = FTS_COLUMNS.map(q).join(', ')
  const from = (alias: string) => FTS_COLUMNS.map((c) => `${alias}.${q(c)}`).join(', ')
  const publicWhere = (alias: string) => t.publicRow(alias)
  return [
    // The words are folded and stemmed before they get here (search/analyze); unicode61 only
    // splits them on spaces (and would fold again, harmlessly).
    `CREATE VIRTUAL TABLE ${q(t.fts)} USING fts5(${cols}, content=${q(t.table)}, content_rowid='id', tokenize='unicode61 remove_diacritics 2')`,
    `CREATE VIRTUAL TABLE ${q(t.vocab)} USING fts5vocab(${q(t.fts)}, 'col')`,
    `CREATE TRIGGER ${q(`${t.fts}_ai`)} AFTER INSERT ON ${q(t.table)} WHEN ${publicWhere('new')} BEGIN
  INSERT INTO ${q(t.fts)}(rowid, ${cols}) VALUES (new."id", ${from('new')});
END`,
    `CREATE TRIGGER ${q(`${t.fts}_ad`)} AFTER DELETE ON ${q(t.table)} WHEN ${publicWhere('old')} BEGIN
  INSERT INTO ${q(t.fts)}(${q(t.fts)}, rowid, ${cols}) VALUES ('delete', old."id", ${from('old')});
END`,
    // An update removes the old row's entry (if it was public) and adds the new one (if it is).
    `CREATE TRIGGER ${q(`${t.fts}_au`)} AFTER UPDATE ON ${q(t.table)} BEGIN
  INSERT INTO ${q(t.fts)}(${q(t.fts)}, rowid, ${cols}) SELECT 'delete', old."id", ${from('old')} WHERE ${publicWhere('old')};
  INSERT INTO ${q(t.fts)}(rowid, ${cols}) SELECT new."id", ${from('new')} WHERE ${publicWhere('new')};
END`,
  ]
}

/** Fills an index from the public rows already in the table (after the columns are filled). */
export function backfillFtsStatement(t: FtsTable): string {
  const cols = FTS_COLUMNS.map(q).join(', ')
  const from = FTS_COLUMNS.map((c) => `r.${q(c)}`).join(', ')
  return `INSERT INTO ${q(t.fts)}(rowid, ${cols}) SELECT r."id", ${from} FROM ${q(t.table)} r WHERE ${t.publicRow('r')}`
}

/** The statements removing one collection's index (migration down). */
export function dropFtsStatements(t: FtsTable): string[] {
  return [
    `DROP TRIGGER IF EXISTS ${q(`${t.fts}_ai`)}`,
    `DROP TRIGGER IF EXISTS ${q(`${t.fts}_ad`)}`,
    `DROP TRIGGER IF EXISTS ${q(`${t.fts}_au`)}`,
    `DROP TABLE IF EXISTS ${q(t.vocab)}`,
    `DROP TABLE IF EXISTS ${q(t.fts)}`,
  ]
}
