/**
 * The MongoDB adapter: a text index per searchable collection (weights title > summary >
 * keywords, only published records), queried through the Mongoose models Payload exposes
 * (`payload.db.collections`). The words in the index are analysed by search/analyze (the same
 * folding and stemming as SQLite's), so the index's own language is `none`; `$text` finds and
 * scores the candidates, and the AND/phrase/prefix/exclude semantics are checked on the stored
 * analysed strings. Facets and the matrix are aggregations in the database.
 *
 * Scale-out path behind the same interface: Atlas Search (or MongoDB Community Search).
 */
import type { Payload } from 'payload'

import type { AnalyzedDocument, AnalyzedItem, AnalyzedQuery } from '../analyze'
import type {
  CountedFacet,
  FacetCounts,
  Id,
  MatrixCounts,
  ProductConditions,
  ProductOrder,
  SearchAdapter,
  SearchCollection,
} from '../types'

type Doc = Record<string, unknown>
type Cursor = { lean(): Cursor; exec(): Promise<Doc[]> } & Record<
  'sort' | 'skip' | 'limit' | 'select',
  (v: unknown) => Cursor
>
type Model = {
  base: { Types: { ObjectId: new (id: string) => unknown } }
  find(filter: object, projection?: object): Cursor
  countDocuments(filter: object): Promise<number>
  aggregate(pipeline: object[]): { exec(): Promise<Doc[]> }
  collection: { createIndex(spec: object, options: object): Promise<string> }
}

const STEMMED = ['search.title', 'search.summary', 'search.keywords']
const EXACT = ['search.titleExact', 'search.summaryExact', 'search.keywordsExact']
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const anyField = (fields: string[], regex: string) => ({
  $or: fields.map((f) => ({ [f]: { $regex: regex } })),
})

function itemFilter(item: AnalyzedItem): object {
  if (item.kind === 'stems') {
    return anyField(STEMMED, `(^| )(${item.stems.map(escape).join('|')})( |$)`)
  }
  if (item.kind === 'prefix') return anyField(EXACT, `(^| )${escape(item.prefix)}`)
  return anyField(EXACT, `(^| )${escape(item.words.join(' '))}( |$)`)
}

/** The `$text` search string: every stem the query can match (the index finds candidates). */
function textSearch(q: AnalyzedQuery): string | undefined {
  const stems = q.groups.flat().flatMap((i) => (i.kind === 'stems' ? i.stems : []))
  return stems.length > 0 ? [...new Set(stems)].join(' ') : undefined
}

function textConditions(q: AnalyzedQuery): object[] {
  const out: object[] = q.groups.map((g) => ({ $or: g.map(itemFilter) }))
  if (q.exclude.length > 0) out.push({ $nor: q.exclude.map(itemFilter) })
  return out
}

const PUBLIC: Record<SearchCollection, object> = {
  'knowledge-products': { _status: 'published', deletedAt: null },
  'learning-needs': { _status: 'published', deletedAt: null },
  insights: { _status: 'published', deletedAt: null },
  partnerships: {},
}

const WEIGHTS = {
  'search.title': 10,
  'search.titleExact': 10,
  'search.summary': 4,
  'search.summaryExact': 4,
  'search.keywords': 2,
  'search.keywordsExact': 2,
}

/** Creates the text indexes (idempotent: same name and spec each time). Called on init. */
export async function ensureMongoSearchIndexes(payload: Payload): Promise<void> {
  for (const [slug, partial] of Object.entries(PUBLIC)) {
    const model = (payload.db as unknown as { collections: Record<string, Model> }).collections[
      slug
    ]
    if (!model) continue
    await model.collection.createIndex(
      Object.fromEntries([...STEMMED, ...EXACT].map((f) => [f, 'text'])),
      {
        name: 'search_text',
        weights: WEIGHTS,
        default_language: 'none',
        language_override: 'searchLanguage',
        ...('_status' in partial ? { partialFilterExpression: { _status: 'published' } } : {}),
      },
    )
  }
}

const SORT: Record<Exclude<ProductOrder, 'relevance'>, Record<string, 1 | -1>> = {
  '-year': { year: -1, _id: -1 },
  year: { year: 1, _id: 1 },
  title: { title: 1, _id: 1 },
  '-title': { title: -1, _id: -1 },
  '-updatedAt': { updatedAt: -1, _id: -1 },
}

export function createMongoSearch(payload: Payload): SearchAdapter {
  const model = (slug: SearchCollection): Model =>
    (payload.db as unknown as { collections: Record<string, Model> }).collections[slug]!
  const products = () => model('knowledge-products')
  const oid = (id: Id) => new (products().base.Types.ObjectId)(String(id))
  const oids = (ids: Id[]) => ids.map(oid)

  /** The match for product conditions, and the `$text` string if the query is ranked. */
  function productMatch(c: ProductConditions): { filter: Doc; ranked: boolean } {
    const and: object[] = [PUBLIC['knowledge-products']]
    const search = c.text ? textSearch(c.text) : undefined
    if (c.text) and.push(...textConditions(c.text))
    const rel = (field: string, ids: Id[] | undefined) => {
      if (ids !== undefined) and.push({ [field]: { $in: oids(ids) } })
    }
    rel('themes', c.themes)
    rel('partnerships', c.partnerships)
    rel('learningNeeds', c.learningNeeds)
    if (c.types) and.push({ type: { $in: c.types } })
    if (c.yearFrom !== undefined) and.push({ year: { $gte: c.yearFrom } })
    if (c.yearTo !== undefined) and.push({ year: { $lte: c.yearTo } })
    if (c.publishedBy !== undefined) {
      const at = new Date(c.publishedBy)
      and.push({
        $or: [
          { firstPublishedAt: { $lte: at } },
          { firstPublishedAt: null, createdAt: { $lte: at } },
        ],
      })
    }
    if (c.languages?.length) and.push({ languages: { $in: c.languages } })
    if (c.countries?.length) and.push({ countries: { $in: c.countries } })
    const filter: Doc = { $and: and }
    if (search) filter.$text = { $search: search }
    return { filter, ranked: Boolean(search) }
  }

  async function page(
    m: Model,
    filter: Doc,
    ranked: boolean,
    order: ProductOrder,
    offset: number,
    limit: number,
  ) {
    const byScore = ranked && order === 'relevance'
    const projection = byScore ? { _id: 1, score: { $meta: 'textScore' } } : { _id: 1 }
    const sort = byScore
      ? { score: { $meta: 'textScore' }, _id: 1 }
      : SORT[order === 'relevance' ? '-year' : order]
    let cursor = m.find(filter, projection).sort(sort).skip(offset)
    if (limit > 0) cursor = cursor.limit(limit)
    const docs = await cursor.lean().exec()
    return docs.map((d) => ({
      id: String(d._id),
      score: byScore ? Number(d.score) : null,
    }))
  }

  const setOf = (path: string) => ({ $setUnion: [{ $ifNull: [path, []] }, []] })

  async function facetGroup(
    c: ProductConditions,
    facets: CountedFacet[],
    programmeOf: Map<string, string>,
  ): Promise<FacetCounts> {
    const { filter } = productMatch(c)
    const parts = [...programmeOf.keys()]
    const progs = parts.map((p) => oid(programmeOf.get(p)!))
    const byValue = (path: string) => [{ $unwind: path }, { $group: { _id: path, n: { $sum: 1 } } }]
    const stages: Record<CountedFacet, object[]> = {
      themes: byValue('$themes'),
      partnerships: byValue('$partnerships'),
      programmes: byValue('$programmes'),
      types: [{ $group: { _id: '$type', n: { $sum: 1 } } }],
      years: [{ $match: { year: { $ne: null } } }, { $group: { _id: '$year', n: { $sum: 1 } } }],
      languages: byValue('$languages'),
      countries: byValue('$countries'),
    }
    const [res] = await products()
      .aggregate([
        { $match: filter },
        {
          $project: {
            themes: setOf('$themes'),
            partnerships: setOf('$partnerships'),
            languages: setOf('$languages'),
            countries: setOf('$countries'),
            type: 1,
            year: 1,
            programmes: {
              $setDifference: [
                {
                  $map: {
                    input: { $ifNull: ['$partnerships', []] },
                    as: 'p',
                    in: {
                      $let: {
                        vars: { i: { $indexOfArray: [oids(parts), '$$p'] } },
                        in: {
                          $cond: [{ $gte: ['$$i', 0] }, { $arrayElemAt: [progs, '$$i'] }, null],
                        },
                      },
                    },
                  },
                },
                [null],
              ],
            },
          },
        },
        {
          $facet: {
            total: [{ $count: 'n' }],
            ...Object.fromEntries(facets.map((f) => [f, stages[f]])),
          },
        },
      ])
      .exec()
    const counts = new Map<CountedFacet, Map<string, number>>()
    for (const f of facets) {
      const rows = ((res?.[f] ?? []) as Doc[]).filter((r) => r._id !== null)
      counts.set(f, new Map(rows.map((r) => [String(r._id), Number(r.n)])))
    }
    const total = Number(((res?.total ?? []) as Doc[])[0]?.n ?? 0)
    return { total, counts }
  }

  return {
    engine: 'mongodb-text',
    suggests: false,

    async products(c, order, { offset, limit }) {
      const { filter, ranked } = productMatch(c)
      const [hits, total] = await Promise.all([
        limit > 0 ? page(products(), filter, ranked, order, offset, limit) : [],
        products().countDocuments(filter),
      ])
      return { total, hits }
    },

    async productIds(c, order) {
      const { filter, ranked } = productMatch(c)
      return (await page(products(), filter, ranked, order, 0, 0)).map((h) => h.id)
    },

    async facets(groups, programmeOf) {
      return Promise.all(groups.map((g) => facetGroup(g.conditions, g.facets, programmeOf)))
    },

    async matrix(c, rows): Promise<MatrixCounts> {
      const { filter } = productMatch(c)
      const empty = { cells: [], rows: new Map(), themes: new Map(), total: 0 }
      if (rows.axis === 'learning-needs' && rows.needIds.length === 0) return empty
      const rowKeys =
        rows.axis === 'learning-needs'
          ? { $setIntersection: [setOf('$learningNeeds'), oids(rows.needIds)] }
          : ['$type']
      const [res] = await products()
        .aggregate([
          { $match: filter },
          { $project: { rowKeys, themes: setOf('$themes') } },
          { $match: { 'rowKeys.0': { $exists: true } } },
          {
            $facet: {
              cells: [
                { $unwind: '$rowKeys' },
                { $unwind: '$themes' },
                { $group: { _id: { row: '$rowKeys', theme: '$themes' }, n: { $sum: 1 } } },
              ],
              rows: [{ $unwind: '$rowKeys' }, { $group: { _id: '$rowKeys', n: { $sum: 1 } } }],
              themes: [{ $unwind: '$themes' }, { $group: { _id: '$themes', n: { $sum: 1 } } }],
              total: [{ $count: 'n' }],
            },
          },
        ])
        .exec()
      const list = (k: string) => (res?.[k] ?? []) as Doc[]
      return {
        cells: list('cells').map((r) => {
          const key = r._id as { row: unknown; theme: unknown }
          return { row: String(key.row), theme: String(key.theme), n: Number(r.n) }
        }),
        rows: new Map(list('rows').map((r) => [String(r._id), Number(r.n)])),
        themes: new Map(list('themes').map((r) => [String(r._id), Number(r.n)])),
        total: Number(list('total')[0]?.n ?? 0),
      }
    },

    async records(collection, text, { offset, limit }) {
      const m = model(collection)
      const search = textSearch(text)
      const filter: Doc = { $and: [PUBLIC[collection], ...textConditions(text)] }
      if (search) filter.$text = { $search: search }
      const [hits, total] = await Promise.all([
        page(m, filter, Boolean(search), search ? 'relevance' : 'title', offset, limit),
        m.countDocuments(filter),
      ])
      return { total, hits }
    },

    async indexed(collection) {
      const docs = await model(collection)
        .find(PUBLIC[collection], { _id: 1, search: 1 })
        .lean()
        .exec()
      return new Map(
        docs.map((d) => {
          const search = (d.search ?? {}) as Record<string, unknown>
          return [
            String(d._id),
            Object.fromEntries(
              ['title', 'summary', 'keywords', 'titleExact', 'summaryExact', 'keywordsExact'].map(
                (k) => [k, String(search[k] ?? '')],
              ),
            ) as AnalyzedDocument,
          ]
        }),
      )
    },

    // The text index does not expose its vocabulary; Atlas Search's fuzzy matching would.
    async suggest() {
      return new Map()
    },

    async similar(collection, items, limit) {
      const stems = items.filter((i) => i.kind === 'stems')
      if (stems.length === 0 || limit <= 0) return []
      const text: AnalyzedQuery = { groups: [stems], exclude: [] }
      const filter: Doc = {
        $and: [PUBLIC[collection], ...textConditions(text)],
        $text: { $search: textSearch(text) },
      }
      return page(model(collection), filter, true, 'relevance', 0, limit)
    },

    async stemFrequencies(collection, stems) {
      const m = model(collection)
      const wanted = [...new Set(stems)]
      // No vocabulary to read: one indexed count per stem (a need has a few dozen).
      const counts = await Promise.all(
        wanted.map((stem) =>
          m.countDocuments({
            $and: [PUBLIC[collection], itemFilter({ kind: 'stems', stems: [stem], word: stem })],
            $text: { $search: stem },
          }),
        ),
      )
      const docs = new Map<string, number>()
      wanted.forEach((stem, i) => {
        if (counts[i]! > 0) docs.set(stem, counts[i]!)
      })
      return { records: await m.countDocuments(PUBLIC[collection]), docs }
    },
  }
}
