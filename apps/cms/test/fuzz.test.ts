/**
 * Hostile input on every public CMS endpoint family must never get a response ≥ 500: the REST
 * API (lists, single records and the other collection routes), GraphQL, and the custom map
 * endpoints. Each family gets `FUZZ_RUNS` requests (2,000 in CI; `pnpm fuzz --runs 20000` for
 * more) through Payload's real REST handler, as the Next route serves it. Every failing URL is
 * printed, then the test fails.
 */
import { GRAPHQL_POST } from '@payloadcms/next/routes'
import { COLLECTIONS } from '@repo/types'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { withGraphqlGuard, withQueryGuard } from '../src/api/guard'
import { seed } from '../src/seed'
import {
  FILTER_PARAMS,
  fuzzRuns,
  PROTOTYPE_KEYS,
  hostileQuery,
  hostileValue,
  REST_PARAMS,
  wellFormed,
} from './fuzz/arbitraries'
import { startCms, type TestCms } from './helpers/payload'
import { buildWorld, loginTokens } from './helpers/world'

const SECRET = 'fuzz-test-shared-secret-0123456789abcd'

let cms: TestCms
let serve: (request: Request) => Promise<Response>
let adminToken: string
beforeAll(async () => {
  // The shared secret configured, so the site-only endpoints read what they are sent.
  cms = await startCms('sqlite', { env: { REVALIDATE_SECRET: SECRET } })
  await seed(cms.payload, { log: () => {} })
  adminToken = (await loginTokens(cms, await buildWorld(cms.payload), ['admin'])).admin
  // As the Next routes serve them: the guards in front of Payload's REST and GraphQL handlers.
  const rest = withQueryGuard(cms.config, (request: Request) => cms.fetch(request))
  const graphql = withGraphqlGuard(GRAPHQL_POST(Promise.resolve(cms.config)))
  serve = (request) =>
    new URL(request.url).pathname === '/api/graphql' && request.method === 'POST'
      ? graphql(request, undefined as never)
      : rest(request)
})
afterAll(async () => cms?.close())

const RUNS = fuzzRuns()
const SEED = Number(process.env.FUZZ_SEED) || Date.now() % 2 ** 31

const COLLECTION_SLUGS = [...Object.values(COLLECTIONS), 'users', 'media']

type Failure = { method: string; url: string; status: number; body: string }

/** Sends every generated request; collects (never throws on) the failures, then reports them all. */
async function fuzz(
  family: string,
  requests: fc.Arbitrary<{
    method: string
    path: string
    body?: string
    headers?: Record<string, string>
  }>,
): Promise<void> {
  const failures: Failure[] = []
  const statuses = new Map<number, number>()
  await fc.assert(
    fc.asyncProperty(requests, async ({ method, path, body, headers }) => {
      const url = `${cms.baseUrl}${path}`
      let status: number
      let text: string
      try {
        const res = await serve(
          new Request(url, {
            method,
            body,
            headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
          }),
        )
        status = res.status
        text = await res.text()
      } catch (err) {
        status = 599
        text = String(err)
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
      if (status >= 500) failures.push({ method, url, status, body: text.slice(0, 300) })
    }),
    { numRuns: RUNS, seed: SEED },
  )
  const summary = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`)
  console.log(`fuzz ${family}: ${RUNS} requests (seed ${SEED}): ${summary.join(' ')}`)
  // Every failing URL (very long ones cut at 4,000 characters; the seed reproduces them whole).
  for (const f of failures) {
    const url = f.url.length > 4000 ? `${f.url.slice(0, 4000)}…(${f.url.length} chars)` : f.url
    console.log(`  ${f.status} ${f.method} ${url}\n      ${f.body}`)
  }
  expect(failures.map((f) => `${f.status} ${f.method} ${f.url}`)).toEqual([])
}

const collection = fc.constantFrom(...COLLECTION_SLUGS)
const restQuery = hostileQuery(REST_PARAMS)

describe('fuzz: no response ≥ 500 under hostile input', () => {
  it('should hold on REST list requests', async () => {
    await fuzz(
      'REST lists',
      fc.tuple(collection, restQuery).map(([c, q]) => ({ method: 'GET', path: `/api/${c}?${q}` })),
    )
  })

  it('should hold on REST single-record and other collection routes', async () => {
    const tail = fc.oneof(
      fc.constantFrom(
        '1',
        '0',
        '-1',
        'count',
        'versions',
        'me',
        'init',
        'access',
        '999999999999999999999',
      ),
      hostileValue.map((v) => encodeURIComponent(wellFormed(v))),
      fc.constantFrom('versions/1', 'versions/x', 'x/y', '%2e%2e', '1/preview'),
    )
    await fuzz(
      'REST records',
      fc
        .tuple(collection, tail, restQuery)
        .map(([c, t, q]) => ({ method: 'GET', path: `/api/${c}/${t}?${q}` })),
    )
  })

  it('should hold on GraphQL', async () => {
    const field = fc.constantFrom(
      'KnowledgeProducts',
      'LearningNeeds',
      'Themes',
      'Users',
      'Partnerships',
      '__schema',
    )
    const document = fc.oneof(
      fc
        .tuple(field, hostileValue, fc.integer({ min: -5, max: 30 }))
        .map(
          ([f, v, n]) =>
            `{ ${f}(limit: ${n}, page: ${JSON.stringify(v)}, where: { title: { equals: ${JSON.stringify(v)} } }) { docs { id ${'title { '.repeat(Math.max(0, n % 6))} } } }`,
        ),
      fc.constantFrom('{', 'query { a', '{ __schema { types { name } } }', 'mutation { x }'),
      hostileValue,
    )
    const request = fc.oneof(
      document.map((d) => ({
        method: 'POST',
        path: '/api/graphql',
        body: JSON.stringify({ query: d }),
      })),
      fc.tuple(document, hostileValue).map(([d, v]) => ({
        method: 'POST',
        path: '/api/graphql',
        body: JSON.stringify({ query: d, variables: v, operationName: v }),
      })),
      hostileValue.map((v) => ({ method: 'POST', path: '/api/graphql', body: v })),
      fc.tuple(document, restQuery).map(([d, q]) => ({
        method: 'GET',
        path: `/api/graphql?query=${encodeURIComponent(wellFormed(d))}&${q}`,
      })),
    )
    await fuzz('GraphQL', request)
  })

  it('should hold on the custom map endpoints', async () => {
    await fuzz(
      'map endpoints',
      fc
        .tuple(fc.constantFrom('/api/map/matrix', '/api/map/facets'), hostileQuery(FILTER_PARAMS))
        .map(([p, q]) => ({ method: 'GET', path: `${p}?${q}` })),
    )
  })

  it('should hold on the search endpoints', async () => {
    await fuzz(
      'search endpoints',
      fc
        .tuple(
          fc.constantFrom(
            '/api/search/knowledge-products',
            '/api/search',
            '/api/stream/knowledge-products',
          ),
          hostileQuery([...FILTER_PARAMS, 'include']),
        )
        .map(([p, q]) => ({ method: 'GET', path: `${p}?${q}` })),
    )
  })

  it('should hold on the other custom endpoints, with and without credentials', async () => {
    const endpoint = fc.constantFrom(
      { method: 'POST', path: '/api/proposals' },
      { method: 'POST', path: '/api/unmet-searches' },
      { method: 'GET', path: '/api/unmet-searches/policy' },
      { method: 'POST', path: '/api/unmet-searches/to-need' },
      { method: 'POST', path: '/api/import' },
      { method: 'POST', path: '/api/learning-needs/1/reviewed' },
      { method: 'POST', path: '/api/learning-needs/x/reviewed' },
      { method: 'GET', path: '/api/proposals' },
    )
    const field = fc.constantFrom(
      'kind',
      'title',
      'link',
      'description',
      'email',
      'query',
      'q',
      'words',
      'format',
      'csv',
      'rows',
      'dryRun',
      'note',
      ...PROTOTYPE_KEYS,
    )
    const member = fc.oneof(
      hostileValue,
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom('knowledge-product', 'learning-need', 'csv', 'https://example.org/x'),
    )
    const body = fc.oneof(
      {
        weight: 3,
        arbitrary: fc.dictionary(field, member, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
      },
      { weight: 1, arbitrary: hostileValue },
      { weight: 1, arbitrary: fc.constant(undefined) },
    )
    const auth = fc.oneof(
      fc.constant(undefined),
      fc.constant(`Bearer ${SECRET}`),
      fc.constant(`JWT ${adminToken}`),
      // Header values are bytes: printable ASCII, so that the request itself can be built.
      hostileValue.map((v) => `Bearer ${v.replace(/[^\x20-\x7e]/g, '').slice(0, 200)}`),
    )
    await fuzz(
      'other custom endpoints',
      fc.tuple(endpoint, restQuery, body, auth).map(([e, q, b, a]) => ({
        method: e.method,
        path: `${e.path}?${q}`,
        body: e.method === 'GET' ? undefined : b,
        headers: a ? { authorization: a } : undefined,
      })),
    )
  })
})
