import { describe, expect, it } from 'vitest'

import { coins, highwireTags } from '../src/index.js'

const report = {
  title: 'Civic space\nunder pressure',
  slug: 'civic-space',
  type: 'report' as const,
  year: 2021,
  organisations: [{ name: 'Partos' }, { name: 'The Broker' }],
  file: { url: '/api/media/file/report.pdf', mimeType: 'application/pdf' },
  languages: ['en'],
}
const options = { baseUrl: 'https://cms.example.org', siteUrl: 'https://map.example.org' }

describe('Highwire tags and COinS', () => {
  it('should give title, authors, date, institution and the PDF of a report', () => {
    expect(highwireTags(report, options)).toEqual({
      citation_title: 'Civic space under pressure',
      citation_author: ['Partos', 'The Broker'],
      citation_publication_date: '2021',
      citation_technical_report_institution: 'Partos',
      citation_pdf_url: 'https://cms.example.org/api/media/file/report.pdf',
      citation_public_url: 'https://cms.example.org/api/media/file/report.pdf',
      citation_language: 'en',
    })
  })

  it('should name a publisher (not an institution) for a toolkit, and no PDF without a file', () => {
    const tool = { ...report, type: 'toolkit' as const, file: null, organisations: [] }
    const tags = highwireTags({ ...tool, partnerships: [{ name: 'Every Voice Counts' }] }, options)
    expect(tags).toMatchObject({ citation_publisher: 'Every Voice Counts' })
    expect(tags.citation_pdf_url).toBeUndefined()
    expect(tags.citation_public_url).toBe('https://map.example.org/products/civic-space')
  })

  it('should write an OpenURL context object for COinS', () => {
    const q = new URLSearchParams(coins(report, options))
    expect(q.get('ctx_ver')).toBe('Z39.88-2004')
    expect(q.get('rft.genre')).toBe('report')
    expect(q.get('rft.btitle')).toBe('Civic space under pressure')
    expect(q.getAll('rft.aucorp')).toEqual(['Partos', 'The Broker'])
    expect(q.get('rft.date')).toBe('2021')
    expect(q.get('rft_id')).toBe('https://cms.example.org/api/media/file/report.pdf')
  })
})
