/**
 * Synthetic load for performance work: realistic fake knowledge products, learning needs and the
 * links between them, written in bulk. Never part of the real seed (`./index.ts`).
 *
 * Every synthetic record is marked twice: its slug starts with `synthetic-` and it carries the
 * keyword `synthetic` (needs: the description starts with `[synthetic]`), so they can always be
 * told apart from real content and removed (`removeSynthetic`).
 *
 * Payload's per-document `create` runs validation, hooks (slug lookup, coverage recount, review
 * log, site revalidation) and a version write per record: ~70 ms each, 14.5 docs/s measured on
 * this machine, so 100k products would take about two hours. So this writes the rows Payload
 * itself writes for a published document with drafts enabled, straight through the driver:
 *
 * - SQLite: the main table (`_status`, `review_status`), the `_rels` table (themes, partnerships,
 *   organisations, learning needs), `_texts` (countries, keywords), the `hasMany` select tables
 *   (languages, audience), and the versions table `_v` with `latest = 1` plus its own rels, texts
 *   and select tables, as multi-row INSERTs in one transaction per batch.
 * - MongoDB: `insertMany` on the collection and on its versions collection (`latest: true`).
 *
 * Needs get their coverage computed from the published products that link to them, exactly as
 * `recomputeCoverage` would, with one coverage-history entry.
 */
import { randomBytes } from 'node:crypto'

import {
  AUDIENCES,
  COLLECTIONS,
  coverageFromCount,
  LANGUAGES,
  type ProductType,
  slugify,
} from '@repo/types'
import type { Payload } from 'payload'

import { rebuildChangeLog } from '../changes/backfill'
import { multiRowInserts, sqliteStatements } from '../lib/sql'
import { analyzeDocument } from '../search/analyze'
import { SEARCH_SOURCES } from '../search/fields'
import { FTS_COLUMNS } from '../search/sqlite/ddl'

export const SYNTHETIC_PREFIX = 'synthetic-'
export const SYNTHETIC_KEYWORD = 'synthetic'
export const SYNTHETIC_MARK = '[synthetic]'

export type SyntheticLog = (message: string) => void

export type SyntheticOptions = {
  /** Knowledge products to add. */
  products: number
  /** Learning needs to add; default one per 1,000 products (at least 20). */
  needs?: number
  /** Seed of the pseudo-random generator: the same seed gives the same data. */
  seed?: number
  /** Products per transaction (SQLite) or per insertMany (MongoDB). */
  batchSize?: number
  /** Share of products that are published (the rest are drafts). Default 0.95. */
  publishedShare?: number
  log?: SyntheticLog
}

export type SyntheticReport = {
  /** How the rows were written. */
  path: 'sqlite-driver' | 'mongodb-insertMany'
  reason: string
  products: number
  published: number
  needs: number
  links: number
  rows: number
  seconds: number
  productsPerSecond: number
  rowsPerSecond: number
}

type Id = number | string

type Reference = {
  themes: Id[]
  partnerships: { id: Id; programme: Id | null; themes: Id[]; members: Id[] }[]
  organisations: Id[]
  programmes: Id[]
}

export type SyntheticProduct = {
  n: number
  title: string
  slug: string
  summary: string
  type: ProductType
  year: number
  externalUrl: string
  licence: string
  published: boolean
  createdAt: string
  updatedAt: string
  themes: Id[]
  partnerships: Id[]
  organisations: Id[]
  learningNeeds: Id[]
  languages: string[]
  countries: string[]
  keywords: string[]
  audience: string[]
}

export type SyntheticNeed = {
  n: number
  title: string
  slug: string
  description: string
  kind: 'knowledge-gap' | 'learning-need'
  priority: 'high' | 'medium' | 'low'
  programme: Id | null
  themes: Id[]
  raisedBy: Id[]
  createdAt: string
}

// --- Deterministic fake content ------------------------------------------------------------

/** mulberry32: small, fast, good enough for fake data, and reproducible from a seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!
const pickSome = <T>(r: () => number, list: readonly T[], min: number, max: number): T[] => {
  const n = Math.min(list.length, min + Math.floor(r() * (max - min + 1)))
  const out = new Set<T>()
  while (out.size < n) out.add(pick(r, list))
  return [...out]
}
/** Skewed towards the front of the list (popular values first), like real catalogues. */
const pickSkewed = <T>(r: () => number, list: readonly T[]): T =>
  list[Math.min(list.length - 1, Math.floor(list.length * r() * r()))]!

const TOPICS = [
  'civic space',
  'land rights',
  'climate adaptation',
  'gender justice',
  'inclusive governance',
  'budget monitoring',
  'freedom of expression',
  'access to justice',
  'extractive industries',
  'food sovereignty',
  'youth participation',
  'digital rights',
  'anti-corruption',
  'labour rights',
  'water governance',
  'community forestry',
  'tax justice',
  'disability inclusion',
  'humanitarian protection',
  'peacebuilding',
  'local accountability',
  'social protection',
  'migration policy',
  'public procurement',
]
const FORMS = [
  'A practical guide to',
  'Lessons learned on',
  'Monitoring',
  'Strengthening',
  'Advocacy for',
  'Mapping',
  'Evidence on',
  'Toolkit for',
  'Rethinking',
  'Community perspectives on',
  'Baseline study of',
  'Policy options for',
  'Training on',
  'Scaling up',
]
const SUBTITLES = [
  'experiences from partner organisations',
  'a review of five years of lobby and advocacy',
  'what works and what does not',
  'findings from a multi-country study',
  'a handbook for practitioners',
  'case studies and recommendations',
  'a participatory approach',
  'evidence for policy makers',
  'insights from the field',
  'tools for local organisations',
]
const VERBS = [
  'documents',
  'analyses',
  'summarises',
  'compares',
  'presents',
  'evaluates',
  'reflects on',
  'describes',
]
const OBJECTS = [
  'the strategies civil society organisations used',
  'how alliances worked with local authorities',
  'the results of lobby and advocacy trajectories',
  'the barriers women and youth face',
  'the role of community-based monitoring',
  'the shrinking space for dissent',
  'the links between local and international advocacy',
  'lessons from partners in the Global South',
]
export const COUNTRIES = [
  'Kenya',
  'Uganda',
  'Tanzania',
  'Ethiopia',
  'Ghana',
  'Nigeria',
  'Mali',
  'Burkina Faso',
  'Niger',
  'Senegal',
  'Mozambique',
  'Zimbabwe',
  'Zambia',
  'Malawi',
  'Rwanda',
  'Burundi',
  'DR Congo',
  'South Sudan',
  'Sudan',
  'Somalia',
  'Egypt',
  'Tunisia',
  'Morocco',
  'Lebanon',
  'Jordan',
  'Palestine',
  'Iraq',
  'Syria',
  'Yemen',
  'Afghanistan',
  'Pakistan',
  'Bangladesh',
  'India',
  'Nepal',
  'Myanmar',
  'Cambodia',
  'Indonesia',
  'Philippines',
  'Vietnam',
  'Guatemala',
  'Honduras',
  'Nicaragua',
  'Colombia',
  'Peru',
  'Bolivia',
  'Brazil',
  'Paraguay',
  'Global',
  'East Africa',
  'West Africa',
  'Latin America',
  'Middle East and North Africa',
]
const KEYWORDS = [
  'advocacy',
  'lobby',
  'civic space',
  'gender',
  'climate',
  'land',
  'accountability',
  'participation',
  'monitoring',
  'capacity strengthening',
  'youth',
  'women',
  'governance',
  'policy influencing',
  'partnership',
  'learning',
]
const LICENCES = ['CC BY 4.0', 'CC BY-NC 4.0', 'CC BY-SA 4.0', 'All rights reserved']
/** Weighted towards the common types, as in the real catalogue. */
const TYPES: ProductType[] = [
  'report',
  'report',
  'report',
  'report',
  'tool',
  'toolkit',
  'method',
  'case-study',
  'case-study',
  'policy-brief',
  'policy-brief',
  'training-module',
  'video',
  'instrument',
  'dataset',
  'podcast',
  'platform',
]
const LANGUAGE_CODES = LANGUAGES.map((l) => l.value)
const AUDIENCE_CODES = AUDIENCES.map((a) => a.value)
const NEED_FORMS = [
  'How can partners',
  'What works to',
  'How do alliances',
  'Which approaches help to',
  'How can local organisations',
]
const NEED_GOALS = [
  'sustain advocacy when civic space shrinks',
  'measure policy influence',
  'include marginalised groups in decision making',
  'finance community organising',
  'work with informal movements',
  'protect human rights defenders',
  'link local evidence to national policy',
  'strengthen downward accountability',
]

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const isoBetween = (r: () => number, fromYear: number, toMs: number) => {
  const from = Date.UTC(fromYear, 0, 1)
  return new Date(from + Math.floor(r() * Math.max(1, toMs - from))).toISOString()
}

/** The `n`-th synthetic need (1-based), reproducible from the seed. */
export function makeNeed(n: number, seed: number, ref: Reference): SyntheticNeed {
  const r = rng(seed * 7919 + n)
  const theme = pick(r, ref.themes)
  const goal = pick(r, NEED_GOALS)
  const topic = pick(r, TOPICS)
  const title = `${pick(r, NEED_FORMS)} ${goal} in ${topic}? (${n})`
  const programme = ref.programmes.length > 0 ? pick(r, ref.programmes) : null
  const partners = ref.partnerships.filter((p) => p.programme === programme)
  return {
    n,
    title,
    slug: `${SYNTHETIC_PREFIX}need-${slugify(title).slice(0, 60).replace(/-+$/, '')}-${n}`,
    description: `${SYNTHETIC_MARK} A synthetic learning need for load tests: partners want to know ${goal} in ${topic}.`,
    kind: r() < 0.3 ? 'knowledge-gap' : 'learning-need',
    priority: pick(r, ['high', 'medium', 'medium', 'low'] as const),
    programme,
    themes: [...new Set([theme, ...(r() < 0.3 ? [pick(r, ref.themes)] : [])])],
    raisedBy: partners.length > 0 ? [pick(r, partners).id] : [],
    createdAt: isoBetween(r, 2021, Date.UTC(2025, 11, 31)),
  }
}

/** The `n`-th synthetic product (1-based), reproducible from the seed. */
export function makeProduct(
  n: number,
  seed: number,
  ref: Reference,
  needs: Id[],
  publishedShare: number,
  now: number,
): SyntheticProduct {
  const r = rng(seed * 104729 + n)
  const topic = pickSkewed(r, TOPICS)
  const country = pickSkewed(r, COUNTRIES)
  const title = `${pick(r, FORMS)} ${topic} in ${country}: ${pick(r, SUBTITLES)}`
  const partnership = pick(r, ref.partnerships)
  const second = r() < 0.1 ? [pick(r, ref.partnerships)] : []
  const partnerships = [...new Set([partnership, ...second])]
  const themePool = partnership.themes.length > 0 ? partnership.themes : ref.themes
  const themes = pickSome(r, themePool, 1, Math.min(2, themePool.length))
  // Roughly the last 10% of needs stay gaps (no product), the rest get a skewed share.
  const linkable = needs.slice(0, Math.max(1, Math.ceil(needs.length * 0.9)))
  const learningNeeds =
    linkable.length > 0 && r() < 0.6
      ? [...new Set([pickSkewed(r, linkable), ...(r() < 0.2 ? [pick(r, linkable)] : [])])]
      : []
  const year = 2026 - Math.min(20, Math.floor(21 * r() * r()))
  const created = Math.min(now, Date.UTC(year, Math.floor(r() * 12), 1 + Math.floor(r() * 28)))
  const updated = created + Math.floor(r() * Math.max(1, now - created))
  const members = partnerships.flatMap((p) => p.members)
  const organisations =
    members.length > 0 ? pickSome(r, members, 0, 2) : pickSome(r, ref.organisations, 0, 1)
  return {
    n,
    title,
    slug: `${SYNTHETIC_PREFIX}${slugify(title).slice(0, 80).replace(/-+$/, '')}-${n}`,
    summary: `${capitalise(pick(r, FORMS).toLowerCase())} ${topic}: this ${pick(r, ['report', 'publication', 'resource', 'study'])} ${pick(r, VERBS)} ${pick(r, OBJECTS)} in ${country}. ${capitalise(pick(r, VERBS))} ${pick(r, OBJECTS)}, with ${pick(r, SUBTITLES)}.`,
    type: pick(r, TYPES),
    year,
    externalUrl: `https://example.org/synthetic/${n}`,
    licence: pick(r, LICENCES),
    published: r() < publishedShare,
    createdAt: new Date(created).toISOString(),
    updatedAt: new Date(updated).toISOString(),
    themes,
    partnerships: partnerships.map((p) => p.id),
    organisations,
    learningNeeds,
    languages:
      r() < 0.8 ? ['en', ...pickSome(r, LANGUAGE_CODES, 0, 1)] : pickSome(r, LANGUAGE_CODES, 1, 2),
    countries: [...new Set([country, ...pickSome(r, COUNTRIES, 0, 2)])],
    keywords: [...new Set([SYNTHETIC_KEYWORD, ...pickSome(r, KEYWORDS, 1, 3)])],
    audience: pickSome(r, AUDIENCE_CODES, 1, 2),
  }
}

// --- Shared driver ----------------------------------------------------------------------------

async function loadReference(payload: Payload): Promise<Reference> {
  const common = { depth: 0, overrideAccess: true, pagination: false } as const
  const [themes, partnerships, organisations, programmes] = await Promise.all([
    payload.find({ ...common, collection: COLLECTIONS.themes, select: {} }),
    payload.find({
      ...common,
      collection: COLLECTIONS.partnerships,
      select: { programme: true, themes: true, members: true },
    }),
    payload.find({ ...common, collection: COLLECTIONS.organisations, select: {} }),
    payload.find({ ...common, collection: COLLECTIONS.programmes, select: {} }),
  ])
  const idOf = (v: unknown): Id =>
    v && typeof v === 'object' && 'id' in v ? (v as { id: Id }).id : (v as Id)
  const ref: Reference = {
    themes: themes.docs.map((d) => d.id),
    partnerships: partnerships.docs.map((p) => ({
      id: p.id,
      programme: p.programme == null ? null : idOf(p.programme),
      themes: ((p.themes ?? []) as unknown[]).map(idOf),
      members: ((p.members ?? []) as unknown[]).map(idOf),
    })),
    organisations: organisations.docs.map((d) => d.id),
    programmes: programmes.docs.map((d) => d.id),
  }
  if (ref.themes.length === 0 || ref.partnerships.length === 0) {
    throw new Error(
      'Synthetic data links to the real themes and partnerships: run the real seed first (`pnpm seed`).',
    )
  }
  return ref
}

const isSqlite = (payload: Payload) => payload.db.name !== 'mongoose'

/**
 * Adds `options.products` synthetic products and their needs. Returns what was written, how
 * (driver path) and how fast.
 */
export async function seedSynthetic(
  payload: Payload,
  options: SyntheticOptions,
): Promise<SyntheticReport> {
  const log = options.log ?? ((m: string) => payload.logger.info(m))
  const ref = await loadReference(payload)
  const total = Math.max(0, Math.floor(options.products))
  const needCount = options.needs ?? Math.max(20, Math.round(total / 1000))
  const seed = options.seed ?? 1
  const batchSize = options.batchSize ?? 2000
  const publishedShare = options.publishedShare ?? 0.95
  const started = performance.now()
  const run = isSqlite(payload) ? sqliteLoad : mongoLoad
  const counts = await run(payload, {
    ref,
    total,
    needCount,
    seed,
    batchSize,
    publishedShare,
    log,
    started,
  })
  const seconds = (performance.now() - started) / 1000
  // Raw inserts run no hooks: the synthetic records enter the changelog through its backfill,
  // which rebuilds the whole log in one transaction (changes/backfill).
  const logStarted = performance.now()
  const logged = await rebuildChangeLog(payload)
  log(
    `  changelog rebuilt: ${logged.changes.toLocaleString('en')} changes, ${logged.cells.toLocaleString('en')} cell dates in ${((performance.now() - logStarted) / 1000).toFixed(1)} s`,
  )
  return {
    ...counts,
    needs: needCount,
    seconds,
    productsPerSecond: total / seconds,
    rowsPerSecond: counts.rows / seconds,
  }
}

type LoadInit = {
  ref: Reference
  total: number
  needCount: number
  seed: number
  batchSize: number
  publishedShare: number
  log: SyntheticLog
  started: number
}
type LoadCounts = Pick<
  SyntheticReport,
  'path' | 'reason' | 'products' | 'published' | 'links' | 'rows'
>

const progress = (
  log: SyntheticLog,
  started: number,
  done: number,
  total: number,
  rows: number,
) => {
  const s = (performance.now() - started) / 1000
  log(
    `  products ${done.toLocaleString('en')}/${total.toLocaleString('en')} · ${Math.round(done / s).toLocaleString('en')} products/s · ${Math.round(rows / s).toLocaleString('en')} rows/s`,
  )
}

// --- SQLite: the libsql client, multi-row INSERTs in a transaction per batch ---------------

type Row = (string | number | null)[]
type Statement = { sql: string; args: Row }
type LibsqlClient = ReturnType<typeof sqliteStatements>

const PRODUCT_COLUMNS = [
  'title',
  'slug',
  'summary',
  'type',
  'year',
  'external_url',
  'licence',
  'updated_at',
  'created_at',
  '_status',
  'review_status',
  ...FTS_COLUMNS,
]
const NEED_COLUMNS = [
  'title',
  'slug',
  'description',
  'kind',
  'priority',
  'programme_id',
  'is_example',
  'coverage',
  'derived_coverage',
  'published_product_count',
  'updated_at',
  'created_at',
  '_status',
  'review_status',
  ...FTS_COLUMNS,
]
/** The analysed text of the hidden `search` group (what the beforeChange hook would store). */
const searchValues = (collection: 'knowledge-products' | 'learning-needs', doc: object): Row =>
  Object.values(analyzeDocument(SEARCH_SOURCES[collection](doc as Record<string, unknown>)))

const REL_COLUMNS = ['order', 'parent_id', 'path', 'partnerships_id', 'themes_id']

/** A main row and its version row: `version_<column>` for each column, plus the version's own. */
const versionColumns = (columns: string[]) => [
  'id',
  'parent_id',
  ...columns.map((c) => `version_${c}`),
  'created_at',
  'updated_at',
  'latest',
]

function productRows(p: SyntheticProduct, id: number, versionId: number) {
  const status = p.published ? 'published' : 'draft'
  const main: Row = [
    p.title,
    p.slug,
    p.summary,
    p.type,
    p.year,
    p.externalUrl,
    p.licence,
    p.updatedAt,
    p.createdAt,
    status,
    p.published ? 'published' : 'draft',
    ...searchValues('knowledge-products', p),
  ]
  const rels: Row[] = []
  const rel = (path: string, ids: Id[], column: number) =>
    ids.forEach((target, i) => {
      const row: Row = [i + 1, id, path, null, null, null, null]
      row[column] = Number(target)
      rels.push(row)
    })
  rel('partnerships', p.partnerships, 3)
  rel('themes', p.themes, 4)
  rel('organisations', p.organisations, 5)
  rel('learningNeeds', p.learningNeeds, 6)
  const texts: Row[] = [
    ...p.countries.map((t, i): Row => [i + 1, id, 'countries', t]),
    ...p.keywords.map((t, i): Row => [i + 1, id, 'keywords', t]),
  ]
  const languages = p.languages.map((v, i): Row => [i + 1, id, v])
  const audience = p.audience.map((v, i): Row => [i + 1, id, v])
  const version: Row = [versionId, id, ...main, p.updatedAt, p.updatedAt, 1]
  const vRels = rels.map((r): Row => [r[0]!, versionId, `version.${r[2]}`, ...r.slice(3)])
  const vTexts = texts.map((r): Row => [r[0]!, versionId, `version.${r[2]}`, r[3]!])
  const vLanguages = languages.map((r): Row => [r[0]!, versionId, r[2]!])
  const vAudience = audience.map((r): Row => [r[0]!, versionId, r[2]!])
  return {
    main: [id, ...main],
    rels,
    texts,
    languages,
    audience,
    version,
    vRels,
    vTexts,
    vLanguages,
    vAudience,
  }
}

async function maxId(client: LibsqlClient, table: string): Promise<number> {
  const res = await client.execute(`SELECT coalesce(max(id), 0) AS m FROM "${table}"`)
  return Number(res.rows[0]?.m ?? 0)
}

async function sqliteLoad(payload: Payload, init: LoadInit): Promise<LoadCounts> {
  const client = sqliteStatements(payload)
  const { ref, total, needCount, seed, batchSize, publishedShare, log, started } = init
  const now = Date.now()
  log(
    'Writing through the SQLite driver (libsql): multi-row INSERTs, one transaction per batch, ' +
      'the same rows Payload writes for a published document with drafts (main, rels, texts, ' +
      'selects, and the `_v` version with latest=1). Payload’s per-document create (validation, ' +
      'hooks, one version write each) runs at ~15 docs/s here (~70 ms each), about two hours for 100k.',
  )
  let rows = 0

  // Needs first (coverage 0, updated below once the products are in).
  const needBase = await maxId(client, 'learning_needs')
  const needs = Array.from({ length: needCount }, (_, i) => makeNeed(i + 1, seed, ref))
  const needIds = needs.map((_, i) => needBase + i + 1)
  {
    const main: Row[] = []
    const rels: Row[] = []
    needs.forEach((n, i) => {
      const id = needIds[i]!
      main.push([
        id,
        n.title,
        n.slug,
        n.description,
        n.kind,
        n.priority,
        n.programme === null ? null : Number(n.programme),
        0,
        'open',
        'open',
        0,
        n.createdAt,
        n.createdAt,
        'published',
        'published',
        ...searchValues('learning-needs', n),
      ])
      n.themes.forEach((t, k) => rels.push([k + 1, id, 'themes', null, Number(t)]))
      n.raisedBy.forEach((p, k) => rels.push([k + 1, id, 'raisedBy', Number(p), null]))
    })
    const stmts = [
      ...multiRowInserts('learning_needs', ['id', ...NEED_COLUMNS], main),
      ...multiRowInserts('learning_needs_rels', REL_COLUMNS, rels),
    ]
    await client.batch(stmts)
    rows += main.length + rels.length
    log(`  learning needs ${needCount}`)
  }

  const productBase = await maxId(client, 'knowledge_products')
  const versionBase = await maxId(client, '_knowledge_products_v')
  const relCols = [
    'order',
    'parent_id',
    'path',
    'partnerships_id',
    'themes_id',
    'organisations_id',
    'learning_needs_id',
  ]
  const textCols = ['order', 'parent_id', 'path', 'text']
  const selCols = ['order', 'parent_id', 'value']
  const publishedPerNeed = new Map<number, number>()
  let published = 0
  let links = 0
  for (let from = 0; from < total; from += batchSize) {
    const to = Math.min(total, from + batchSize)
    const acc = {
      main: [] as Row[],
      rels: [] as Row[],
      texts: [] as Row[],
      languages: [] as Row[],
      audience: [] as Row[],
      version: [] as Row[],
      vRels: [] as Row[],
      vTexts: [] as Row[],
      vLanguages: [] as Row[],
      vAudience: [] as Row[],
    }
    for (let k = from; k < to; k++) {
      const p = makeProduct(k + 1, seed, ref, needIds, publishedShare, now)
      const r = productRows(p, productBase + k + 1, versionBase + k + 1)
      acc.main.push(r.main)
      acc.version.push(r.version)
      for (const key of [
        'rels',
        'texts',
        'languages',
        'audience',
        'vRels',
        'vTexts',
        'vLanguages',
        'vAudience',
      ] as const) {
        for (const row of r[key]) acc[key].push(row)
      }
      links += p.learningNeeds.length
      if (p.published) {
        published++
        for (const n of p.learningNeeds) {
          publishedPerNeed.set(Number(n), (publishedPerNeed.get(Number(n)) ?? 0) + 1)
        }
      }
    }
    const stmts = [
      ...multiRowInserts('knowledge_products', ['id', ...PRODUCT_COLUMNS], acc.main),
      ...multiRowInserts('knowledge_products_rels', relCols, acc.rels),
      ...multiRowInserts('knowledge_products_texts', textCols, acc.texts),
      ...multiRowInserts('knowledge_products_languages', selCols, acc.languages),
      ...multiRowInserts('knowledge_products_audience', selCols, acc.audience),
      ...multiRowInserts('_knowledge_products_v', versionColumns(PRODUCT_COLUMNS), acc.version),
      ...multiRowInserts('_knowledge_products_v_rels', relCols, acc.vRels),
      ...multiRowInserts('_knowledge_products_v_texts', textCols, acc.vTexts),
      ...multiRowInserts('_knowledge_products_v_version_languages', selCols, acc.vLanguages),
      ...multiRowInserts('_knowledge_products_v_version_audience', selCols, acc.vAudience),
    ]
    await client.batch(stmts)
    for (const list of Object.values(acc)) rows += list.length
    if (to === total || (to / batchSize) % 5 === 0) progress(log, started, to, total, rows)
  }

  // Coverage of the needs, as recomputeCoverage derives it, with one history entry; then the
  // needs' version rows (latest = 1) with the final values.
  const vNeedBase = await maxId(client, '_learning_needs_v')
  const stamp = new Date(now).toISOString()
  const updates: Statement[] = []
  const history: Row[] = []
  const versions: Row[] = []
  const vHistory: Row[] = []
  const vRels: Row[] = []
  needs.forEach((n, i) => {
    const id = needIds[i]!
    const count = publishedPerNeed.get(id) ?? 0
    const coverage = coverageFromCount(count)
    updates.push({
      sql: 'UPDATE learning_needs SET coverage = ?, derived_coverage = ?, published_product_count = ?, updated_at = ? WHERE id = ?',
      args: [coverage, coverage, count, stamp, id],
    })
    const uuid = randomBytes(12).toString('hex')
    const reason = `Synthetic load: ${count} published products address this need`
    history.push([1, id, uuid, null, coverage, stamp, reason])
    const vId = vNeedBase + i + 1
    versions.push([
      vId,
      id,
      n.title,
      n.slug,
      n.description,
      n.kind,
      n.priority,
      n.programme === null ? null : Number(n.programme),
      0,
      coverage,
      coverage,
      count,
      stamp,
      n.createdAt,
      'published',
      'published',
      ...searchValues('learning-needs', n),
      stamp,
      stamp,
      1,
    ])
    vHistory.push([1, vId, null, coverage, stamp, reason, uuid])
    n.themes.forEach((t, k) => vRels.push([k + 1, vId, 'version.themes', null, Number(t)]))
    n.raisedBy.forEach((p, k) => vRels.push([k + 1, vId, 'version.raisedBy', Number(p), null]))
  })
  await client.batch([
    ...updates,
    ...multiRowInserts(
      'learning_needs_coverage_history',
      ['_order', '_parent_id', 'id', 'from', 'to', 'at', 'reason'],
      history,
    ),
    ...multiRowInserts('_learning_needs_v', versionColumns(NEED_COLUMNS), versions),
    ...multiRowInserts(
      '_learning_needs_v_version_coverage_history',
      ['_order', '_parent_id', 'from', 'to', 'at', 'reason', '_uuid'],
      vHistory,
    ),
    ...multiRowInserts('_learning_needs_v_rels', REL_COLUMNS, vRels),
  ])
  rows += history.length + versions.length + vHistory.length + vRels.length
  await client.execute('PRAGMA optimize')
  await client.execute('ANALYZE')
  return {
    path: 'sqlite-driver',
    reason:
      'libsql multi-row INSERTs in one transaction per batch: Payload’s per-document create runs validation, hooks and a version write per record (~15 docs/s here, about two hours for 100k).',
    products: total,
    published,
    links,
    rows,
  }
}

// --- MongoDB: insertMany on the collections and their versions ------------------------------

type MongoModel = {
  collection: {
    insertMany(docs: object[], options?: object): Promise<unknown>
    deleteMany(filter: object): Promise<{ deletedCount?: number }>
    find(filter: object, options?: object): { toArray(): Promise<{ _id: unknown }[]> }
    updateOne(filter: object, update: object): Promise<unknown>
  }
  base: { Types: { ObjectId: new (id?: string) => { toHexString(): string } } }
}
type MongoAdapter = {
  collections: Record<string, MongoModel>
  versions: Record<string, MongoModel>
}

async function mongoLoad(payload: Payload, init: LoadInit): Promise<LoadCounts> {
  const db = payload.db as unknown as MongoAdapter
  const products = db.collections[COLLECTIONS.knowledgeProducts]!
  const productVersions = db.versions[COLLECTIONS.knowledgeProducts]!
  const needsModel = db.collections[COLLECTIONS.learningNeeds]!
  const needVersions = db.versions[COLLECTIONS.learningNeeds]!
  const ObjectId = products.base.Types.ObjectId
  const oid = (id: Id) => new ObjectId(String(id))
  const { ref, total, needCount, seed, batchSize, publishedShare, log, started } = init
  const now = Date.now()
  log(
    'Writing through MongoDB insertMany (collection and its versions collection, latest: true): ' +
      'Payload’s per-document create runs validation, hooks and a version write per record.',
  )
  const needs = Array.from({ length: needCount }, (_, i) => makeNeed(i + 1, seed, ref))
  const needIds = needs.map(() => new ObjectId().toHexString())
  const publishedPerNeed = new Map<string, number>()
  let rows = 0
  let published = 0
  let links = 0
  for (let from = 0; from < total; from += batchSize) {
    const to = Math.min(total, from + batchSize)
    const docs: object[] = []
    const versions: object[] = []
    for (let k = from; k < to; k++) {
      const p = makeProduct(k + 1, seed, ref, needIds, publishedShare, now)
      const status = p.published ? 'published' : 'draft'
      const _id = new ObjectId()
      const body = {
        title: p.title,
        slug: p.slug,
        summary: p.summary,
        type: p.type,
        year: p.year,
        externalUrl: p.externalUrl,
        licence: p.licence,
        partnerships: p.partnerships.map(oid),
        themes: p.themes.map(oid),
        organisations: p.organisations.map(oid),
        learningNeeds: p.learningNeeds.map(oid),
        languages: p.languages,
        countries: p.countries,
        keywords: p.keywords,
        audience: p.audience,
        search: analyzeDocument(SEARCH_SOURCES['knowledge-products'](p as never)),
        sources: [],
        reviewStatus: status,
        _status: status,
        createdAt: new Date(p.createdAt),
        updatedAt: new Date(p.updatedAt),
      }
      docs.push({ _id, ...body })
      versions.push({
        parent: _id,
        version: body,
        latest: true,
        createdAt: new Date(p.updatedAt),
        updatedAt: new Date(p.updatedAt),
      })
      links += p.learningNeeds.length
      if (p.published) {
        published++
        for (const n of p.learningNeeds) {
          publishedPerNeed.set(String(n), (publishedPerNeed.get(String(n)) ?? 0) + 1)
        }
      }
    }
    await products.collection.insertMany(docs, { ordered: false })
    await productVersions.collection.insertMany(versions, { ordered: false })
    rows += docs.length + versions.length
    if (to === total || (to / batchSize) % 5 === 0) progress(log, started, to, total, rows)
  }
  const stamp = new Date(now)
  const needDocs = needs.map((n, i) => {
    const count = publishedPerNeed.get(needIds[i]!) ?? 0
    const coverage = coverageFromCount(count)
    return {
      _id: oid(needIds[i]!),
      title: n.title,
      slug: n.slug,
      description: n.description,
      kind: n.kind,
      priority: n.priority,
      programme: n.programme === null ? null : oid(n.programme),
      themes: n.themes.map(oid),
      raisedBy: n.raisedBy.map(oid),
      isExample: false,
      coverage,
      derivedCoverage: coverage,
      publishedProductCount: count,
      coverageHistory: [
        {
          id: new ObjectId().toHexString(),
          from: null,
          to: coverage,
          at: stamp,
          reason: `Synthetic load: ${count} published products address this need`,
        },
      ],
      search: analyzeDocument(SEARCH_SOURCES['learning-needs'](n as never)),
      sources: [],
      reviewStatus: 'published',
      _status: 'published',
      createdAt: new Date(n.createdAt),
      updatedAt: stamp,
    }
  })
  if (needDocs.length > 0) {
    await needsModel.collection.insertMany(needDocs, { ordered: false })
    await needVersions.collection.insertMany(
      needDocs.map(({ _id, ...version }) => ({
        parent: _id,
        version,
        latest: true,
        createdAt: stamp,
        updatedAt: stamp,
      })),
      { ordered: false },
    )
  }
  rows += needDocs.length * 2
  return {
    path: 'mongodb-insertMany',
    reason:
      'insertMany on the collection and its versions collection: Payload’s per-document create runs validation, hooks and a version write per record.',
    products: total,
    published,
    links,
    rows,
  }
}

// --- Counting and removing ------------------------------------------------------------------

/** How many synthetic products and needs the database holds. */
export async function countSynthetic(
  payload: Payload,
): Promise<{ products: number; needs: number }> {
  const where = { slug: { like: SYNTHETIC_PREFIX } }
  if (isSqlite(payload)) {
    const client = sqliteStatements(payload)
    const count = async (table: string) =>
      Number(
        (
          await client.execute({
            sql: `SELECT count(*) AS n FROM "${table}" WHERE slug LIKE ?`,
            args: [`${SYNTHETIC_PREFIX}%`],
          })
        ).rows[0]?.n ?? 0,
      )
    return { products: await count('knowledge_products'), needs: await count('learning_needs') }
  }
  const [products, needs] = await Promise.all([
    payload.count({ collection: COLLECTIONS.knowledgeProducts, where, overrideAccess: true }),
    payload.count({ collection: COLLECTIONS.learningNeeds, where, overrideAccess: true }),
  ])
  return { products: products.totalDocs, needs: needs.totalDocs }
}

/** Deletes every synthetic product and need, with their versions and child rows. */
export async function removeSynthetic(
  payload: Payload,
  log: SyntheticLog = (m) => payload.logger.info(m),
): Promise<{ products: number; needs: number }> {
  const before = await countSynthetic(payload)
  if (isSqlite(payload)) {
    const client = sqliteStatements(payload)
    const like = `${SYNTHETIC_PREFIX}%`
    const ofProducts = `SELECT id FROM knowledge_products WHERE slug LIKE ?`
    const ofProductVersions = `SELECT id FROM _knowledge_products_v WHERE parent_id IN (${ofProducts})`
    const ofNeeds = `SELECT id FROM learning_needs WHERE slug LIKE ?`
    const ofNeedVersions = `SELECT id FROM _learning_needs_v WHERE parent_id IN (${ofNeeds})`
    const del = (table: string, column: string, subquery: string): Statement => ({
      sql: `DELETE FROM "${table}" WHERE "${column}" IN (${subquery})`,
      args: [like],
    })
    await client.batch([
      ...[
        '_knowledge_products_v_rels',
        '_knowledge_products_v_texts',
        '_knowledge_products_v_version_languages',
        '_knowledge_products_v_version_audience',
      ].map((t) => del(t, 'parent_id', ofProductVersions)),
      del('_knowledge_products_v_version_sources', '_parent_id', ofProductVersions),
      del('_knowledge_products_v', 'parent_id', ofProducts),
      ...[
        'knowledge_products_rels',
        'knowledge_products_texts',
        'knowledge_products_languages',
        'knowledge_products_audience',
      ].map((t) => del(t, 'parent_id', ofProducts)),
      del('knowledge_products_sources', '_parent_id', ofProducts),
      { sql: 'DELETE FROM knowledge_products WHERE slug LIKE ?', args: [like] },
      // Real products never link synthetic needs, but be safe: drop any link to them.
      del('knowledge_products_rels', 'learning_needs_id', ofNeeds),
      del('_learning_needs_v_rels', 'parent_id', ofNeedVersions),
      del('_learning_needs_v_version_coverage_history', '_parent_id', ofNeedVersions),
      del('_learning_needs_v_version_sources', '_parent_id', ofNeedVersions),
      del('_learning_needs_v', 'parent_id', ofNeeds),
      del('learning_needs_rels', 'parent_id', ofNeeds),
      del('learning_needs_coverage_history', '_parent_id', ofNeeds),
      del('learning_needs_sources', '_parent_id', ofNeeds),
      { sql: 'DELETE FROM learning_needs WHERE slug LIKE ?', args: [like] },
    ])
  } else {
    const db = payload.db as unknown as MongoAdapter
    const regex = { $regex: `^${SYNTHETIC_PREFIX}` }
    for (const slug of [COLLECTIONS.knowledgeProducts, COLLECTIONS.learningNeeds]) {
      const model = db.collections[slug]!
      const ids = (
        await model.collection.find({ slug: regex }, { projection: { _id: 1 } }).toArray()
      ).map((d) => d._id)
      for (let i = 0; i < ids.length; i += 10_000) {
        const chunk = ids.slice(i, i + 10_000)
        await db.versions[slug]!.collection.deleteMany({ parent: { $in: chunk } })
        await model.collection.deleteMany({ _id: { $in: chunk } })
      }
    }
  }
  log(`Removed ${before.products} synthetic products and ${before.needs} synthetic needs.`)
  return before
}
