import { spawnSync } from 'node:child_process'

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  apaViewReference,
  asOfInstant,
  changeQuery,
  type CitableView,
  parseChangeFilter,
  productFilters,
  viewCitation,
} from '../src/index.js'

const view: CitableView = {
  title: 'The Knowledge Map: knowledge products',
  filters: 'theme: Civic space & {rights}; type: Toolkit',
  records: { count: 12, noun: 'knowledge product' },
  publisher: 'Partos',
  url: 'https://map.example.org/products?theme=civic-space&asOf=2026-12-01T10:15:07Z',
  accessed: new Date('2026-12-01T10:15:07.400Z'),
}

/** What bibutils (Debian's, the reference managers' converter) reads from a record. */
function bibutils(tool: 'ris2xml' | 'bib2xml', input: string): string {
  const r = spawnSync(`/usr/bin/${tool}`, [], { input, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr}`)
  return r.stdout
}

describe('dated views (asOf)', () => {
  it('should read a day as its last millisecond and a time as the end of its second', () => {
    expect(asOfInstant('2026-12-01')?.toISOString()).toBe('2026-12-01T23:59:59.999Z')
    expect(asOfInstant('2026-12-01T10:15:07Z')?.toISOString()).toBe('2026-12-01T10:15:07.999Z')
    expect(asOfInstant('2026-12-01T10:15:07.120Z')?.toISOString()).toBe('2026-12-01T10:15:07.120Z')
    for (const bad of ['2026-02-30', '2026-13-01', '2026-12-01T24:00:00Z', '1 Dec', '2026-12-1']) {
      expect(asOfInstant(bad), bad).toBeUndefined()
    }
  })

  it('should keep asOf in the canonical query and leave out records first published after it', () => {
    const f = productFilters.parse('asOf=2026-12-01&theme=b&theme=a')
    expect(productFilters.toSearchParams(f).toString()).toBe('theme=a&theme=b&asOf=2026-12-01')
    expect(JSON.stringify(productFilters.toPayloadWhere(f))).toContain(
      '{"firstPublishedAt":{"less_than_equal":"2026-12-01T23:59:59.999Z"}}',
    )
    expect(JSON.stringify(productFilters.toPayloadWhere({}))).not.toContain('firstPublishedAt')
  })

  it('should refuse an asOf that is not a date, naming the parameter', () => {
    const r = productFilters.safeParse('asOf=yesterday')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.issues[0]).toMatchObject({ param: 'asOf' })
    expect(productFilters.safeParse('asOf=1999-12-31').ok).toBe(false)
  })

  it('should round-trip any valid asOf through the query string', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.boolean(),
        (d, withTime) => {
          const asOf = withTime ? `${d.toISOString().slice(0, 19)}Z` : d.toISOString().slice(0, 10)
          const f = productFilters.parse({ asOf })
          expect(productFilters.parse(productFilters.toSearchParams(f))).toEqual(f)
          expect(asOfInstant(asOf)!.getTime()).toBeGreaterThanOrEqual(
            withTime ? Math.floor(d.getTime() / 1000) * 1000 : d.getTime(),
          )
        },
      ),
    )
  })
})

describe('the changelog filter', () => {
  it('should parse dates, themes and paging into one canonical query', () => {
    const r = parseChangeFilter('theme=b&to=2026-12-01&from=2026-11-01&theme=a&theme=b&page=2')
    expect(r).toEqual({
      ok: true,
      filter: { from: '2026-11-01', to: '2026-12-01', themes: ['a', 'b'], page: 2, limit: 20 },
      query: 'from=2026-11-01&to=2026-12-01&theme=a&theme=b&page=2',
    })
    expect(changeQuery({})).toBe('')
  })

  it('should never throw, and give back a canonical query that parses to the same filter', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('2026-12-01', '2026-02-30', 'a', 'civic-space', '0', '2', '101', ''),
    )
    const key = fc.constantFrom('from', 'to', 'theme', 'page', 'limit', 'x', 'asOf')
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 6 }), (pairs) => {
        const r = parseChangeFilter(new URLSearchParams(pairs))
        if (!r.ok) {
          expect(r.issues.length).toBeGreaterThan(0)
          return
        }
        const again = parseChangeFilter(r.query)
        expect(again).toEqual(r)
      }),
    )
  })

  it('should name each bad parameter', () => {
    const r = parseChangeFilter('from=2026-02-30&to=soon&theme=Not%20a%20slug&page=0&x=1')
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.issues.map((i) => i.param).sort()).toEqual(['from', 'page', 'theme', 'to', 'x'])
    }
    const reversed = parseChangeFilter('from=2026-12-02&to=2026-12-01')
    expect(reversed.ok ? [] : reversed.issues).toEqual([
      { param: 'to', message: 'The end date cannot be before the start date.' },
    ])
  })
})

describe('citing a view', () => {
  it('should write APA 7 for a data set: filters in words, count, retrieval date and permalink', () => {
    expect(viewCitation(view, 'apa')).toBe(
      'Partos. (2026). The Knowledge Map: knowledge products (theme: Civic space & {rights}; type: Toolkit) [Data set, 12 knowledge products]. Retrieved December 1, 2026, from https://map.example.org/products?theme=civic-space&asOf=2026-12-01T10:15:07Z',
    )
    expect(apaViewReference(view).title).toBe(
      'The Knowledge Map: knowledge products (theme: Civic space & {rights}; type: Toolkit)',
    )
  })

  it('should write RIS that bibutils reads with the permalink and the access date', () => {
    const ris = viewCitation(view, 'ris')
    expect(ris).toMatch(/^TY {2}- DATA\r\n/)
    const xml = bibutils('ris2xml', ris)
    expect(xml).toContain('<title>The Knowledge Map</title>')
    expect(xml).toContain('<subTitle>knowledge products (theme: Civic space &amp; {rights}')
    expect(xml).toContain('<dateIssued>2026</dateIssued>')
    expect(xml).toContain('Accessed 2026-12-01</note>')
    expect(xml).toContain(
      '<url>https://map.example.org/products?theme=civic-space&amp;asOf=2026-12-01T10:15:07Z</url>',
    )
  })

  it('should write BibTeX that bibutils reads, braces and ampersands escaped', () => {
    const bib = viewCitation(view, 'bibtex')
    expect(bib).toContain('urldate = {2026-12-01}')
    const xml = bibutils('bib2xml', bib)
    expect(xml).toContain('Civic space &amp; {rights}')
    expect(xml).toContain('asOf=2026-12-01T10:15:07Z</url>')
    expect(xml).toContain('<namePart>Partos</namePart>')
  })
})
