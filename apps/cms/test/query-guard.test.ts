/**
 * The REST and GraphQL guards and the depth caps, on a real Payload with the real seed: the
 * requests the issue found answering 500 answer 400 naming the parameter (through the Next
 * route's guard, and through Payload's own handler via the `afterError` hook), the SDK's
 * requests still pass, and an anonymous request costs at most what the SDK's does.
 */
import { GRAPHQL_POST } from '@payloadcms/next/routes'
import { COLLECTIONS, createClient } from '@repo/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ANONYMOUS_MAX_DEPTH, withGraphqlGuard, withQueryGuard } from '../src/api/guard'
import { AGGREGATE_LIMIT } from '../src/api/rateLimit'
import { seed } from '../src/seed'
import { startCms, type TestCms } from './helpers/payload'
import { buildWorld, type World } from './helpers/world'

let cms: TestCms
let world: World
let route: (request: Request) => Promise<Response>
let graphql: (request: Request) => Promise<Response>
beforeAll(async () => {
  cms = await startCms('sqlite')
  await seed(cms.payload, { log: () => {} })
  world = await buildWorld(cms.payload)
  route = withQueryGuard(cms.config, (request: Request) => cms.fetch(request))
  const post = withGraphqlGuard(GRAPHQL_POST(Promise.resolve(cms.config)))
  graphql = (request) => post(request, undefined as never)
})
afterAll(async () => cms?.close())

const get = (via: (r: Request) => Promise<Response>, path: string, headers?: HeadersInit) =>
  via(new Request(`${cms.baseUrl}${path}`, { headers }))

/** The 500s, and their kin. */
const BAD: [string, string][] = [
  ['/api/knowledge-products?depth[]=-1e309', 'depth'],
  ['/api/knowledge-products?depth=-1', 'depth'],
  ['/api/knowledge-products?depth=1e309', 'depth'],
  [`/api/knowledge-products?page[]=${'9'.repeat(60)}`, 'page'],
  [`/api/knowledge-products?page=${'9'.repeat(60)}`, 'page'],
  [`/api/partnerships?limit=${'9'.repeat(300)}`, 'limit'],
  ['/api/knowledge-products?limit=0', 'limit'],
  ['/api/knowledge-products?where[title][equals][]=NaN', 'where'],
  ['/api/themes?where[title][like]=a&where[title][like]=a', 'where'],
  ['/api/knowledge-products?where={', 'where'],
  ['/api/knowledge-products?where=exists', 'where'],
  ['/api/knowledge-products?where={"title":{"equals":["x"]}}', 'where'],
  ['/api/knowledge-products?where={"__proto__":{}}', 'where'],
  ['/api/knowledge-products?select[title]=%F0%9F%92%A5%E2%80%AE', 'select'],
  ['/api/knowledge-products?select=all', 'select'],
  ['/api/knowledge-products?populate[themes]=x', 'populate'],
  ['/api/knowledge-products?sort[a]=title', 'sort'],
  ['/api/knowledge-products?sort=title;drop', 'sort'],
  ['/api/knowledge-products?locale[]=en', 'locale'],
  ['/api/knowledge-products?fallback-locale=%00', 'fallback-locale'],
  ['/api/knowledge-products?pagination=all', 'pagination'],
  ['/api/knowledge-products?draft=1e309', 'draft'],
  ['/api/knowledge-products?joins[%7D]=1e3', 'joins'],
  ['/api/knowledge-products?__proto__[]=x', '__proto__'],
  ['/api/knowledge-products?constructor[type]=x', 'constructor'],
  [`/api/knowledge-products?q=${'x'.repeat(40 * 1024)}`, 'query'],
]

describe('REST query guard', () => {
  it.each(BAD)(
    'should answer %s with a 400 naming %s, before and inside Payload',
    async (path, param) => {
      for (const via of [route, cms.fetch as (r: Request) => Promise<Response>]) {
        const res = await get(via, path)
        const body = (await res.json()) as { param?: string; errors: { message: string }[] }
        if (via === route || res.status !== 200) {
          expect(res.status, `${path}: ${JSON.stringify(body)}`).toBe(400)
        }
        if (via === route) {
          expect(res.headers.get('content-type')).toBe('application/problem+json')
          expect(body.param).toBe(param)
          expect(body.errors[0]!.message).toContain(param === 'query' ? 'query string' : param)
        }
      }
    },
  )

  it('should answer a path id that cannot exist with a 404, not a 500', async () => {
    for (const path of [
      '/api/knowledge-products/access',
      '/api/themes/me',
      '/api/insights/%E2%A3%8C',
      '/api/learning-needs/%7B%22__proto__%22%3A%7B%7D%7D',
    ]) {
      for (const via of [route, cms.fetch as (r: Request) => Promise<Response>]) {
        const res = await get(via, path)
        expect(res.status, path).toBe(404)
      }
    }
  })

  it("should let every SDK request through (the site's and the export service's)", async () => {
    const sdk = createClient({
      baseUrl: cms.baseUrl,
      fetch: ((i: RequestInfo | URL, init?: RequestInit) =>
        route(new Request(i, init))) as typeof fetch,
    })
    const products = await sdk.products.list({ limit: 5, sort: '-year' })
    expect(products.docs.length).toBeGreaterThan(0)
    await sdk.products.get(products.docs[0]!.slug)
    let n = 0
    for await (const _ of sdk.learningNeeds.iterate({}, { pageSize: 3 })) n++
    expect(n).toBeGreaterThan(3)
    await sdk.partnerships.list({ limit: 100 })
    await sdk.map.matrix({ axis: 'types' })
    await sdk.map.facets({ types: ['report'] })
  })
})

describe('depth caps', () => {
  const relationOf = async (path: string, headers?: HeadersInit) => {
    const res = await get(route, path, headers)
    expect(res.status, await res.clone().text()).toBe(200)
    const body = (await res.json()) as { docs: { themes: unknown[] }[] }
    return body.docs.find((d) => d.themes.length > 0)!.themes[0]
  }

  it('should give an anonymous request without depth ids only (depth 0)', async () => {
    expect(typeof (await relationOf('/api/knowledge-products?limit=20'))).toBe('number')
    expect(typeof (await relationOf('/api/knowledge-products?limit=20&depth=1'))).toBe('object')
  })

  it(`should refuse an anonymous depth above ${ANONYMOUS_MAX_DEPTH} with a 400 naming depth`, async () => {
    for (const via of [route, cms.fetch as (r: Request) => Promise<Response>]) {
      const res = await get(via, '/api/knowledge-products?depth=2')
      expect(res.status).toBe(400)
      expect(JSON.stringify(await res.json())).toContain('depth')
    }
  })

  it('should let a signed-in editor ask for depth 2, up to maxDepth', async () => {
    const login = await cms.fetch(`${cms.baseUrl}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: world.users.editor.email, password: world.passwords.editor }),
    })
    expect(login.status).toBe(200)
    const { token } = (await login.json()) as { token: string }
    const me = await get(route, '/api/users/me', { Authorization: `JWT ${token}` })
    expect(JSON.stringify(await me.json())).toContain(world.users.editor.email)
    const auth = { Authorization: `JWT ${token}` }
    const res = await get(route, `/api/${COLLECTIONS.knowledgeProducts}?depth=2&limit=2`, auth)
    expect(res.status, await res.clone().text()).toBe(200)
    expect((await get(route, '/api/knowledge-products?depth=4', auth)).status).toBe(400)
  })
})

describe('GraphQL guard', () => {
  const post = (body: string, type = 'application/json') =>
    graphql(
      new Request(`${cms.baseUrl}/api/graphql`, {
        method: 'POST',
        body,
        headers: { 'content-type': type },
      }),
    )

  it.each([
    ['{', 'body'],
    ['[]', 'body'],
    ['{"query": 1}', 'query'],
    ['{"query": "{ Themes { docs { id } } }", "variables": "x"}', 'variables'],
    ['{"query": "{ Themes { docs { id } } }", "operationName": 3}', 'operationName'],
  ])('should answer %s with a 400 naming %s', async (body, param) => {
    const res = await post(body)
    expect(res.status).toBe(400)
    expect(((await res.json()) as { param: string }).param).toBe(param)
  })

  it('should answer a well-formed query', async () => {
    const res = await post('{"query": "{ Themes(limit: 2) { docs { title } } }"}')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { data: { Themes: { docs: unknown[] } } }
    expect(body.data.Themes.docs).toHaveLength(2)
    expect((await post('x', 'text/plain')).status).toBe(400)
  })
})

describe('aggregate endpoints: per-client rate limit', () => {
  const from = (xff: string | null, path = '/api/map/matrix?axis=types') =>
    get(cms.fetch as (r: Request) => Promise<Response>, path, xff ? { 'X-Forwarded-For': xff } : {})

  it(`should answer a client's request past ${AGGREGATE_LIMIT} a minute with 429 and Retry-After`, async () => {
    const client = '203.0.113.7'
    for (let i = 0; i < AGGREGATE_LIMIT; i++) {
      const path = i % 2 ? '/api/map/matrix' : '/api/map/facets?type=report'
      expect((await from(`10.0.0.5, ${client}`, path)).status).toBe(200)
    }
    const over = await from(client)
    expect(over.status).toBe(429)
    expect(over.headers.get('content-type')).toBe('application/problem+json')
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0)
    // A forged address on the left does not help: the rightmost public hop is the client.
    expect((await from(`198.51.100.99, ${client}`)).status).toBe(429)
    // Other clients, and the site's and export service's servers inside the network, go on.
    expect((await from('198.51.100.2')).status).toBe(200)
    expect((await from('10.1.2.3, 127.0.0.1')).status).toBe(200)
    expect((await from(null)).status).toBe(200)
  })

  it('should bound the facets query', async () => {
    const res = await from(null, `/api/map/facets?q=${'x'.repeat(9000)}`)
    expect(res.status).toBe(400)
  })
})
