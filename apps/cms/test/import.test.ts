import { COLLECTIONS } from '@repo/types'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { IMPORT_MAX_BYTES } from '../src/import/parse'
import { IMPORT_BATCH_ROWS, type ImportReport, runImport } from '../src/import/run'
import type { KnowledgeProduct } from '../src/payload-types'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'
import { buildWorld, type World } from './helpers/world'

const csv = (rows: (string | number)[][]) =>
  rows
    .map((r) =>
      r
        .map((c) => {
          const s = String(c)
          return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
        })
        .join(','),
    )
    .join('\r\n')

const PRODUCT_HEADER = ['Title', 'Type', 'Year', 'Partnerships', 'Languages', 'Summary', 'Status']

describeEachDatabase('bulk import', (kind) => {
  let cms: TestCms
  let world: World
  let editorToken: string
  let contributorToken: string

  beforeAll(async () => {
    cms = await startCms(kind)
    world = await buildWorld(cms.payload)
    const login = async (role: 'editor' | 'contributorA') => {
      const res = await cms.fetch(`${cms.baseUrl}/api/users/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: world.users[role].email, password: world.passwords[role] }),
      })
      return ((await res.json()) as { token: string }).token
    }
    editorToken = await login('editor')
    contributorToken = await login('contributorA')
  })
  afterAll(async () => cms?.close())

  const upload = (
    name: string,
    data: Buffer | string,
    query: string,
    token: string | undefined = editorToken,
    type = 'text/csv',
  ) => {
    const form = new FormData()
    form.append(
      'file',
      new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type }),
      name,
    )
    return cms.fetch(`${cms.baseUrl}/api/import?${query}`, {
      method: 'POST',
      headers: token ? { Authorization: `JWT ${token}` } : {},
      body: form,
    })
  }
  const countProducts = async (prefix: string) =>
    (
      await cms.payload.count({
        collection: COLLECTIONS.knowledgeProducts,
        where: { title: { like: prefix } },
      })
    ).totalDocs

  it('should dry-run a good file without writing, then commit it with every value in place', async () => {
    const file = csv([
      PRODUCT_HEADER,
      ['Good toolkit one', 'Toolkit', 2019, 'Partnership A', 'English; fr', 'First', 'published'],
      ['Good report two', 'report', '2021', 'partnership-a', '', 'Second', ''],
      ['Good case three', 'Case study', '', 'Partnership A; Partnership B', 'Swahili', '', 'Draft'],
    ])
    const dry = await upload('good.csv', file, 'collection=knowledge-products&dryRun=1')
    expect(dry.status).toBe(200)
    const report = (await dry.json()) as ImportReport
    expect(report).toMatchObject({ ok: true, dryRun: true, committed: false })
    expect(report.sections[0]).toMatchObject({ rows: 3, create: 3, update: 0 })
    expect(await countProducts('Good ')).toBe(0)

    const commit = await upload('good.csv', file, 'collection=knowledge-products&commit=1')
    expect(commit.status).toBe(200)
    expect(((await commit.json()) as ImportReport).committed).toBe(true)

    const { docs } = await cms.payload.find({
      collection: COLLECTIONS.knowledgeProducts,
      where: { title: { like: 'Good ' } },
      draft: true,
      sort: 'title',
      depth: 0,
    })
    const bySlug = Object.fromEntries(docs.map((d) => [d.slug, d])) as Record<
      string,
      KnowledgeProduct
    >
    expect(bySlug['good-toolkit-one']).toMatchObject({
      type: 'toolkit',
      year: 2019,
      languages: ['en', 'fr'],
      partnerships: [world.partnershipA],
      summary: 'First',
      _status: 'published',
      reviewStatus: 'published',
    })
    expect(bySlug['good-report-two']).toMatchObject({ year: 2021, _status: 'draft' })
    expect(bySlug['good-case-three']!.partnerships).toEqual([
      world.partnershipA,
      world.partnershipB,
    ])
    expect(bySlug['good-case-three']!.type).toBe('case-study')

    // Re-importing the same file (with one summary changed) updates by slug, no duplicates.
    const again = csv([
      PRODUCT_HEADER,
      ['Good toolkit one', 'Toolkit', 2019, 'Partnership A', 'English; fr', 'Revised', 'published'],
      ['Good report two', 'report', '2021', 'partnership-a', '', 'Second', ''],
      ['Good case three', 'Case study', '', 'Partnership A; Partnership B', 'Swahili', '', 'Draft'],
    ])
    const second = await upload('good.csv', again, 'collection=knowledge-products&commit=1')
    const secondReport = (await second.json()) as ImportReport
    expect(secondReport.committed).toBe(true)
    expect(secondReport.sections[0]).toMatchObject({ create: 0, update: 3 })
    expect(await countProducts('Good ')).toBe(3)
    const revised = await cms.payload.find({
      collection: COLLECTIONS.knowledgeProducts,
      where: { slug: { equals: 'good-toolkit-one' } },
      depth: 0,
    })
    expect(revised.totalDocs).toBe(1)
    expect(revised.docs[0]!.summary).toBe('Revised')
  })

  it('should report the one bad row of 1,000 by row and column, and write nothing', async () => {
    const rows: (string | number)[][] = [PRODUCT_HEADER]
    for (let i = 1; i <= 1000; i++) {
      rows.push([
        `Bulk item ${i}`,
        'report',
        i === 11 ? 2200 : 2000 + (i % 20),
        'Partnership A',
        '',
        '',
        '',
      ])
    }
    const file = csv(rows)
    const dry = await upload('bulk.csv', file, 'collection=knowledge-products&dryRun=1')
    const report = (await dry.json()) as ImportReport
    expect(report.ok).toBe(false)
    expect(report.sections[0]).toMatchObject({ rows: 1000 })
    expect(report.issues.map((i) => i.text)).toEqual([
      'row 12, column Year: expected a number between 1990 and 2100',
    ])
    const commit = await upload('bulk.csv', file, 'collection=knowledge-products&commit=1')
    expect(commit.status).toBe(422)
    expect(((await commit.json()) as ImportReport).committed).toBe(false)
    expect(await countProducts('Bulk item')).toBe(0)
  })

  it('should stream progress for a large file when asked for NDJSON', async () => {
    const rows: (string | number)[][] = [PRODUCT_HEADER]
    for (let i = 1; i <= 400; i++)
      rows.push([`Stream item ${i}`, 'report', 2010, 'Partnership A', '', '', ''])
    const form = new FormData()
    form.append('file', new Blob([csv(rows)], { type: 'text/csv' }), 'stream.csv')
    const res = await cms.fetch(`${cms.baseUrl}/api/import?collection=knowledge-products`, {
      method: 'POST',
      headers: { Authorization: `JWT ${editorToken}`, Accept: 'application/x-ndjson' },
      body: form,
    })
    expect(res.headers.get('content-type')).toContain('application/x-ndjson')
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { type: string; done?: number; total?: number; report?: ImportReport },
      )
    const progress = lines.filter((l) => l.type === 'progress')
    expect(progress.map((p) => p.done)).toEqual([100, 200, 300, 400])
    expect(progress.every((p) => p.total === 400)).toBe(true)
    expect(lines.at(-1)).toMatchObject({ type: 'report', report: { ok: true, dryRun: true } })
  })

  it('should name references that do not resolve, and duplicate slugs within the file', async () => {
    const file = csv([
      ['title', 'type', 'partnerships', 'learning needs'],
      ['Ref one', 'report', 'No Such Partnership', ''],
      ['Ref two', 'report', 'Partnership A', 'missing-need'],
      ['Ref one', 'tool', 'Partnership A', ''],
    ])
    const report = (await (
      await upload('refs.csv', file, 'collection=knowledge-products')
    ).json()) as ImportReport
    expect(report.issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'partnerships'],
      [3, 'learning needs'],
      [4, 'title'],
    ])
    expect(report.issues[0]!.message).toContain('no partnership is named “No Such Partnership”')
    expect(report.issues[2]!.message).toContain('as row 2')
  })

  it('should import XLSX formulas as their saved values, never evaluating them', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('knowledge-products')
    sheet.addRow(['title', 'type', 'year', 'partnerships'])
    sheet.addRow([
      { formula: 'CONCATENATE("Formula ","toolkit")', result: 'Formula toolkit' },
      'toolkit',
      // The saved result is what counts, even where evaluating the formula would differ.
      { formula: '1+1', result: 2015 },
      'Partnership A',
    ])
    sheet.addRow([
      'Formula report',
      'report',
      { formula: 'YEAR(TODAY())', result: undefined },
      'Partnership A',
    ])
    const withMissing = Buffer.from(await workbook.xlsx.writeBuffer())
    const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    const first = (await (
      await upload('formulas.xlsx', withMissing, 'collection=knowledge-products', editorToken, type)
    ).json()) as ImportReport
    expect(first.issues).toHaveLength(1)
    expect(first.issues[0]).toMatchObject({ row: 3, column: 'year' })
    expect(first.issues[0]!.message).toContain('never calculates formulas')

    sheet.spliceRows(3, 1)
    const clean = Buffer.from(await workbook.xlsx.writeBuffer())
    const res = await upload(
      'formulas.xlsx',
      clean,
      'collection=knowledge-products&commit=1',
      editorToken,
      type,
    )
    expect(((await res.json()) as ImportReport).committed).toBe(true)
    const { docs } = await cms.payload.find({
      collection: COLLECTIONS.knowledgeProducts,
      where: { slug: { equals: 'formula-toolkit' } },
      draft: true,
      depth: 0,
    })
    expect(docs[0]).toMatchObject({ title: 'Formula toolkit', year: 2015, type: 'toolkit' })
  })

  it('should import a workbook of several sheets in order, resolving names created earlier in it', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Knowledge products').addRows([
      ['title', 'type', 'partnerships', 'organisations'],
      ['Sheet product', 'method', 'Workbook Partnership', 'Workbook Org'],
    ])
    workbook.addWorksheet('Partnerships').addRows([
      ['name', 'programme', 'lead', 'members'],
      ['Workbook Partnership', 'Test programme', 'Workbook Org', 'Workbook Org; Second Org'],
    ])
    workbook.addWorksheet('Organisations').addRows([
      ['name', 'kind', 'website'],
      ['Workbook Org', 'Knowledge institute', 'https://example.org'],
      ['Second Org', 'cso', ''],
    ])
    workbook.addWorksheet('Notes').addRow(['free text'])
    const data = Buffer.from(await workbook.xlsx.writeBuffer())
    const report = await runImport(cms.payload, {
      file: { name: 'workbook.xlsx', data },
      commit: true,
      user: world.users.editor,
    })
    expect(report.issues).toEqual([])
    expect(report.committed).toBe(true)
    expect(report.sections.map((s) => s.collection)).toEqual([
      'organisations',
      'partnerships',
      'knowledge-products',
    ])
    expect(report.warnings.join(' ')).toContain('Notes')
    const partnership = (
      await cms.payload.find({
        collection: COLLECTIONS.partnerships,
        where: { slug: { equals: 'workbook-partnership' } },
        depth: 1,
      })
    ).docs[0]!
    expect(typeof partnership.lead === 'object' && partnership.lead?.name).toBe('Workbook Org')
    expect(partnership.members).toHaveLength(2)
    const product = (
      await cms.payload.find({
        collection: COLLECTIONS.knowledgeProducts,
        where: { slug: { equals: 'sheet-product' } },
        draft: true,
        depth: 0,
      })
    ).docs[0]!
    expect(product.partnerships).toEqual([partnership.id])
  })

  it('should roll back every row written when a later write fails', async () => {
    // Contributor A may create drafts for partnership A but not B: the second row fails at write
    // time (after the dry run passed), and the first row must not survive.
    const file = csv([
      ['title', 'type', 'partnerships'],
      ['Rollback first', 'report', 'Partnership A'],
      ['Rollback second', 'report', 'Partnership B'],
    ])
    const report = await runImport(cms.payload, {
      file: { name: 'rollback.csv', data: Buffer.from(file) },
      collection: COLLECTIONS.knowledgeProducts,
      commit: true,
      user: world.users.contributorA,
    })
    expect(report.committed).toBe(false)
    expect(report.issues).toHaveLength(1)
    expect(report.issues[0]).toMatchObject({ row: 3, column: 'partnerships' })
    if (report.atomic) expect(await countProducts('Rollback')).toBe(0)
    else expect(kind).toBe('mongodb')
  })

  it('should commit in batches, keep the batches before a failure, and complete on a re-run', async () => {
    const rows = Array.from({ length: IMPORT_BATCH_ROWS * 2 + 20 }, (_, i) => [
      `Batch row ${String(i + 1).padStart(3, '0')}`,
      'report',
      `batch-row-${i + 1}`,
      'Partnership A',
    ])
    // Contributor A may not write for partnership B: this row fails at write time, in batch 3.
    const bad = IMPORT_BATCH_ROWS * 2 + 5
    const broken = rows.map((r, i) => (i === bad ? [r[0]!, r[1]!, r[2]!, 'Partnership B'] : r))
    const header = ['title', 'type', 'slug', 'partnerships']
    const run = (data: string[][]) =>
      runImport(cms.payload, {
        file: { name: 'batches.csv', data: Buffer.from(csv([header, ...data])) },
        collection: COLLECTIONS.knowledgeProducts,
        commit: true,
        user: world.users.contributorA,
      })
    const first = await run(broken)
    expect(first.committed).toBe(false)
    expect(first.issues[0]).toMatchObject({ row: bad + 2, column: 'partnerships' })
    if (!first.atomic) return expect(kind).toBe('mongodb')
    expect(first.written).toBe(IMPORT_BATCH_ROWS * 2)
    expect(await countProducts('Batch row')).toBe(IMPORT_BATCH_ROWS * 2)

    const second = await run(rows)
    expect(second.committed).toBe(true)
    expect(second.written).toBe(rows.length)
    expect(second.sections[0]).toMatchObject({ create: 20, update: IMPORT_BATCH_ROWS * 2 })
    expect(await countProducts('Batch row')).toBe(rows.length)
  })

  it('should refuse a published row over unpublished changes, naming the row', async () => {
    const product = await cms.payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: {
        title: 'Reviewed toolkit',
        type: 'toolkit',
        partnerships: [world.partnershipA as number],
        _status: 'published',
      },
    })
    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: product.id,
      data: { summary: 'A contributor’s unfinished idea', reviewStatus: 'in-review' },
      draft: true,
      overrideAccess: false,
      user: world.users.contributorA,
    })
    const file = csv([
      ['title', 'type', 'slug', 'partnerships', 'status'],
      ['Reviewed toolkit', 'toolkit', product.slug!, 'Partnership A', 'published'],
    ])
    const report = await runImport(cms.payload, {
      file: { name: 'pending.csv', data: Buffer.from(file) },
      collection: COLLECTIONS.knowledgeProducts,
      commit: true,
      user: world.users.editor,
    })
    expect(report.committed).toBe(false)
    expect(report.written).toBe(0)
    expect(report.issues[0]).toMatchObject({ row: 2, column: 'status' })
    expect(report.issues[0]!.message).toMatch(/unpublished changes \(ready for review\)/)
    const live = await cms.payload.findByID({
      collection: COLLECTIONS.knowledgeProducts,
      id: product.id,
      depth: 0,
    })
    expect(live.summary ?? null).toBeNull()
  })

  it('should refuse a row without slug whose title matches another partnership’s record', async () => {
    await cms.payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: {
        title: 'Shared name guide',
        type: 'toolkit',
        partnerships: [world.partnershipB as number],
        summary: 'Partnership B’s guide',
        _status: 'published',
      },
    })
    const file = csv([
      ['title', 'type', 'partnerships', 'summary'],
      ['Shared name guide', 'toolkit', 'Partnership A', 'Partnership A’s guide'],
    ])
    const report = await runImport(cms.payload, {
      file: { name: 'same-title.csv', data: Buffer.from(file) },
      collection: COLLECTIONS.knowledgeProducts,
      commit: true,
      user: world.users.editor,
    })
    expect(report.committed).toBe(false)
    expect(report.issues[0]).toMatchObject({ row: 2 })
    expect(report.issues[0]!.message).toContain('“Shared name guide” (slug “shared-name-guide”)')
    const { docs } = await cms.payload.find({
      collection: COLLECTIONS.knowledgeProducts,
      where: { title: { equals: 'Shared name guide' } },
      depth: 0,
    })
    expect(docs.map((d) => d.summary)).toEqual(['Partnership B’s guide'])
  })

  describe('refusals', () => {
    it('should refuse an oversized file with a clear 400', async () => {
      const big = Buffer.alloc(IMPORT_MAX_BYTES + 1024, 'a')
      const res = await upload('big.csv', big, 'collection=knowledge-products')
      expect(res.status).toBe(400)
      const body = (await res.json()) as { errors: { message: string }[] }
      expect(body.errors[0]!.message).toMatch(/takes files up to 10 MB/)
    })

    it('should refuse a file that is neither CSV nor XLSX, whatever its name says', async () => {
      const pdf = await upload(
        'report.pdf',
        '%PDF-1.4 …',
        'collection=knowledge-products',
        editorToken,
        'application/pdf',
      )
      expect(pdf.status).toBe(400)
      expect(
        ((await pdf.json()) as { errors: { message: string }[] }).errors[0]!.message,
      ).toContain('Only CSV (.csv) and Excel (.xlsx) files can be imported')
      const fake = await upload(
        'data.xlsx',
        'title,type\nA,report',
        'collection=knowledge-products',
      )
      expect(fake.status).toBe(400)
      expect(JSON.stringify(await fake.json())).toContain('is not an Excel workbook')
      const binary = await upload(
        'data.csv',
        Buffer.from([0x00, 0x01, 0x02]),
        'collection=knowledge-products',
      )
      expect(binary.status).toBe(400)
    })

    it('should refuse a CSV without a collection, and an unknown collection', async () => {
      const none = await upload('x.csv', 'title\nA', '')
      expect(none.status).toBe(400)
      expect(JSON.stringify(await none.json())).toContain('Say which collection')
      const users = await upload('x.csv', 'email\na@b.c', 'collection=users')
      expect(users.status).toBe(400)
    })

    it('should let only editors and admins import', async () => {
      const file = csv([PRODUCT_HEADER, ['Denied', 'report', 2019, 'Partnership A', '', '', '']])
      expect(
        (await upload('x.csv', file, 'collection=knowledge-products', contributorToken)).status,
      ).toBe(403)
      expect((await upload('x.csv', file, 'collection=knowledge-products', '')).status).toBe(401)
      expect(await countProducts('Denied')).toBe(0)
    })
  })
})
