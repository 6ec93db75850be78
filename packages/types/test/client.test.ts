import { describe, expect, it } from 'vitest'

import {
  createClient,
  KnowledgeMapError,
  ProductSchema,
  restQuery,
  ThemeRefSchema,
} from '../src/index.js'

describe('restQuery', () => {
  it('should ask for bounded payloads: depth, the schema fields, populate selects, where as JSON', () => {
    const params = restQuery('learning-needs', {
      mode: 'list',
      where: { 'themes.slug': { in: ['a'] } },
      sort: 'title,id',
      limit: 10,
      page: 2,
    })
    expect(params.get('depth')).toBe('1')
    expect(JSON.parse(params.get('where')!)).toEqual({ 'themes.slug': { in: ['a'] } })
    expect(params.get('populate[themes][slug]')).toBe('true')
    expect(params.get('populate[knowledge-products][title]')).toBe('true')
    expect(params.get('select[title]')).toBe('true')
    expect(params.get('select[coverage]')).toBe('true')
    // Lists leave out the unbounded history; join fields are never selected.
    expect(params.has('select[coverageHistory]')).toBe(false)
    expect(params.has('select[addressedBy]')).toBe(false)
    expect(params.has('select[id]')).toBe(false)
    expect(params.has('draft')).toBe(false)
    const get = restQuery('learning-needs', { mode: 'get', draft: true })
    expect(get.get('select[coverageHistory]')).toBe('true')
    expect(get.get('draft')).toBe('true')
    expect(restQuery('themes', { mode: 'list' }).get('depth')).toBe('0')
  })
})

describe('createClient', () => {
  it('should build URLs under the API path and never send credentials for published reads', async () => {
    const seen: { url: string; auth: string | null; credentials?: RequestCredentials }[] = []
    const client = createClient({
      baseUrl: 'https://cms.example.org/',
      apiKey: 'secret',
      headers: { Cookie: 'payload-token=x' },
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        const headers = new Headers(init?.headers)
        seen.push({
          url: String(input),
          auth: headers.get('authorization') ?? headers.get('cookie'),
          credentials: init?.credentials,
        })
        return new Response('not json', { status: 200 })
      }) as typeof fetch,
    })
    const err = await client.themes.list().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(KnowledgeMapError)
    expect((err as KnowledgeMapError).code).toBe('invalid_json')
    await client.themes.list(undefined, { draft: true }).catch(() => undefined)
    expect(seen[0]!.url.startsWith('https://cms.example.org/api/themes?')).toBe(true)
    expect(seen[0]!.auth).toBeNull()
    expect(seen[0]!.credentials).toBe('omit')
    expect(seen[1]!.auth).toBe('users API-Key secret')
  })

  it('should ask links for slugs and dates only: depth 0, by id, one page', async () => {
    const urls: URL[] = []
    const client = createClient({
      baseUrl: 'https://cms.example.org',
      fetch: (async (input: RequestInfo | URL) => {
        urls.push(new URL(String(input)))
        return Response.json({
          docs: [{ id: 7, slug: 'a-product', updatedAt: '2026-01-02T03:04:05.000Z' }],
          totalDocs: 1,
          limit: 500,
          page: 3,
          totalPages: 1,
          hasNextPage: false,
          hasPrevPage: true,
        })
      }) as typeof fetch,
    })
    const page = await client.products.links({ page: 3, limit: 10_000 })
    expect(page.docs).toEqual([{ id: 7, slug: 'a-product', updatedAt: '2026-01-02T03:04:05.000Z' }])
    const params = urls[0]!.searchParams
    expect(urls[0]!.pathname).toBe('/api/knowledge-products')
    expect(Object.fromEntries(params)).toEqual({
      depth: '0',
      sort: 'id',
      limit: '500',
      page: '3',
      'select[slug]': 'true',
      'select[updatedAt]': 'true',
    })
    const bad = await client.themes.links({ page: 0, limit: 10 }).catch((e: unknown) => e)
    expect((bad as KnowledgeMapError).code).toBe('invalid_filter')
  })

  it('should turn a failing fetch into a network_error with status 0', async () => {
    const client = createClient({
      baseUrl: 'http://localhost:1',
      fetch: (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch,
    })
    const err = (await client.map.matrix().catch((e: unknown) => e)) as KnowledgeMapError
    expect(err).toBeInstanceOf(KnowledgeMapError)
    expect(err.code).toBe('network_error')
    expect(err.status).toBe(0)
    expect(err.url).toBe('http://localhost:1/api/map/matrix?axis=learning-needs')
  })
})

describe('schemas', () => {
  const product = {
    id: 'abc123',
    slug: 'p',
    title: 'P',
    type: 'report',
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  }
  const theme = { id: 1, slug: 't', title: 'T', colour: '#1f5f8b' }

  it('should accept string (MongoDB) and number (SQLite) ids', () => {
    expect(ProductSchema.parse(product).id).toBe('abc123')
    expect(ProductSchema.parse({ ...product, id: 7 }).id).toBe(7)
    expect(ThemeRefSchema.safeParse({ ...theme, id: 1.5 }).success).toBe(false)
  })

  it('should drop unreadable related records and default empty lists', () => {
    const parsed = ProductSchema.parse({ ...product, themes: [theme, 42], file: 9 })
    expect(parsed.themes).toEqual([theme])
    expect(parsed.file).toBeNull()
    expect(parsed.languages).toEqual([])
    expect(parsed.partnerships).toEqual([])
  })

  it('should reject values the CMS cannot hold', () => {
    expect(ProductSchema.safeParse({ ...product, type: 'novel' }).success).toBe(false)
    expect(ProductSchema.safeParse({ ...product, languages: ['xx'] }).success).toBe(false)
    expect(ProductSchema.safeParse({ ...product, title: undefined }).success).toBe(false)
  })
})
