import { COLLECTIONS, type CollectionSlug } from '@repo/types'
import { ValidationError } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'
import { buildWorld, recordData, type World } from './helpers/world'

/** Asserts that `run` fails with Payload's ValidationError naming `path`, and saves nothing. */
async function expectInvalid(
  cms: TestCms,
  collection: CollectionSlug,
  path: string,
  run: () => Promise<unknown>,
) {
  const before = await cms.payload.count({ collection, overrideAccess: true })
  const versionsBefore =
    collection === COLLECTIONS.knowledgeProducts ||
    collection === COLLECTIONS.learningNeeds ||
    collection === COLLECTIONS.insights
      ? (await cms.payload.countVersions({ collection, overrideAccess: true })).totalDocs
      : 0
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, `expected a validation error on ${path}`).toBeInstanceOf(ValidationError)
  const paths = (error as ValidationError).data.errors.map((e) => e.path)
  expect(paths).toContain(path)
  expect((await cms.payload.count({ collection, overrideAccess: true })).totalDocs).toBe(
    before.totalDocs,
  )
  if (versionsBefore) {
    expect((await cms.payload.countVersions({ collection, overrideAccess: true })).totalDocs).toBe(
      versionsBefore,
    )
  }
}

describeEachDatabase('validation', (kind) => {
  let cms: TestCms
  let world: World
  const create = (collection: CollectionSlug, data: Record<string, unknown>, draft = false) =>
    cms.payload.create({ collection, data: data as never, draft, depth: 0 }) as Promise<{
      id: string | number
      slug?: string | null
    }>

  beforeAll(async () => {
    cms = await startCms(kind)
    world = await buildWorld(cms.payload)
  })
  afterAll(async () => cms?.close())

  describe('knowledge products', () => {
    const base = () => recordData(COLLECTIONS.knowledgeProducts, world)

    it('should reject a product without a title', async () => {
      await expectInvalid(cms, COLLECTIONS.knowledgeProducts, 'title', () =>
        create(COLLECTIONS.knowledgeProducts, { ...base(), title: '' }),
      )
    })

    it('should reject a year outside 1990–2100', async () => {
      for (const year of [1989, 2101]) {
        await expectInvalid(cms, COLLECTIONS.knowledgeProducts, 'year', () =>
          create(COLLECTIONS.knowledgeProducts, { ...base(), year }),
        )
      }
    })

    it('should reject a slug that another product already has', async () => {
      await create(COLLECTIONS.knowledgeProducts, { ...base(), slug: 'taken-slug' })
      await expectInvalid(cms, COLLECTIONS.knowledgeProducts, 'slug', () =>
        create(COLLECTIONS.knowledgeProducts, { ...base(), slug: 'taken-slug' }),
      )
    })

    it('should reject a malformed link and an unknown type', async () => {
      await expectInvalid(cms, COLLECTIONS.knowledgeProducts, 'externalUrl', () =>
        create(COLLECTIONS.knowledgeProducts, { ...base(), externalUrl: 'javascript:alert(1)' }),
      )
      await expectInvalid(cms, COLLECTIONS.knowledgeProducts, 'type', () =>
        create(COLLECTIONS.knowledgeProducts, { ...base(), type: 'novel' }),
      )
    })

    it('should reject a contributor linking a product to another partnership, as a draft too', async () => {
      for (const draft of [false, true]) {
        await expectInvalid(cms, COLLECTIONS.knowledgeProducts, 'partnerships', () =>
          cms.payload.create({
            collection: COLLECTIONS.knowledgeProducts,
            data: { ...base(), partnerships: [world.partnershipB] } as never,
            draft,
            overrideAccess: false,
            user: world.users.contributorA,
          }),
        )
      }
    })

    it('should reject a contributor moving their draft to another partnership', async () => {
      const doc = await cms.payload.create({
        collection: COLLECTIONS.knowledgeProducts,
        data: base() as never,
        draft: true,
        overrideAccess: false,
        user: world.users.contributorA,
      })
      await expectInvalid(cms, COLLECTIONS.knowledgeProducts, 'partnerships', () =>
        cms.payload.update({
          collection: COLLECTIONS.knowledgeProducts,
          id: doc.id,
          data: { partnerships: [world.partnershipA, world.partnershipB] } as never,
          draft: true,
          overrideAccess: false,
          user: world.users.contributorA,
        }),
      )
    })

    it('should answer a REST create with bad input with 400 and the field path', async () => {
      const login = await cms.fetch(`${cms.baseUrl}/api/users/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: world.users.editor.email, password: world.passwords.editor }),
      })
      const { token } = (await login.json()) as { token: string }
      const res = await cms.fetch(`${cms.baseUrl}/api/${COLLECTIONS.knowledgeProducts}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
        body: JSON.stringify({ ...base(), year: 3000 }),
      })
      expect(res.status).toBe(400)
      const body = (await res.json()) as { errors: { data?: { errors: { path: string }[] } }[] }
      expect(body.errors[0]?.data?.errors.map((e) => e.path)).toContain('year')
      expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/)
    })
  })

  describe('slugs', () => {
    it('should generate a slug from the title, dedupe it, and keep it when the title changes', async () => {
      const data = {
        ...recordData(COLLECTIONS.knowledgeProducts, world),
        title: 'Côte d’Ivoire: a Guide',
      }
      const first = await create(COLLECTIONS.knowledgeProducts, data)
      const second = await create(COLLECTIONS.knowledgeProducts, data)
      expect(first.slug).toBe('cote-divoire-a-guide')
      expect(second.slug).toBe('cote-divoire-a-guide-2')
      const renamed = await cms.payload.update({
        collection: COLLECTIONS.knowledgeProducts,
        id: first.id,
        data: { title: 'A new title' },
        depth: 0,
      })
      expect(renamed.slug).toBe('cote-divoire-a-guide')
      const edited = await cms.payload.update({
        collection: COLLECTIONS.knowledgeProducts,
        id: first.id,
        data: { slug: 'A New Slug' },
        depth: 0,
      })
      expect(edited.slug).toBe('a-new-slug')
    })
  })

  describe('other collections', () => {
    it('should reject a programme without a name or ending before it starts', async () => {
      await expectInvalid(cms, COLLECTIONS.programmes, 'name', () =>
        create(COLLECTIONS.programmes, { startYear: 2020 }),
      )
      await expectInvalid(cms, COLLECTIONS.programmes, 'endYear', () =>
        create(COLLECTIONS.programmes, { name: 'Backwards', startYear: 2020, endYear: 2019 }),
      )
    })

    it('should reject a theme colour below WCAG AA contrast on white', async () => {
      await expectInvalid(cms, COLLECTIONS.themes, 'colour', () =>
        create(COLLECTIONS.themes, { title: 'Pale', colour: '#ffee88' }),
      )
      await expectInvalid(cms, COLLECTIONS.themes, 'colour', () =>
        create(COLLECTIONS.themes, { title: 'Not a colour', colour: 'green' }),
      )
    })

    it('should reject an organisation with a malformed website', async () => {
      await expectInvalid(cms, COLLECTIONS.organisations, 'website', () =>
        create(COLLECTIONS.organisations, { name: 'Org', website: 'not a url' }),
      )
    })

    it('should reject a partnership without a programme', async () => {
      await expectInvalid(cms, COLLECTIONS.partnerships, 'programme', () =>
        create(COLLECTIONS.partnerships, { name: 'Orphan' }),
      )
    })

    it('should reject a learning need without a description, or an override without a reason', async () => {
      const base = recordData(COLLECTIONS.learningNeeds, world)
      await expectInvalid(cms, COLLECTIONS.learningNeeds, 'description', () =>
        create(COLLECTIONS.learningNeeds, { ...base, description: '' }),
      )
      await expectInvalid(cms, COLLECTIONS.learningNeeds, 'coverageOverrideReason', () =>
        create(COLLECTIONS.learningNeeds, { ...base, coverageOverride: 'covered' }),
      )
    })

    it('should reject an insight without a body or a partnership', async () => {
      const base = recordData(COLLECTIONS.insights, world)
      await expectInvalid(cms, COLLECTIONS.insights, 'body', () =>
        create(COLLECTIONS.insights, { ...base, body: '' }),
      )
      await expectInvalid(cms, COLLECTIONS.insights, 'partnership', () =>
        create(COLLECTIONS.insights, { ...base, partnership: null }),
      )
    })

    it('should reject a user without a name or with a malformed email', async () => {
      const base = recordData(COLLECTIONS.users, world)
      await expectInvalid(cms, COLLECTIONS.users, 'name', () =>
        create(COLLECTIONS.users, { ...base, name: '' }),
      )
      await expectInvalid(cms, COLLECTIONS.users, 'email', () =>
        create(COLLECTIONS.users, { ...base, email: 'nobody' }),
      )
    })
  })

  describe('uploads', () => {
    const upload = (name: string, mimetype: string, data: Buffer, alt = 'x') =>
      cms.payload.create({
        collection: COLLECTIONS.media,
        data: { alt },
        file: { name, mimetype, data, size: data.length },
      })

    it('should refuse a file whose content is not a PDF or an image, whatever its name says', async () => {
      const html = Buffer.from('<html><script>alert(1)</script></html>')
      await expectInvalid(cms, COLLECTIONS.media, 'file', () =>
        upload('report.pdf', 'application/pdf', html),
      )
      const zip = Buffer.from('504b0304140000000800', 'hex')
      await expectInvalid(cms, COLLECTIONS.media, 'file', () =>
        upload('photo.png', 'image/png', Buffer.concat([zip, Buffer.alloc(64)])),
      )
    })

    it('should accept a real PDF and a real PNG', async () => {
      const { MINIMAL_PDF, PNG_1PX } = await import('./helpers/world')
      const pdf = await upload('brief.pdf', 'application/pdf', MINIMAL_PDF)
      expect(pdf.mimeType).toBe('application/pdf')
      const png = await upload('pixel.png', 'image/png', PNG_1PX, 'A pixel')
      expect(png.mimeType).toBe('image/png')
    })

    it('should require alternative text for images', async () => {
      const { PNG_1PX } = await import('./helpers/world')
      await expectInvalid(cms, COLLECTIONS.media, 'alt', () =>
        upload('pixel.png', 'image/png', PNG_1PX, ''),
      )
    })
  })
})
