import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { apaReference, citation, type CitableProduct, PRODUCT_TYPE_VALUES } from '../src/index.js'

const product: CitableProduct = {
  title: 'Civic Space under Pressure: 100% & rising_fast',
  slug: 'civic-space-under-pressure',
  type: 'report',
  year: 2021,
  summary: 'How civil society\nresponds.',
  organisations: [{ name: 'Partos' }, { name: 'The Broker' }],
  partnerships: [{ name: 'Every Voice Counts' }],
  externalUrl: 'https://example.org/report.pdf',
  keywords: ['civic space'],
  languages: ['en'],
}

/** Text made of what BibTeX and LaTeX treat specially, lone braces first. */
const texHostile = fc.string({
  unit: fc.constantFrom(
    '{',
    '}',
    '\\',
    '&',
    '%',
    '$',
    '#',
    '_',
    '~',
    '^',
    '@',
    '"',
    ',',
    ' ',
    'a',
    '\n',
  ),
  minLength: 1,
  maxLength: 12,
})

describe('citation', () => {
  it('should write APA 7 with group authors, year and link, and no description on a report', () => {
    expect(citation(product, 'apa')).toBe(
      'Partos & The Broker. (2021). Civic Space under Pressure: 100% & rising_fast. https://example.org/report.pdf',
    )
    const three = { ...product, organisations: [...product.organisations!, { name: 'Oxfam' }] }
    expect(citation(three, 'apa')).toMatch(/^Partos, The Broker, & Oxfam\. \(2021\)\. /)
  })

  it('should describe a data set as [Data set] and keep the title apart for italics', () => {
    const data = { ...product, type: 'dataset' as const, title: 'Civic space index' }
    expect(citation(data, 'apa')).toBe(
      'Partos & The Broker. (2021). Civic space index [Data set]. https://example.org/report.pdf',
    )
    expect(apaReference(data)).toEqual({
      before: 'Partos & The Broker. (2021). ',
      title: 'Civic space index',
      after: ' [Data set]. https://example.org/report.pdf',
    })
  })

  it('should fall back to the partnership as author and n.d. without a year', () => {
    const p = { ...product, organisations: [], year: null, externalUrl: null }
    expect(citation(p, 'apa')).toBe(
      'Every Voice Counts. (n.d.). Civic Space under Pressure: 100% & rising_fast.',
    )
    const anonymous = { ...p, partnerships: [], type: 'toolkit' as const }
    expect(citation(anonymous, 'apa')).toBe(
      'Civic Space under Pressure: 100% & rising_fast [Toolkit]. (n.d.).',
    )
    const question = { ...anonymous, type: 'report' as const, title: 'Who decides?' }
    expect(citation(question, 'apa')).toBe('Who decides? (n.d.).')
  })

  it('should cite a product without link or file by its page on the map, in every style', () => {
    const p = { ...product, externalUrl: null, file: null }
    const options = { siteUrl: 'https://map.example.org/' }
    const page = 'https://map.example.org/products/civic-space-under-pressure'
    expect(citation(p, 'apa', options)).toMatch(new RegExp(`${page}$`))
    expect(citation(p, 'ris', options)).toContain(`UR  - ${page}\r\n`)
    expect(citation(p, 'bibtex', options)).toContain(`  url = {${page}},`)
    // The external link wins over the page.
    expect(citation(product, 'ris', options)).toContain('UR  - https://example.org/report.pdf')
  })

  it('should write an RIS record with CRLF line ends', () => {
    const ris = citation(product, 'ris')
    expect(ris.split('\r\n')).toEqual([
      'TY  - RPRT',
      'TI  - Civic Space under Pressure: 100% & rising_fast',
      'AU  - Partos',
      'AU  - The Broker',
      'PY  - 2021',
      'PB  - Partos',
      'AB  - How civil society responds.',
      'KW  - civic space',
      'LA  - en',
      'UR  - https://example.org/report.pdf',
      'M3  - Report',
      'ER  -',
      '',
    ])
  })

  it('should write BibTeX with special characters escaped and organisations kept whole', () => {
    const bib = citation(product, 'bibtex')
    expect(bib).toBe(
      [
        '@techreport{civic_space_under_pressure_2021,',
        '  title = {{Civic Space under Pressure: 100\\% \\& rising\\_fast}},',
        '  author = {{Partos} and {The Broker}},',
        '  year = {2021},',
        '  institution = {Partos},',
        '  url = {https://example.org/report.pdf},',
        '  note = {Report},',
        '  keywords = {civic space}',
        '}',
        '',
      ].join('\n'),
    )
  })

  it('should make a relative file URL absolute when given a base URL', () => {
    const p = { ...product, externalUrl: null, file: { url: '/api/media/file/x.pdf' } }
    expect(citation(p, 'apa', { baseUrl: 'https://cms.example.org' })).toContain(
      'https://cms.example.org/api/media/file/x.pdf',
    )
  })

  it('should keep BibTeX braces balanced for any title and author', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ minLength: 1 }), texHostile),
        fc.array(fc.oneof(fc.string({ minLength: 1 }), texHostile), { maxLength: 3 }),
        fc.constantFrom(...PRODUCT_TYPE_VALUES),
        (title, names, type) => {
          const bib = citation(
            { ...product, title, type, organisations: names.map((name) => ({ name })) },
            'bibtex',
          )
          // BibTeX counts every brace, escaped or not (`\\{` too), so this does as well.
          let depth = 0
          for (let i = 0; i < bib.length; i++) {
            if (bib[i] === '{') depth++
            if (bib[i] === '}') depth--
            expect(depth).toBeGreaterThanOrEqual(0)
          }
          expect(depth).toBe(0)
          // RIS: one tag per line, whatever the input's line breaks.
          const ris = citation({ ...product, title, type }, 'ris')
          for (const line of ris.split('\r\n').slice(0, -1))
            expect(line).toMatch(/^[A-Z][A-Z0-9] {2}-/)
        },
      ),
    )
  })
})
