import { mkdirSync } from 'node:fs'
import path from 'node:path'

import { COLLECTIONS } from '@repo/types'
import {
  adminApi,
  type AdminApi,
  type CmsAndSite,
  findRepoRoot,
  launchBrowser,
  startCmsAndSite,
} from '@repo/testing'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const artefacts = path.resolve('test-results')
const SECRET = 'promises-browser-test-revalidate-secret-01'
const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
)

type Doc = { id: number | string; slug: string; title: string; _status?: string }

/**
 * The two sequences issue 11 started from, in a real browser against the built CMS and site:
 * a contributor cannot take a published product off the site, and an editor's draft-then-publish
 * that unlinks a need updates the need's coverage on the site.
 */
describe('editorial promises in a real browser', () => {
  let servers: CmsAndSite
  let browser: Browser
  let admin: AdminApi
  let partnership: { id: number | string; name: string }
  const people = {
    contributor: { email: 'promises-contributor@example.org', password: 'contributor-pass-123' },
    editor: { email: 'promises-editor@example.org', password: 'editor-pass-12345' },
  }
  const pages: Page[] = []

  beforeAll(async () => {
    servers = await startCmsAndSite({ repoRoot: findRepoRoot(import.meta.dirname), secret: SECRET })
    browser = await launchBrowser()
    admin = await adminApi(servers.cms.url, servers.cms.admin)
    const { docs } = await admin.find({
      collection: COLLECTIONS.partnerships,
      limit: 1,
      sort: 'name',
      depth: 0,
    })
    partnership = docs[0] as unknown as typeof partnership
    await admin.create({
      collection: COLLECTIONS.users,
      data: {
        ...people.contributor,
        name: 'Cora Contributor',
        role: 'contributor',
        partnerships: [partnership.id],
      },
    })
    await admin.create({
      collection: COLLECTIONS.users,
      data: { ...people.editor, name: 'Ed Editor', role: 'editor' },
    })
  }, 300_000)

  afterAll(async () => {
    await browser?.close()
    await servers?.stop()
  })

  const cms = () => servers.cms.url
  const site = () => servers.site.url

  async function signIn(who: keyof typeof people): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    pages.push(page)
    await page.goto(`${cms()}/admin/login`)
    await page.fill('#field-email', people[who].email)
    await page.fill('#field-password', people[who].password)
    await page.click('button[type="submit"]')
    await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
    return page
  }

  const published = async (data: Record<string, unknown>) =>
    (await admin.create({
      collection: COLLECTIONS.knowledgeProducts,
      data: { type: 'report', partnerships: [partnership.id], ...data, _status: 'published' },
    })) as unknown as Doc

  /** The product page of the public site, rendered by the site's server. */
  const productPage = (slug: string) => fetch(`${site()}/products/${slug}`)

  const withDiagnostics = async (body: () => Promise<void>) => {
    try {
      await body()
    } catch (err) {
      mkdirSync(artefacts, { recursive: true })
      for (const [i, page] of pages.entries()) {
        await page
          .screenshot({ path: path.join(artefacts, `promises-failure-${i}.png`), fullPage: true })
          .catch(() => undefined)
      }
      throw new Error(
        `${(err as Error).message}\n--- CMS output ---\n${servers.cms.output().slice(-3000)}`,
        { cause: err },
      )
    }
  }

  it('should refuse a contributor who unpublishes or deletes a published product, readably, and keep it on the site', async () => {
    await withDiagnostics(async () => {
      const product = await published({ title: `Promised product ${Date.now()}` })
      expect((await productPage(product.slug)).status).toBe(200)

      const page = await signIn('contributor')
      const docUrl = `${cms()}/admin/collections/${COLLECTIONS.knowledgeProducts}/${product.id}`
      await page.goto(docUrl)
      await page.locator('#field-title').waitFor({ timeout: 60_000 })
      // The admin offers the contributor neither an Unpublish nor a Delete action.
      await page.locator('.doc-controls__popup button, .doc-controls__dots').first().click()
      await expect.poll(() => page.locator('#action-unpublish').count()).toBe(0)
      expect(await page.locator('#action-delete').count()).toBe(0)

      // Sent anyway, from the signed-in admin page (its cookie), as the admin's own buttons send
      // them: the Unpublish button's PATCH without `?draft=true`, and the Delete button's DELETE.
      const attempts = await page.evaluate(
        async ({ base, id }) => {
          const send = async (method: string, url: string, body?: unknown) => {
            const res = await fetch(url, {
              method,
              credentials: 'include',
              headers: { 'Content-Type': 'application/json' },
              body: body === undefined ? undefined : JSON.stringify(body),
            })
            const json = (await res.json()) as { errors?: { message: string }[] }
            return { status: res.status, message: json.errors?.[0]?.message ?? '' }
          }
          return [
            await send(
              'PATCH',
              `${base}/api/knowledge-products/${id}?depth=0&fallback-locale=null&unpublishAllLocales=true`,
              { _status: 'draft' },
            ),
            await send('PATCH', `${base}/api/knowledge-products/${id}`, { _status: 'draft' }),
            await send('DELETE', `${base}/api/knowledge-products/${id}`),
          ]
        },
        { base: cms(), id: product.id },
      )
      for (const attempt of attempts) expect(attempt.status).toBe(403)
      expect(attempts[0]!.message).toContain('is published')
      expect(attempts[0]!.message).toContain('only editors do')
      expect(attempts[1]!.message).toContain('is published')
      expect(attempts[2]!.message).toContain('only an editor may delete it')

      // The same refusal over REST with a token, as a script would send it.
      const login = await fetch(`${cms()}/api/users/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(people.contributor),
      })
      const { token } = (await login.json()) as { token: string }
      const rest = await fetch(`${cms()}/api/${COLLECTIONS.knowledgeProducts}/${product.id}`, {
        method: 'PATCH',
        headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ _status: 'draft' }),
      })
      expect(rest.status).toBe(403)

      // Still live, and still on the public site.
      const live = (await admin.find({
        collection: COLLECTIONS.knowledgeProducts,
        where: { id: { equals: product.id } },
        depth: 0,
      })) as unknown as { docs: Doc[] }
      expect(live.docs[0]?._status).toBe('published')
      const onSite = await productPage(product.slug)
      expect(onSite.status).toBe(200)
      expect(await onSite.text()).toContain(product.title)
    })
  }, 240_000)

  it('should take parallel editor writes on the built CMS, none refused for a conflict', async () => {
    await withDiagnostics(async () => {
      const editor = await adminApi(cms(), people.editor)
      const need = await admin.create({
        collection: COLLECTIONS.learningNeeds,
        data: {
          title: `Busy need ${Date.now()}`,
          description: 'A need twenty products link at once.',
          kind: 'learning-need',
          raisedBy: [partnership.id],
          _status: 'published',
        },
      })
      const outcome = (what: string) => async (res: Response) =>
        `${what} ${res.status}${res.ok ? '' : ` ${await res.text()}`}`
      // Logins and uploads wait on real I/O (password hashing, files) inside their transaction,
      // so other requests start meanwhile: these are what collide without the write lock.
      const logins = Array.from({ length: 6 }, () =>
        fetch(`${cms()}/api/users/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(people.editor),
        }).then(outcome('login')),
      )
      const uploads = Array.from({ length: 4 }, (_, i) => {
        const form = new FormData()
        form.append('file', new Blob([PNG_1PX], { type: 'image/png' }), `pixel-${i}.png`)
        form.append('_payload', JSON.stringify({ alt: `Pixel ${i}` }))
        return fetch(`${cms()}/api/${COLLECTIONS.media}`, {
          method: 'POST',
          headers: { Authorization: editor.authorization },
          body: form,
        }).then(outcome('upload'))
      })
      const creates = Array.from({ length: 20 }, (_, i) =>
        fetch(`${cms()}/api/${COLLECTIONS.knowledgeProducts}`, {
          method: 'POST',
          headers: { Authorization: editor.authorization, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            title: `Busy product ${i} ${Date.now()}`,
            type: 'report',
            partnerships: [partnership.id],
            learningNeeds: [need.id],
            _status: 'published',
          }),
        }).then(outcome('create')),
      )
      const answers = await Promise.all([...logins, ...uploads, ...creates])
      expect(answers).toEqual([
        ...logins.map(() => 'login 200'),
        ...uploads.map(() => 'upload 201'),
        ...creates.map(() => 'create 201'),
      ])
      const { docs } = await admin.find({
        collection: COLLECTIONS.learningNeeds,
        where: { id: { equals: need.id } },
        depth: 0,
      })
      expect(docs[0]?.publishedProductCount).toBe(20)
    })
  }, 120_000)

  it('should update a need’s coverage on the site when an editor unlinks it in a draft, then publishes', async () => {
    await withDiagnostics(async () => {
      const need = (await admin.create({
        collection: COLLECTIONS.learningNeeds,
        data: {
          title: `Promised need ${Date.now()}`,
          description: 'A need the browser test links and unlinks.',
          kind: 'learning-need',
          raisedBy: [partnership.id],
          _status: 'published',
        },
      })) as unknown as Doc
      const product = await published({
        title: `Product for the need ${Date.now()}`,
        learningNeeds: [need.id],
      })
      /** The needs the product links, in its latest draft or live. */
      const linkedNeeds = async (draft: boolean) => {
        const { docs } = await admin.find({
          collection: COLLECTIONS.knowledgeProducts,
          where: { id: { equals: product.id } },
          depth: 0,
          draft,
        })
        return (docs[0] as { learningNeeds?: unknown[] } | undefined)?.learningNeeds ?? null
      }
      const view = await browser.newContext({ viewport: { width: 1280, height: 900 } })
      const visitor = await view.newPage()
      pages.push(visitor)
      const needBadge = async () => {
        await visitor.goto(`${site()}/learning-needs/${need.slug}`)
        return visitor.locator('main h1 + p .badge').innerText()
      }
      const mapRow = async () => {
        await visitor.goto(`${site()}/`)
        const row = visitor.locator(`tr[data-row-key="${need.slug}"]`)
        return `${await row.locator('.badge').first().innerText()} / ${await row.locator('td.total').innerText()}`
      }
      await expect.poll(needBadge, { timeout: 30_000 }).toBe('Partially covered')
      await expect.poll(mapRow, { timeout: 30_000 }).toBe('Partially covered / 1')

      // The editor removes the link in the admin, saves a draft, then publishes it.
      const editor = await signIn('editor')
      await editor.goto(`${cms()}/admin/collections/${COLLECTIONS.knowledgeProducts}/${product.id}`)
      const field = editor.locator('#field-learningNeeds')
      await field.getByText(need.title).waitFor({ timeout: 60_000 })
      await field.locator('.rs__multi-value__remove').first().click()
      await editor.click('#action-save-draft')
      await expect.poll(() => linkedNeeds(true), { timeout: 30_000 }).toEqual([])
      // The draft alone changes nothing the public sees.
      expect(await linkedNeeds(false)).toEqual([need.id])
      expect(await needBadge()).toBe('Partially covered')
      await editor.click('#action-save')
      await expect.poll(() => linkedNeeds(false), { timeout: 30_000 }).toEqual([])

      await expect.poll(needBadge, { timeout: 30_000 }).toBe('Open (a gap)')
      await expect
        .poll(async () => visitor.locator('main h1 + p .muted').innerText())
        .toContain('0 published products')
      await expect.poll(mapRow, { timeout: 30_000 }).toBe('Open (a gap) / 0')
    })
  }, 240_000)
})
