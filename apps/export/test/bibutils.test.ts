/**
 * The citation exports, read by the tools reference managers build on: Debian's bibutils
 * (`ris2xml`, `bib2xml`) convert the full RIS and BibTeX exports to MODS XML, and every record
 * must come out with its title, a URL and, where known, its year. bibutils is a system package
 * (`apt-get install bibutils`); without it this test fails, it does not skip.
 */
import { spawnSync } from 'node:child_process'

import type { Product } from '@repo/types'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  addProducts,
  addTrickyProducts,
  appFor,
  listAll,
  startSeededCms,
  type SeededCms,
} from './helpers.js'

const SITE = 'https://site.test'

let cms: SeededCms
beforeAll(async () => {
  for (const tool of ['ris2xml', 'bib2xml']) {
    const found = spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0
    if (!found)
      throw new Error(`${tool} is missing: install Debian's bibutils (apt-get install bibutils).`)
  }
  cms = await startSeededCms()
  await addTrickyProducts(cms)
  await addProducts(cms, [
    { title: 'One lone { brace', slug: 'test-lone-brace', year: 2020 },
    { title: 'A closing } first', slug: 'test-closing-brace' },
    { title: 'Backslash \\{ and 50% of $5 & #1_a~b^c', slug: 'test-tex-specials', year: 2019 },
    { title: 'No link, no year', slug: 'test-no-link', type: 'dataset' },
  ])
})
afterAll(async () => {
  await cms?.close()
})

type ModsRecord = { id: string; title: string; url: string[]; year?: string }

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

/** The top-level records of bibutils' MODS output (its layout is fixed: one element a line). */
function readMods(xml: string): ModsRecord[] {
  const records = xml.split(/<mods ID="/).slice(1)
  return records.map((r) => {
    const id = decode(r.slice(0, r.indexOf('"')))
    const title = /<title>([^<]*)<\/title>/.exec(r)?.[1]
    const subTitle = /<subTitle>([^<]*)<\/subTitle>/.exec(r)?.[1]
    return {
      id,
      title: decode([title, subTitle].filter((x) => x !== undefined).join(': ')),
      url: [...r.matchAll(/<url>([^<]*)<\/url>/g)].map((m) => decode(m[1]!)),
      year: /<dateIssued>(\d{4})/.exec(r)?.[1],
    }
  })
}

function convert(tool: 'ris2xml' | 'bib2xml', input: string): { xml: string; log: string } {
  const run = spawnSync(tool, ['-i', 'utf8', '-o', 'utf8'], { input, encoding: 'utf8' })
  if (run.error) throw run.error
  expect(run.status, run.stderr).toBe(0)
  return { xml: run.stdout, log: run.stderr }
}

/** Letters and digits only: bibutils splits titles at ':' and renders TeX commands its way. */
const skeleton = (s: string) =>
  s
    .replace(/\\textbackslash/g, '')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]/gu, '')

const pageOf = (p: Product) => `${SITE}/products/${encodeURIComponent(p.slug)}`

async function allProducts(): Promise<Product[]> {
  return listAll((page) => cms.client.products.list({ page, limit: 100 }))
}

describe('citation exports read by bibutils', () => {
  it('should be a bibutils install the test can use', () => {
    const run = spawnSync('bib2xml', ['--version'], { encoding: 'utf8' })
    expect(`${run.stdout}${run.stderr}`).toMatch(/bibutils suite version/)
  })

  it.each(['ris', 'bib'] as const)(
    'should give every record of the full .%s export a title, a URL and its year',
    async (ext) => {
      const expected = await allProducts()
      const app = appFor(cms, { SITE_URL: SITE, EXPORT_PAGE_SIZE: '7' })
      const res = await request(app).get(`/v1/knowledge-products.${ext}`)
      expect(res.status).toBe(200)
      const { xml, log } = convert(ext === 'ris' ? 'ris2xml' : 'bib2xml', res.text)
      expect(log).toContain(`Processed ${expected.length} references`)
      const records = readMods(xml)
      expect(records).toHaveLength(expected.length)
      const missing: string[] = []
      for (const [i, p] of expected.entries()) {
        const r = records[i]!
        if (skeleton(r.title) !== skeleton(p.title)) missing.push(`${p.slug}: title ${r.title}`)
        if (!r.url.includes(p.externalUrl ?? pageOf(p))) missing.push(`${p.slug}: url ${r.url}`)
        if (p.year && r.year !== String(p.year)) missing.push(`${p.slug}: year ${r.year}`)
      }
      expect(missing).toEqual([])
      expect(expected.some((p) => !p.externalUrl)).toBe(true)
    },
  )
})
