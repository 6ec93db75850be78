import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  COVERAGE,
  DEFAULT_LIMIT,
  FilterError,
  LANGUAGES,
  LEARNING_NEED_KINDS,
  LEARNING_NEED_SORTS,
  learningNeedFilters,
  learningNeedFilterToPayloadWhere,
  learningNeedFilterToSearchParams,
  MAX_LIMIT,
  parseFilter,
  parseLearningNeedFilter,
  partnershipFilters,
  PRIORITIES,
  PRODUCT_SORTS,
  productFilters,
  PRODUCT_TYPE_VALUES,
  ProductFilterSchema,
  safeParseFilter,
  slugify,
  toPayloadWhere,
  toSearchParams,
  YEAR_MAX,
  YEAR_MIN,
  hasSearchTerms,
  parseSearchText,
  type LearningNeedFilter,
  type ProductFilter,
} from '../src/index.js'

// --- Arbitraries of valid, canonical filters ------------------------------------------------

const slug = fc
  .array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('-'))
const sortedSet = <T extends string>(arb: fc.Arbitrary<T>, max = 4) =>
  fc
    .uniqueArray(arb, { maxLength: max })
    .map((list) => [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
// A search text with something to search for (not only punctuation or exclusions).
const text = fc
  .string({ minLength: 1, maxLength: 60, unit: 'grapheme' })
  .map((s) => s.trim())
  .filter((s) => s.length > 0 && hasSearchTerms(parseSearchText(s)))
const country = fc
  .string({ minLength: 1, maxLength: 30 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0)
const year = fc.integer({ min: YEAR_MIN, max: YEAR_MAX })

const productFilter: fc.Arbitrary<ProductFilter> = fc
  .record({
    q: fc.option(text, { nil: undefined }),
    themes: sortedSet(slug),
    partnerships: sortedSet(slug),
    programmes: sortedSet(slug),
    types: sortedSet(fc.constantFrom(...PRODUCT_TYPE_VALUES)),
    years: fc.option(
      fc.tuple(fc.option(year, { nil: undefined }), fc.option(year, { nil: undefined })),
      {
        nil: undefined,
      },
    ),
    languages: sortedSet(fc.constantFrom(...LANGUAGES.map((l) => l.value))),
    countries: sortedSet(country),
    learningNeeds: sortedSet(slug),
    sort: fc.constantFrom(...PRODUCT_SORTS),
    page: fc.integer({ min: 1, max: 10_000 }),
    limit: fc.integer({ min: 1, max: MAX_LIMIT }),
  })
  .map(({ years, q, ...rest }) => {
    let [yearFrom, yearTo] = years ?? [undefined, undefined]
    if (yearFrom !== undefined && yearTo !== undefined && yearFrom > yearTo) {
      ;[yearFrom, yearTo] = [yearTo, yearFrom]
    }
    // Relevance needs a search text: without one the canonical order is newest first.
    const sort = rest.sort === 'relevance' && !q ? '-year' : rest.sort
    const f: ProductFilter = { ...rest, sort, q, yearFrom, yearTo }
    return f
  })

const learningNeedFilter: fc.Arbitrary<LearningNeedFilter> = fc.record({
  q: fc.option(text, { nil: undefined }),
  themes: sortedSet(slug),
  programmes: sortedSet(slug),
  partnerships: sortedSet(slug),
  kinds: sortedSet(fc.constantFrom(...LEARNING_NEED_KINDS.map((k) => k.value))),
  coverage: sortedSet(fc.constantFrom(...COVERAGE.map((c) => c.value))),
  priorities: sortedSet(fc.constantFrom(...PRIORITIES.map((p) => p.value))),
  sort: fc.constantFrom(...LEARNING_NEED_SORTS),
  page: fc.integer({ min: 1, max: 10_000 }),
  limit: fc.integer({ min: 1, max: MAX_LIMIT }),
})

/** Drops `undefined` members, as a parsed filter never has them. */
const clean = <T extends object>(f: T): T =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as T

describe('product filters', () => {
  it('should parse a readable query string into a canonical filter', () => {
    const f = parseFilter(
      '?theme=environmental-rights&theme=gender-equality&type=report&yearFrom=2018&q=+civic+space+&page=2',
    )
    expect(f).toEqual({
      q: 'civic space',
      themes: ['environmental-rights', 'gender-equality'],
      partnerships: [],
      programmes: [],
      types: ['report'],
      yearFrom: 2018,
      languages: [],
      countries: [],
      learningNeeds: [],
      // A search text orders by relevance unless the query names another order.
      sort: 'relevance',
      page: 2,
      limit: DEFAULT_LIMIT,
    })
    expect(parseFilter('?q=water&sort=-year').sort).toBe('-year')
    expect(parseFilter('?sort=relevance').sort).toBe('-year')
  })

  it('should give the defaults for an empty query and treat empty fields as absent', () => {
    expect(parseFilter('')).toEqual(ProductFilterSchema.parse({}))
    expect(parseFilter('?q=&theme=&yearFrom=')).toEqual(parseFilter(''))
  })

  it('should accept URLSearchParams and records with arrays', () => {
    const a = parseFilter(
      new URLSearchParams([
        ['theme', 'b'],
        ['theme', 'a'],
      ]),
    )
    const b = parseFilter({ theme: ['a', 'b'], page: undefined })
    expect(a).toEqual(b)
    expect(a.themes).toEqual(['a', 'b'])
  })

  it('should write a canonical query string: fixed order, defaults left out, sorted and deduped', () => {
    const qs = toSearchParams({
      types: ['tool', 'report', 'tool'],
      themes: ['z-theme', 'a-theme'],
      q: 'water',
      page: 1,
      limit: DEFAULT_LIMIT,
      sort: 'relevance',
    }).toString()
    expect(qs).toBe('q=water&theme=a-theme&theme=z-theme&type=report&type=tool')
    expect(toSearchParams({ q: 'water', sort: '-year' }).toString()).toBe('q=water&sort=-year')
    expect(toSearchParams({}).toString()).toBe('')
    expect(toSearchParams({ page: 3, limit: 50, sort: 'title' }).toString()).toBe(
      'sort=title&page=3&limit=50',
    )
  })

  it('should name the bad parameter in a typed error', () => {
    const cases: [string, string][] = [
      ['?limit=1000', 'limit'],
      ['?limit=0', 'limit'],
      ['?page=-1', 'page'],
      ['?page=abc', 'page'],
      ['?theme=Not%20A%20Slug', 'theme'],
      ['?type=novel', 'type'],
      ['?language=xx', 'language'],
      ['?yearFrom=1200', 'yearFrom'],
      ['?yearFrom=2020&yearTo=2010', 'yearTo'],
      ['?sort=random', 'sort'],
      ['?need=a&sort=title&sort=-year', 'sort'],
      ['?themes=typo', 'themes'],
      [`?q=${'x'.repeat(201)}`, 'q'],
    ]
    for (const [query, param] of cases) {
      const result = safeParseFilter(query)
      expect(result.ok, query).toBe(false)
      if (result.ok) continue
      expect(result.error).toBeInstanceOf(FilterError)
      expect(result.error.param, query).toBe(param)
      expect(result.error.message).toContain(param)
      expect(() => parseFilter(query)).toThrow(FilterError)
    }
  })

  it('should ignore unknown parameters only when asked to', () => {
    expect(() => parseFilter('?utm_source=mail&theme=a')).toThrow(FilterError)
    expect(parseFilter('?utm_source=mail&theme=a', { allowUnknown: true }).themes).toEqual(['a'])
  })

  it('should map a filter to a Payload where on related slugs', () => {
    expect(toPayloadWhere({})).toEqual({})
    expect(toPayloadWhere({ themes: ['environmental-rights'] })).toEqual({
      'themes.slug': { in: ['environmental-rights'] },
    })
    expect(
      toPayloadWhere({
        q: 'water',
        programmes: ['p'],
        partnerships: ['x'],
        learningNeeds: ['n'],
        types: ['report'],
        yearFrom: 2016,
        yearTo: 2020,
        languages: ['fr'],
        countries: ['Mali'],
      }),
    ).toEqual({
      and: [
        { or: [{ title: { like: 'water' } }, { summary: { like: 'water' } }] },
        { 'partnerships.slug': { in: ['x'] } },
        { 'partnerships.programme.slug': { in: ['p'] } },
        { type: { in: ['report'] } },
        { year: { greater_than_equal: 2016 } },
        { year: { less_than_equal: 2020 } },
        { languages: { in: ['fr'] } },
        { countries: { in: ['Mali'] } },
        { 'learningNeeds.slug': { in: ['n'] } },
      ],
    })
  })

  it('should make parse ∘ toSearchParams the identity on valid filters', () => {
    fc.assert(
      fc.property(productFilter, (f) => {
        const canonical = clean(f)
        expect(parseFilter(toSearchParams(f))).toEqual(canonical)
        expect(parseFilter(toSearchParams(f).toString())).toEqual(canonical)
        // And the query string is stable: writing the parsed filter again gives the same link.
        expect(toSearchParams(parseFilter(toSearchParams(f))).toString()).toBe(
          toSearchParams(f).toString(),
        )
      }),
      { numRuns: 300 },
    )
  })

  it('should give the same link for the same view whatever the order of values', () => {
    fc.assert(
      fc.property(productFilter, fc.integer(), (f, seed) => {
        const shuffle = <T>(list: T[]) =>
          [...list].sort(() => (Math.sin(seed++) > 0 ? 1 : -1)).concat(list.slice(0, 1))
        const shuffled = {
          ...f,
          themes: shuffle(f.themes),
          types: shuffle(f.types),
          countries: shuffle(f.countries),
        }
        expect(toSearchParams(shuffled).toString()).toBe(toSearchParams(f).toString())
      }),
    )
  })

  it('should answer any query string with a filter or a FilterError, nothing else', () => {
    const key = fc.constantFrom(
      'q',
      'theme',
      'partnership',
      'programme',
      'type',
      'yearFrom',
      'yearTo',
      'language',
      'country',
      'need',
      'sort',
      'page',
      'limit',
      'junk',
    )
    const value = fc.oneof(
      fc.string(),
      fc.integer().map(String),
      fc.constantFrom('report', 'fr', '-year', 'a-b', '%', '%E0%A4%A', '0', '101', ''),
    )
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.tuple(key, value), { maxLength: 8 }).map((e) => new URLSearchParams(e)),
          fc.string(),
        ),
        (input) => {
          try {
            const f = parseFilter(input)
            // A filter that parses is valid, so it survives the round trip.
            expect(parseFilter(toSearchParams(f))).toEqual(f)
          } catch (err) {
            expect(err).toBeInstanceOf(FilterError)
            expect((err as FilterError).issues.length).toBeGreaterThan(0)
          }
        },
      ),
      { numRuns: 500 },
    )
  })

  it('should reject invalid filter objects with a FilterError too', () => {
    fc.assert(
      fc.property(
        fc.record({
          limit: fc.oneof(fc.integer({ min: MAX_LIMIT + 1 }), fc.integer({ max: 0 })),
          themes: fc.array(fc.string()),
        }),
        (bad) => {
          expect(() => toSearchParams(bad)).toThrow(FilterError)
          expect(() => toPayloadWhere(bad)).toThrow(FilterError)
        },
      ),
    )
  })

  it('should order by the sort with id as the tie-breaker', () => {
    expect(productFilters.toPayloadSort({})).toBe('-year,-id')
    expect(productFilters.toPayloadSort({ sort: '-updatedAt' })).toBe('-updatedAt,-id')
    expect(productFilters.toPayloadSort({ sort: 'title' })).toBe('title,id')
    expect(learningNeedFilters.toPayloadSort({})).toBe('title,id')
  })
})

describe('learning-need filters', () => {
  it('should parse, write and map a learning-need filter', () => {
    const f = parseLearningNeedFilter(
      '?coverage=open&coverage=partial&theme=civic-space&partnership=every-voice-counts&kind=knowledge-gap',
    )
    expect(f.coverage).toEqual(['open', 'partial'])
    expect(learningNeedFilterToSearchParams(f).toString()).toBe(
      'partnership=every-voice-counts&theme=civic-space&kind=knowledge-gap&coverage=open&coverage=partial',
    )
    expect(learningNeedFilterToPayloadWhere(f)).toEqual({
      and: [
        { 'themes.slug': { in: ['civic-space'] } },
        { 'raisedBy.slug': { in: ['every-voice-counts'] } },
        { kind: { in: ['knowledge-gap'] } },
        { coverage: { in: ['open', 'partial'] } },
      ],
    })
  })

  it('should name the bad parameter', () => {
    for (const [query, param] of [
      ['?coverage=done', 'coverage'],
      ['?priority=urgent', 'priority'],
      ['?kind=wish', 'kind'],
      ['?programme=Bad_Slug', 'programme'],
    ] as const) {
      expect(() => parseLearningNeedFilter(query)).toThrow(FilterError)
      const r = learningNeedFilters.safeParse(query)
      expect(r.ok ? undefined : r.error.param).toBe(param)
    }
  })

  it('should make parse ∘ toSearchParams the identity on valid filters', () => {
    fc.assert(
      fc.property(learningNeedFilter, (f) => {
        expect(parseLearningNeedFilter(learningNeedFilterToSearchParams(f))).toEqual(clean(f))
      }),
      { numRuns: 300 },
    )
  })

  it('should answer any query string with a filter or a FilterError', () => {
    fc.assert(
      fc.property(fc.string(), (input) => {
        try {
          parseLearningNeedFilter(input)
        } catch (err) {
          expect(err).toBeInstanceOf(FilterError)
        }
      }),
    )
  })
})

describe('other filters', () => {
  it('should filter partnerships by programme and theme slugs', () => {
    const f = partnershipFilters.parse(`?programme=${slugify('Dialogue and Dissent')}&theme=x`)
    expect(partnershipFilters.toPayloadWhere(f)).toEqual({
      and: [
        { 'programme.slug': { in: ['dialogue-and-dissent'] } },
        { 'themes.slug': { in: ['x'] } },
      ],
    })
    expect(partnershipFilters.toPayloadSort(f)).toBe('name,id')
  })
})
