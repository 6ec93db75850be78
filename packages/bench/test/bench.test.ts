import { productFilters } from '@repo/types'
import { describe, expect, it } from 'vitest'

import { combinations, payloadUrl } from '../src/api.js'
import { listingSql, orderSql, whereSql } from '../src/raw-sql.js'
import { median, percentile, ratio, round, summarise } from '../src/stats.js'

describe('stats', () => {
  it('should take percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(percentile(values, 50)).toBe(50)
    expect(percentile(values, 95)).toBe(95)
    expect(percentile([7], 95)).toBe(7)
    expect(median([3, 1, 2])).toBe(2)
    expect(Number.isNaN(percentile([], 50))).toBe(true)
  })

  it('should summarise and round', () => {
    expect(summarise([1, 2, 3, 4])).toEqual({ n: 4, p50: 2, p95: 4, min: 1, max: 4 })
    expect(round(1.23456)).toBe(1.23)
    expect(round(12.345)).toBe(12.3)
    expect(round(123.45)).toBe(123)
    expect(ratio(6, 2)).toBe(3)
    expect(Number.isNaN(ratio(1, 0))).toBe(true)
  })
})

describe('the raw driver listing', () => {
  it('should order with the id tie-breaker in the sort’s direction, like the SDK', () => {
    expect(orderSql('-year')).toBe('kp.year DESC, kp.id DESC')
    expect(orderSql('title')).toBe('kp.title ASC, kp.id ASC')
    expect(productFilters.toPayloadSort({ sort: '-year' })).toBe('-year,-id')
  })

  it('should bind one argument per placeholder for every benchmarked combination', () => {
    for (const filter of Object.values(combinations('a-need'))) {
      const f = productFilters.normalise(filter)
      const q = listingSql(f)
      for (const s of [q.count, q.page]) {
        expect(s.sql.split('?').length - 1).toBe(s.args.length)
      }
      expect(whereSql(f).sql).toContain(`kp._status = 'published'`)
    }
  })

  it('should match every word of the text query in the title or the summary', () => {
    const w = whereSql(productFilters.normalise({ q: 'land rights' }))
    expect(w.args).toEqual(['%land%', '%rights%', '%land%', '%rights%'])
  })
})

describe('the Payload side', () => {
  it('should request what the SDK requests: the filter’s where, sort, limit and select', () => {
    const url = new URL(payloadUrl('http://cms', { themes: ['t'], sort: 'title' }))
    expect(url.pathname).toBe('/api/knowledge-products')
    expect(url.searchParams.get('sort')).toBe('title,id')
    expect(url.searchParams.get('limit')).toBe('20')
    expect(JSON.parse(url.searchParams.get('where')!)).toEqual({ 'themes.slug': { in: ['t'] } })
    expect(url.searchParams.get('select[title]')).toBe('true')
  })
})
