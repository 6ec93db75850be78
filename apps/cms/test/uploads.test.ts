import { COLLECTIONS } from '@repo/types'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { describeEachDatabase, startCms, type TestCms } from './helpers/payload'
import { buildWorld, pngFile, recordData, type World } from './helpers/world'

const LIMIT = 4096

describeEachDatabase('uploads', (kind) => {
  let cms: TestCms
  let world: World
  let token: string

  beforeAll(async () => {
    cms = await startCms(kind, { env: { MAX_UPLOAD_BYTES: String(LIMIT) } })
    world = await buildWorld(cms.payload)
    const res = await cms.fetch(`${cms.baseUrl}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: world.users.editor.email, password: world.passwords.editor }),
    })
    token = ((await res.json()) as { token: string }).token
  }, 120_000)
  afterAll(async () => cms?.close())

  const upload = (data: Buffer, name: string, type: string) => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(data)], { type }), name)
    form.append('_payload', JSON.stringify({ title: name, alt: 'A single pixel' }))
    return cms.fetch(`${cms.baseUrl}/api/${COLLECTIONS.media}`, {
      method: 'POST',
      headers: { Authorization: `JWT ${token}` },
      body: form,
    })
  }

  it('should refuse a file over the size limit with 413 and store nothing', async () => {
    const before = await cms.payload.count({ collection: COLLECTIONS.media })
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(LIMIT * 2, 0x20)])
    const res = await upload(big, 'too-big.pdf', 'application/pdf')
    expect(res.status).toBe(413)
    const body = (await res.json()) as { errors: { message: string }[] }
    expect(body.errors[0]?.message).toMatch(/limit/i)
    expect((await cms.payload.count({ collection: COLLECTIONS.media })).totalDocs).toBe(
      before.totalDocs,
    )
  })

  it('should keep a file attached only to a draft from anonymous visitors, file URL included', async () => {
    const file = pngFile()
    const res = await upload(file.data, file.name, file.mimetype)
    expect(res.status).toBe(201)
    const media = ((await res.json()) as { doc: { id: number; filename: string } }).doc
    const product = await cms.payload.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: { ...recordData(COLLECTIONS.knowledgeProducts, world), file: media.id } as never,
      draft: true,
    })
    const anonymous = (path: string) => cms.fetch(`${cms.baseUrl}/api/${COLLECTIONS.media}${path}`)
    // Payload answers a record outside the reader's access as not found, a file as forbidden.
    expect([403, 404]).toContain((await anonymous(`/${media.id}`)).status)
    expect([403, 404]).toContain((await anonymous(`/file/${media.filename}`)).status)
    const list = (await (await anonymous('?limit=100&depth=0')).json()) as {
      docs: { id: number }[]
    }
    expect(list.docs.map((d) => d.id)).not.toContain(media.id)

    await cms.payload.update({
      collection: COLLECTIONS.knowledgeProducts,
      id: product.id,
      data: { _status: 'published' },
    })
    expect((await anonymous(`/${media.id}`)).status).toBe(200)
    const served = await anonymous(`/file/${media.filename}`)
    expect(served.status).toBe(200)
    expect(Buffer.from(await served.arrayBuffer()).equals(file.data)).toBe(true)
  })
})
