import { KnowledgeMapError, type Matrix } from '@repo/types'
import { DOMParser } from '@xmldom/xmldom'
import { describe, expect, it } from 'vitest'

import { bubbleFileName, bubbleSvgResponse, resolveCellLink } from '@/lib/bubbleFile'

import { buildMatrix, THEMES } from './helpers/matrices'

const matrix = buildMatrix([
  { key: 'civic-space', label: 'Civic space', cells: [{ confirmed: 2, suggested: 0 }] },
])

/** A reader that records what it was asked and answers `answer`. */
function reader(answer: () => Promise<Matrix>) {
  const calls: unknown[] = []
  return { calls, read: (params: unknown) => (calls.push(params), answer()) }
}

describe('/map.svg', () => {
  it('should answer the figure as an SVG file, read with the parsed parameters', async () => {
    const r = reader(async () => matrix)
    const res = await bubbleSvgResponse(
      new URLSearchParams('mode=suggested'),
      r.read,
      'https://map.example.org',
    )
    expect(r.calls).toEqual([{ axis: 'learning-needs', programme: undefined, mode: 'suggested' }])
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    const body = await res.text()
    expect(body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true)
    const doc = new DOMParser({
      onError: (level, message) => {
        throw new Error(`${level}: ${message}`)
      },
    }).parseFromString(body, 'text/xml')
    expect(doc.documentElement!.namespaceURI).toBe('http://www.w3.org/2000/svg')
    expect(body).toContain(
      'href="https://map.example.org/products?theme=gender-equality-and-inclusion&amp;need=civic-space"',
    )
  })

  it.each([
    ['axis=sideways', 'axis'],
    ['mode=suggested&axis=types', 'mode'],
    ['programme=Not a slug', 'programme'],
    ['colour=red', 'colour'],
    ['mode=confirmed&mode=suggested', 'mode'],
  ])(
    'should refuse %s with a 400 naming the parameter, without asking the CMS',
    async (query, param) => {
      const r = reader(async () => matrix)
      const res = await bubbleSvgResponse(new URLSearchParams(query), r.read)
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
      expect(await res.text()).toContain(`- ${param}: `)
      expect(r.calls).toEqual([])
    },
  )

  it('should pass on the CMS’s refusal in its own words, never its address', async () => {
    const refused = new KnowledgeMapError('The CMS answered 400: no.', {
      status: 400,
      code: 'bad_request',
      url: 'http://cms.internal:3000/api/map/matrix?programme=nope',
      details: { errors: [{ message: 'There is no programme with the slug "nope".' }] },
    })
    const res = await bubbleSvgResponse(
      new URLSearchParams('programme=nope'),
      reader(() => Promise.reject(refused)).read,
    )
    expect(res.status).toBe(400)
    const text = await res.text()
    expect(text).toBe('There is no programme with the slug "nope".\n')
  })

  it('should answer 503 when the CMS cannot answer, and let other errors through', async () => {
    const down = new KnowledgeMapError('Could not reach the CMS', { code: 'network_error' })
    const res = await bubbleSvgResponse(
      new URLSearchParams(),
      reader(() => Promise.reject(down)).read,
    )
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('60')
    await expect(
      bubbleSvgResponse(
        new URLSearchParams(),
        reader(() => Promise.reject(new TypeError('bug'))).read,
      ),
    ).rejects.toThrow('bug')
  })

  it('should name the file after the view', () => {
    expect(bubbleFileName(matrix)).toBe('knowledge-map-learning-needs.svg')
    expect(
      bubbleFileName({
        axis: 'types',
        programme: { id: 1, slug: 'scs', name: 'SCS' },
        mode: 'confirmed',
      }),
    ).toBe('knowledge-map-types-scs.svg')
    expect(bubbleFileName({ ...matrix, mode: 'suggested' })).toBe(
      'knowledge-map-learning-needs-suggested.svg',
    )
  })
})

describe('short cell links', () => {
  it('should resolve a need id and a theme id to the row and theme, and nothing else', () => {
    const row = matrix.rows[0]!
    expect(resolveCellLink(matrix, String(row.id), String(THEMES[0]!.id))).toEqual({
      row,
      theme: matrix.themes[0],
    })
    expect(resolveCellLink(matrix, '999', String(THEMES[0]!.id))).toBeNull()
    expect(resolveCellLink(matrix, String(row.id), 'gender-equality-and-inclusion')).toBeNull()
    expect(resolveCellLink(matrix, '', '')).toBeNull()
  })
})
