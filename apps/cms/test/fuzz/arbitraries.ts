/**
 * fast-check arbitraries for hostile query strings: known and random keys, bracket paths and
 * arrays (`where[title][equals][]`), prototype keys, huge and non-finite numbers, unicode, 10 KB
 * values and broken JSON, mixed with valid values so that the fuzzer also reaches deep code.
 */
import fc from 'fast-check'

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const

/** Payload's REST parameters and the filter language's. */
export const REST_PARAMS = [
  ...['depth', 'page', 'limit', 'sort', 'where', 'select', 'populate', 'locale'],
  ...['fallback-locale', 'fallbackLocale', 'draft', 'pagination', 'trash', 'joins'],
] as const

export const FILTER_PARAMS = [
  ...['q', 'programme', 'partnership', 'theme', 'need', 'type', 'language', 'country'],
  ...['yearFrom', 'yearTo', 'sort', 'page', 'limit', 'axis', 'kind', 'coverage', 'priority'],
  'mode',
] as const

const OPERATORS = [
  ...['equals', 'not_equals', 'in', 'not_in', 'all', 'like', 'contains', 'exists'],
  ...['greater_than', 'less_than_equal', 'near', 'within', 'intersects', 'and', 'or'],
] as const

const FIELDS = [
  ...['title', 'slug', 'year', 'type', 'themes', 'themes.slug', 'partnerships.programme.slug'],
  ...['_status', 'id', 'createdAt', 'email', 'password', 'hash', 'salt', 'role', 'a.b.c.d.e'],
] as const

/** Numbers that break naive parsing: huge, non-finite, negative, fractional, hex, exponent. */
export const hugeNumber = fc.oneof(
  fc.constantFrom('-1e309', '1e309', 'NaN', 'Infinity', '-Infinity', '-1', '-0', '0', '1.5'),
  fc.constantFrom('0x10', '1e3', '9007199254740993', '', ' ', '+1', '1_000', '١٢'),
  fc.integer({ min: 1, max: 400 }).map((n) => '9'.repeat(n)),
  fc.double().map(String),
  fc.bigInt().map(String),
)

const unicode = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('\u0000', '\uFEFF', '\uD800', 'ǅ', '𝕏', '\u202E', '%', '%zz', '%00', '\\'),
)

const json = fc.oneof(
  fc.constantFrom('{', '[]', '{}', 'null', '"x"', '{"title":{"equals":"x"}}', '{"__proto__":{}}'),
  fc.constantFrom('{"and":[{"or":[]}]}', '{"title":{"equals":["x"]}}', '{"year":{"in":"a"}}'),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
)

export const hostileValue = fc.oneof(
  { weight: 3, arbitrary: hugeNumber },
  { weight: 3, arbitrary: unicode },
  { weight: 2, arbitrary: json },
  { weight: 2, arbitrary: fc.constantFrom('true', 'false', 'all', 'en', 'title', '-year', 'x') },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 }).map((k) => 'x'.repeat(k * 1024)) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS, ...OPERATORS, ...FIELDS) },
)

const segment = fc.oneof(
  fc.constantFrom(...OPERATORS, ...FIELDS, ...PROTOTYPE_KEYS, '', '0', '1', '99999999999'),
  fc.string({ maxLength: 6 }),
)

/** A bracket path: `[a][b][]`. */
const brackets = fc.array(segment, { maxLength: 6 }).map((s) => s.map((x) => `[${x}]`).join(''))

/** A key: a known parameter or anything, with or without a bracket path. */
export const hostileKey = (known: readonly string[]) =>
  fc
    .tuple(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...known) },
        { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
      ),
      fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 2, arbitrary: brackets }),
    )
    .map(([k, b]) => k + b)

/** Valid pairs, so that a query with one bad pair among good ones reaches deep code too. */
const PLAUSIBLE: [string, string[]][] = [
  ['depth', ['0', '1', '2']],
  ['page', ['1', '2', '3']],
  ['limit', ['1', '5', '20', '100']],
  ['sort', ['title', '-year', '-updatedAt', 'createdAt,title']],
  ['where[title][like]', ['civic', 'a']],
  ['where[year][greater_than]', ['2015']],
  ['where[_status][equals]', ['draft', 'published']],
  ['where[or][0][slug][exists]', ['true']],
  ['select[title]', ['true']],
  ['select[slug]', ['true', 'false']],
  ['populate[themes][title]', ['true']],
  ['draft', ['true', 'false']],
  ['pagination', ['false']],
  ['trash', ['true']],
  ['joins', ['false']],
  ['q', ['civic space', 'report', 'x']],
  ['type', ['report', 'toolkit', 'dataset']],
  ['theme', ['civic-space', 'gender']],
  ['yearFrom', ['2016']],
  ['yearTo', ['2020']],
  ['language', ['en', 'fr']],
  ['axis', ['types', 'learning-needs']],
  ['programme', ['dialogue-and-dissent', 'strengthening-civil-society']],
  ['coverage', ['open', 'covered']],
]
const plausible = fc
  .constantFrom(...PLAUSIBLE)
  .chain(([k, vs]) => fc.constantFrom(...vs).map((v): [string, string] => [k, v]))

/** A query string (without `?`) of hostile pairs, or raw bytes that are not even well-formed. */
export const hostileQuery = (known: readonly string[]) =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .array(
          fc.oneof(
            { weight: 1, arbitrary: fc.tuple(hostileKey(known), hostileValue) },
            { weight: 2, arbitrary: plausible },
          ),
          { minLength: 1, maxLength: 5 },
        )
        .map((pairs) => new URLSearchParams(pairs).toString()),
    },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.constantFrom('a', '=', '&', '%', '2', 'F', '+', '[', ']', '?', 'é', ';', ' ', '.'),
        maxLength: 40,
      }),
    },
  )

/** How many runs each endpoint family gets: `FUZZ_RUNS` (the `fuzz` script's `--runs`), else CI's. */
export const fuzzRuns = (ci = 2000): number => {
  const n = Number(process.env.FUZZ_RUNS)
  return Number.isInteger(n) && n > 0 ? n : ci
}

/** Lone surrogates as U+FFFD, so that `encodeURIComponent` can encode any generated text. */
export const wellFormed = (s: string): string =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
