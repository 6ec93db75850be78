import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { COLLECTIONS, type CollectionSlug } from '@repo/types'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  backup,
  contentCollections,
  contentHashes,
  type Manifest,
  readArchive,
  restore,
  RestoreError,
} from '../src/lib/backup'
import { seed } from '../src/seed'
import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'
import { pngFile } from './helpers/world'

const ADMIN = { email: 'admin@backup.test', password: 'correct-horse-battery-staple' }
const CONTRIBUTOR = { email: 'contributor@backup.test', password: 'another-long-password-1' }

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

const counts = async (payload: Payload) => {
  const out: Record<string, number> = {}
  for (const c of contentCollections(payload)) {
    out[c.slug] = (await payload.db.count({ collection: c.slug as CollectionSlug })).totalDocs
  }
  return out
}

/**
 * The source: the real seed, plus what the seed does not make: an upload linked from a product,
 * a contributor scoped to a partnership, a published product with a newer unpublished draft,
 * and a draft-only insight.
 */
async function buildSource(payload: Payload) {
  await seed(payload, { log: () => {}, adminEmail: ADMIN.email, adminPassword: ADMIN.password })
  const partnership = (
    await payload.find({ collection: COLLECTIONS.partnerships, limit: 1, sort: 'slug', depth: 0 })
  ).docs[0]!
  const media = await payload.create({
    collection: COLLECTIONS.media,
    data: { alt: 'A single pixel', title: 'Pixel', licence: 'CC0' },
    file: pngFile(),
    overrideAccess: true,
  })
  await payload.create({
    collection: COLLECTIONS.users,
    data: {
      ...CONTRIBUTOR,
      name: 'Contributor',
      role: 'contributor',
      partnerships: [partnership.id],
    },
    overrideAccess: true,
  })
  const product = (
    await payload.find({ collection: COLLECTIONS.knowledgeProducts, limit: 1, sort: 'slug' })
  ).docs[0]!
  await payload.update({
    collection: COLLECTIONS.knowledgeProducts,
    id: product.id,
    data: { file: media.id, licence: 'CC BY 4.0' },
    overrideAccess: true,
  })
  await payload.update({
    collection: COLLECTIONS.knowledgeProducts,
    id: product.id,
    data: { title: `${product.title} (revised draft)` },
    draft: true,
    overrideAccess: true,
  })
  await payload.create({
    collection: COLLECTIONS.insights,
    data: {
      title: 'What the partnership learned',
      body: 'Draft lesson, not yet published.',
      partnership: partnership.id,
      products: [product.id],
      _status: 'draft',
    },
    draft: true,
    overrideAccess: true,
  })
  return { productSlug: product.slug as string, publishedTitle: product.title as string }
}

describeEachDatabase('backup and restore', (kind) => {
  let source: TestCms
  let target: TestCms
  let dir: string
  let manifest: Manifest
  let facts: Awaited<ReturnType<typeof buildSource>>

  beforeAll(async () => {
    source = await startCms('sqlite')
    facts = await buildSource(source.payload)
    dir = mkdtempSync(path.join(tmpdir(), 'km-backup-'))
    manifest = (await backup(source.payload, dir)).manifest
    target = await startCms(kind)
    await restore(target.payload, dir)
  })

  afterAll(async () => {
    await source?.close()
    await target?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('should archive every content collection with its count', async () => {
    const sourceCounts = await counts(source.payload)
    expect(Object.keys(manifest.collections).sort()).toEqual(Object.keys(sourceCounts).sort())
    for (const [slug, n] of Object.entries(sourceCounts)) {
      expect(manifest.collections[slug]!.count, slug).toBe(n)
    }
    expect(sourceCounts[COLLECTIONS.knowledgeProducts]).toBeGreaterThan(10)
    expect(sourceCounts[COLLECTIONS.users]).toBe(2)
    expect(manifest.collections[COLLECTIONS.knowledgeProducts]!.drafts).toBe(1)
    expect(manifest.collections[COLLECTIONS.insights]!.drafts).toBe(1)
  })

  it('should restore the same counts', async () => {
    expect(await counts(target.payload)).toEqual(await counts(source.payload))
  })

  it('should restore the same content hashes, equal to the manifest', async () => {
    const before = await contentHashes(source.payload)
    const after = await contentHashes(target.payload)
    expect(after).toEqual(before)
    for (const [slug, entry] of Object.entries(manifest.collections)) {
      expect(entry.contentHash, slug).toBe(before[slug])
    }
  })

  it('should change the hash when one value, reference or timestamp changes', async () => {
    const baseline = await contentHashes(target.payload)
    const themes = await target.payload.db.find<{ id: number | string; colour: string }>({
      collection: COLLECTIONS.themes,
      limit: 2,
      sort: 'order',
    })
    const [first, second] = themes.docs
    const partnership = (
      await target.payload.db.find<{ id: number | string; themes: (number | string)[] }>({
        collection: COLLECTIONS.partnerships,
        limit: 1,
        where: { themes: { exists: true } },
      })
    ).docs[0]!
    const check = async (
      slug: string,
      write: () => Promise<unknown>,
      undo: () => Promise<unknown>,
    ) => {
      await write()
      const changed = await contentHashes(target.payload)
      await undo()
      expect(changed[slug], slug).not.toBe(baseline[slug])
      const others = Object.keys(baseline).filter((s) => s !== slug)
      for (const s of others) expect(changed[s], s).toBe(baseline[s])
      expect(await contentHashes(target.payload)).toEqual(baseline)
    }
    // The adapter stamps updatedAt on every write unless given one: pin it, to change one thing.
    const themeUpdatedAt = (first as unknown as { updatedAt: string }).updatedAt
    const setTheme = (data: Record<string, unknown>) => () =>
      target.payload.db.updateOne({
        collection: COLLECTIONS.themes,
        id: first!.id,
        data: { updatedAt: themeUpdatedAt, ...data },
      })
    await check(
      COLLECTIONS.themes,
      setTheme({ colour: '#000000' }),
      setTheme({ colour: first!.colour }),
    )
    await check(
      COLLECTIONS.themes,
      setTheme({ updatedAt: '2001-01-01T00:00:00.000Z' }),
      setTheme({ updatedAt: themeUpdatedAt }),
    )
    // Pointing a partnership at a different theme changes the partnerships hash only. (Written
    // whole: a partial write of one hasMany field may rewrite the document's other relations.)
    const setThemes = (ids: (number | string)[]) => () => {
      const { id, ...rest } = partnership
      return target.payload.db.updateOne({
        collection: COLLECTIONS.partnerships,
        id,
        data: { ...rest, themes: ids },
      })
    }
    const swapped = partnership.themes.map((t) => (t === first!.id ? second!.id : first!.id))
    await check(COLLECTIONS.partnerships, setThemes(swapped), setThemes(partnership.themes))
  })

  it('should keep password hashes, so users log in with their passwords', async () => {
    for (const user of [ADMIN, CONTRIBUTOR]) {
      const res = await target.fetch(`${target.baseUrl}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(user),
      })
      expect(res.status, user.email).toBe(200)
      const body = (await res.json()) as { user: { email: string; role: string } }
      expect(body.user.email).toBe(user.email)
    }
    const wrong = await target.fetch(`${target.baseUrl}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: 'not-the-password-at-all' }),
    })
    expect(wrong.status).toBe(401)
  })

  it('should map relationships to the new ids', async () => {
    const contributor = (
      await target.payload.find({
        collection: COLLECTIONS.users,
        where: { email: { equals: CONTRIBUTOR.email } },
        depth: 1,
        overrideAccess: true,
      })
    ).docs[0]!
    const partnerships = contributor.partnerships as { slug: string }[]
    const sourcePartnership = (
      await source.payload.find({ collection: COLLECTIONS.partnerships, limit: 1, sort: 'slug' })
    ).docs[0]!
    expect(partnerships.map((p) => p.slug)).toEqual([sourcePartnership.slug])
    const product = (
      await target.payload.find({
        collection: COLLECTIONS.knowledgeProducts,
        where: { slug: { equals: facts.productSlug } },
        depth: 1,
      })
    ).docs[0]!
    expect((product.file as { title: string }).title).toBe('Pixel')
  })

  it('should keep the published state public and the pending draft for editors', async () => {
    const res = await target.fetch(
      `${target.baseUrl}/api/knowledge-products?where[slug][equals]=${facts.productSlug}&depth=0`,
    )
    const body = (await res.json()) as { docs: { title: string; _status: string }[] }
    expect(body.docs.map((d) => [d.title, d._status])).toEqual([
      [facts.publishedTitle, 'published'],
    ])
    const draft = await target.payload.find({
      collection: COLLECTIONS.knowledgeProducts,
      where: { slug: { equals: facts.productSlug } },
      draft: true,
      overrideAccess: true,
    })
    expect(draft.docs[0]!.title).toBe(`${facts.publishedTitle} (revised draft)`)
    const insights = await target.fetch(`${target.baseUrl}/api/insights`)
    expect(((await insights.json()) as { totalDocs: number }).totalDocs).toBe(0)
  })

  it('should restore the uploaded files byte for byte', async () => {
    expect(manifest.media.length).toBeGreaterThanOrEqual(1)
    const staticDir = target.payload.collections[COLLECTIONS.media].config.upload.staticDir!
    const sourceDir = source.payload.collections[COLLECTIONS.media].config.upload.staticDir!
    for (const m of manifest.media) {
      const name = path.basename(m.path)
      const restored = readFileSync(path.join(staticDir, name))
      expect(sha256(restored)).toBe(m.sha256)
      expect(restored.equals(readFileSync(path.join(sourceDir, name)))).toBe(true)
    }
  })

  it('should refuse to restore into a database that has content', async () => {
    await expect(restore(target.payload, dir)).rejects.toThrow(/needs an empty database/)
  })
})

describe('backup archive checks', () => {
  let source: TestCms
  let dir: string

  beforeAll(async () => {
    source = await startCms('sqlite')
    await source.payload.create({
      collection: COLLECTIONS.themes,
      data: { title: 'Only theme', colour: '#1f5f8b' },
      overrideAccess: true,
    })
    dir = mkdtempSync(path.join(tmpdir(), 'km-backup-'))
    await backup(source.payload, dir)
  })

  afterAll(async () => {
    await source?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('should refuse an archive whose collection file was changed', async () => {
    const file = path.join(dir, 'collections', `${COLLECTIONS.themes}.json`)
    const original = readFileSync(file, 'utf8')
    writeFileSync(file, original.replace('Only theme', 'Tampered theme'))
    try {
      await expect(readArchive(dir)).rejects.toThrow(RestoreError)
    } finally {
      writeFileSync(file, original)
    }
    await expect(readArchive(dir)).resolves.toBeDefined()
  })
})
