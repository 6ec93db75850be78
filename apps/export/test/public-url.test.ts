/**
 * The exports name their source on the configured public origin: a client's Host header (or an
 * internal host behind a proxy) never ends up in an exported file.
 */
import ExcelJS from 'exceljs'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { appFor, binary, startSeededCms, type SeededCms } from './helpers.js'

let cms: SeededCms
beforeAll(async () => {
  cms = await startSeededCms()
})
afterAll(async () => cms?.close())

const PUBLIC = 'https://export.example.org'
const HOSTILE = 'evil.attacker.test'

describe('public URLs in exported files', () => {
  it('should write EXPORT_PUBLIC_URL, never the Host header, in every format that names its source', async () => {
    const app = appFor(cms, { EXPORT_PUBLIC_URL: `${PUBLIC}/` })
    for (const path of [
      '/v1/knowledge-products.json?type=report',
      '/v1/knowledge-products.bib',
      '/v1/learning-needs.json',
      '/v1/map.json',
    ]) {
      const res = await request(app).get(path).set('Host', HOSTILE).set('X-Forwarded-Host', HOSTILE)
      expect(res.status, path).toBe(200)
      expect(res.text, path).not.toContain(HOSTILE)
      expect(res.text, path).toContain(`${PUBLIC}${path.replace(/&/g, '&')}`)
    }
    const xlsx = await request(app)
      .get('/v1/knowledge-products.xlsx')
      .set('Host', HOSTILE)
      .buffer(true)
      .parse(binary)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body as never)
    const about = workbook.getWorksheet('About this export')!
    const source = about.getRow(6).getCell(2).value
    expect(source).toBe(`${PUBLIC}/v1/knowledge-products.xlsx`)
  })
})
