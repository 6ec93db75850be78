/**
 * `search_facets`: one row per facet value of each PUBLIC product (published, not trashed),
 * kept by triggers on the product table and its child tables (relations, languages, countries),
 * so it changes in the same transaction as the product. Facet counts and the matrix are then
 * GROUP BYs over its covering indexes, never a walk through every product and its relations.
 *
 * A row is keyed by where it comes from (`src`, `src_id`: the product row or the child row), so
 * a child row's delete removes exactly its own facet row.
 */
const PUBLIC = (alias: string) =>
  `${alias}."_status" = 'published' AND ${alias}."deleted_at" IS NULL`
const parentPublic = (alias: string) =>
  `EXISTS (SELECT 1 FROM "knowledge_products" kp WHERE kp."id" = ${alias}."parent_id" AND ${PUBLIC('kp')})`

/** The facet rows of a product row `p` (type and year). */
const ownRows = (p: string) =>
  `SELECT 'kp', ${p}."id", ${p}."id", 'types', ${p}."type" WHERE ${p}."type" IS NOT NULL
   UNION ALL SELECT 'kp', ${p}."id", ${p}."id", 'years', ${p}."year" WHERE ${p}."year" IS NOT NULL`

/** The facet rows of a relations row `r`. */
const relRows = (r: string) =>
  `SELECT 'rels', ${r}."id", ${r}."parent_id", CASE ${r}."path" WHEN 'themes' THEN 'themes' WHEN 'partnerships' THEN 'partnerships' ELSE 'learningNeeds' END,
     CASE ${r}."path" WHEN 'themes' THEN ${r}."themes_id" WHEN 'partnerships' THEN ${r}."partnerships_id" ELSE ${r}."learning_needs_id" END`
const relWhere = (r: string) =>
  `${r}."path" IN ('themes', 'partnerships', 'learningNeeds') AND coalesce(${r}."themes_id", ${r}."partnerships_id", ${r}."learning_needs_id") IS NOT NULL`

const langRows = (l: string) =>
  `SELECT 'lang', ${l}."id", ${l}."parent_id", 'languages', ${l}."value"`
const textRows = (t: string) =>
  `SELECT 'texts', ${t}."id", ${t}."parent_id", 'countries', ${t}."text"`

const INSERT = `INSERT OR REPLACE INTO "search_facets"("src", "src_id", "product_id", "facet", "value")`

/** Everything of product `p` (an alias with `id`), from its current child rows. */
const allRowsOf = (p: string) => `${ownRows(p)}
   UNION ALL ${relRows('r')} FROM "knowledge_products_rels" r WHERE r."parent_id" = ${p}."id" AND ${relWhere('r')}
   UNION ALL ${langRows('l')} FROM "knowledge_products_languages" l WHERE l."parent_id" = ${p}."id" AND l."value" IS NOT NULL
   UNION ALL ${textRows('t')} FROM "knowledge_products_texts" t WHERE t."parent_id" = ${p}."id" AND t."path" = 'countries' AND t."text" IS NOT NULL`

export function createFacetStatements(): string[] {
  const childTriggers = (
    table: string,
    name: string,
    src: string,
    rows: (a: string) => string,
    when: (a: string) => string,
  ) => [
    `CREATE TRIGGER "search_facets_${name}_ai" AFTER INSERT ON "${table}" WHEN ${when('new')} AND ${parentPublic('new')} BEGIN
  ${INSERT} ${rows('new')};
END`,
    `CREATE TRIGGER "search_facets_${name}_ad" AFTER DELETE ON "${table}" BEGIN
  DELETE FROM "search_facets" WHERE "src" = '${src}' AND "src_id" = old."id";
END`,
    `CREATE TRIGGER "search_facets_${name}_au" AFTER UPDATE ON "${table}" BEGIN
  DELETE FROM "search_facets" WHERE "src" = '${src}' AND "src_id" = old."id";
  ${INSERT} ${rows('new')} WHERE ${when('new')} AND ${parentPublic('new')};
END`,
  ]
  return [
    // `value` has no declared type: ids stay integers, codes and names stay text.
    `CREATE TABLE "search_facets" ("src" TEXT NOT NULL, "src_id" INTEGER NOT NULL, "product_id" INTEGER NOT NULL, "facet" TEXT NOT NULL, "value", PRIMARY KEY ("src", "src_id", "facet")) WITHOUT ROWID`,
    `CREATE INDEX "search_facets_by_value" ON "search_facets" ("facet", "value", "product_id")`,
    `CREATE INDEX "search_facets_by_product" ON "search_facets" ("product_id", "facet", "value")`,
    `CREATE TRIGGER "search_facets_kp_ai" AFTER INSERT ON "knowledge_products" WHEN ${PUBLIC('new')} BEGIN
  ${INSERT} ${allRowsOf('new')};
END`,
    `CREATE TRIGGER "search_facets_kp_au" AFTER UPDATE ON "knowledge_products" BEGIN
  DELETE FROM "search_facets" WHERE "product_id" = old."id";
  ${INSERT} SELECT * FROM (${allRowsOf('new')}) WHERE ${PUBLIC('new')};
END`,
    `CREATE TRIGGER "search_facets_kp_ad" AFTER DELETE ON "knowledge_products" BEGIN
  DELETE FROM "search_facets" WHERE "product_id" = old."id";
END`,
    ...childTriggers('knowledge_products_rels', 'rels', 'rels', (a) => relRows(a), relWhere),
    ...childTriggers(
      'knowledge_products_languages',
      'lang',
      'lang',
      (a) => langRows(a),
      (a) => `${a}."value" IS NOT NULL`,
    ),
    ...childTriggers(
      'knowledge_products_texts',
      'texts',
      'texts',
      (a) => textRows(a),
      (a) => `${a}."path" = 'countries' AND ${a}."text" IS NOT NULL`,
    ),
  ]
}

/** Fills the table from the public products already there. */
export function backfillFacetStatements(): string[] {
  return [
    `${INSERT} SELECT 'kp', p."id", p."id", 'types', p."type" FROM "knowledge_products" p WHERE ${PUBLIC('p')} AND p."type" IS NOT NULL`,
    `${INSERT} SELECT 'kp', p."id", p."id", 'years', p."year" FROM "knowledge_products" p WHERE ${PUBLIC('p')} AND p."year" IS NOT NULL`,
    `${INSERT} ${relRows('r')} FROM "knowledge_products_rels" r WHERE ${relWhere('r')} AND ${parentPublic('r')}`,
    `${INSERT} ${langRows('l')} FROM "knowledge_products_languages" l WHERE l."value" IS NOT NULL AND ${parentPublic('l')}`,
    `${INSERT} ${textRows('t')} FROM "knowledge_products_texts" t WHERE t."path" = 'countries' AND t."text" IS NOT NULL AND ${parentPublic('t')}`,
  ]
}

export function dropFacetStatements(): string[] {
  const triggers = ['kp', 'rels', 'lang', 'texts'].flatMap((n) =>
    ['ai', 'au', 'ad'].map((k) => `DROP TRIGGER IF EXISTS "search_facets_${n}_${k}"`),
  )
  return [...triggers, `DROP TABLE IF EXISTS "search_facets"`]
}
