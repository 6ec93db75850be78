import { mkdirSync } from 'node:fs'
import path from 'node:path'

import { COLLECTIONS } from '@repo/types'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { findRepoRoot, launchBrowser, type RunningCms, startBuiltCms } from '@repo/testing'

const artefacts = path.resolve('test-results')

type Doc = {
  id: number | string
  title: string
  _status: string
  reviewStatus: string
  reviewComment?: string | null
}

describe('review flow in a real browser', () => {
  let cms: RunningCms
  let browser: Browser
  let adminToken: string
  const people = {
    contributor: { email: 'browser-contributor@example.org', password: 'contributor-pass-123' },
    editor: { email: 'browser-editor@example.org', password: 'editor-pass-12345' },
  }
  let partnership: { id: number | string; name: string }

  const api = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${cms.url}/api/${url}`, {
      method,
      headers: { Authorization: `JWT ${adminToken}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }

  beforeAll(async () => {
    cms = await startBuiltCms({ repoRoot: findRepoRoot(import.meta.dirname) })
    browser = await launchBrowser()
    const login = await fetch(`${cms.url}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(cms.admin),
    })
    adminToken = ((await login.json()) as { token: string }).token
    const { docs } = await api<{ docs: { id: number; name: string }[] }>(
      'GET',
      'partnerships?limit=1&sort=name&depth=0',
    )
    partnership = docs[0]!
    await api('POST', 'users', {
      ...people.contributor,
      name: 'Carla Contributor',
      role: 'contributor',
      partnerships: [partnership.id],
    })
    await api('POST', 'users', { ...people.editor, name: 'Eddie Editor', role: 'editor' })
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await cms?.stop()
  })

  async function signIn(who: keyof typeof people): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${cms.url}/admin/login`)
    await page.fill('#field-email', people[who].email)
    await page.fill('#field-password', people[who].password)
    await page.click('button[type="submit"]')
    await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })
    return page
  }

  async function chooseReview(page: Page, label: string) {
    // The field's id is on its wrapper (label, control, description): open the control itself.
    // On a busy machine the first click can land before the select has hydrated and opens
    // nothing, so open it until its menu shows.
    const option = page.getByRole('option', { name: label, exact: true })
    for (let attempt = 1; ; attempt++) {
      await page.click('#field-reviewStatus .rs__control')
      try {
        await page.locator('.rs__menu').waitFor({ state: 'visible', timeout: 3_000 })
        break
      } catch (err) {
        if (attempt === 5)
          throw new Error('The Review select never opened its menu', { cause: err })
        await page.keyboard.press('Escape')
      }
    }
    try {
      await option.click({ timeout: 10_000 })
    } catch (err) {
      const shown = await page.getByRole('option').allInnerTexts()
      throw new Error(`No option “${label}” in the Review select; it shows: ${shown.join(' | ')}`, {
        cause: err,
      })
    }
  }

  /**
   * Another person who had the record open still holds Payload's edit lock; take it over the way
   * an editor would from the “document locked” dialog.
   */
  async function takeOverIfLocked(page: Page) {
    const dialog = page.locator('#document-locked')
    try {
      await dialog.waitFor({ state: 'visible', timeout: 3_000 })
    } catch {
      return
    }
    await dialog.getByRole('button', { name: /take over/i }).click()
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 })
  }

  /** Waits until the stored draft satisfies `check` (the UI saved it). */
  async function waitForDraft(id: number | string, check: (d: Doc) => boolean): Promise<Doc> {
    const deadline = Date.now() + 30_000
    let doc: Doc | undefined
    while (Date.now() < deadline) {
      doc = await api<Doc>('GET', `${COLLECTIONS.knowledgeProducts}/${id}?draft=true&depth=0`)
      if (check(doc)) return doc
      await new Promise((r) => setTimeout(r, 300))
    }
    throw new Error(`The record never reached the expected state: ${JSON.stringify(doc)}`)
  }

  it('should let a contributor submit, an editor return with a comment, the contributor fix it and the editor publish', async () => {
    const pages: Page[] = []
    const title = `Browser contribution ${Date.now()}`
    try {
      // The contributor drafts a product for their partnership and marks it ready for review.
      const contributor = await signIn('contributor')
      pages.push(contributor)
      await contributor.goto(`${cms.url}/admin/collections/${COLLECTIONS.knowledgeProducts}/create`)
      await contributor.fill('#field-title', title)
      await contributor.click('#field-type')
      await contributor.getByRole('option', { name: 'Report', exact: true }).click()
      await contributor.click('#field-partnerships')
      await contributor.getByRole('option', { name: partnership.name }).first().click()
      await chooseReview(contributor, 'Ready for review')
      await contributor.click('#action-save-draft')
      await contributor.waitForURL(
        new RegExp(`/admin/collections/${COLLECTIONS.knowledgeProducts}/\\d+`),
        { timeout: 60_000 },
      )
      const id = contributor.url().split('/').pop()!.split('?')[0]!
      await waitForDraft(id, (d) => d.reviewStatus === 'in-review')

      // The editor finds it in the review queue and returns it with a comment.
      const editor = await signIn('editor')
      pages.push(editor)
      await expect
        .poll(async () => editor.locator('[data-testid="review-queue-summary"]').innerText())
        .toContain('1 record is ready for review')
      await editor.goto(`${cms.url}/admin/review`)
      await editor.getByRole('link', { name: title }).click()
      await editor.waitForURL(new RegExp(`/${id}$`), { timeout: 60_000 })
      await takeOverIfLocked(editor)
      await chooseReview(editor, 'Returned for changes')
      await editor.fill('#field-reviewComment', 'Please add the year.')
      await editor.click('#action-save-draft')
      await waitForDraft(id, (d) => d.reviewStatus === 'returned')

      // The contributor sees the comment, fixes the record and submits it again.
      await contributor.goto(`${cms.url}/admin/review`)
      await contributor.getByText('Please add the year.').first().waitFor({ timeout: 30_000 })
      await contributor.goto(`${cms.url}/admin/collections/${COLLECTIONS.knowledgeProducts}/${id}`)
      await takeOverIfLocked(contributor)
      await expect
        .poll(() => contributor.locator('#field-reviewComment').inputValue())
        .toBe('Please add the year.')
      await contributor.fill('#field-year', '2024')
      await chooseReview(contributor, 'Ready for review')
      await contributor.click('#action-save-draft')
      await waitForDraft(id, (d) => d.reviewStatus === 'in-review')

      // The editor publishes it.
      await editor.goto(`${cms.url}/admin/collections/${COLLECTIONS.knowledgeProducts}/${id}`)
      await takeOverIfLocked(editor)
      await expect.poll(() => editor.locator('#field-year').inputValue()).toBe('2024')
      await editor.click('#action-save')
      const published = await waitForDraft(id, (d) => d._status === 'published')
      expect(published.reviewStatus).toBe('published')

      const events = await api<{
        docs: { from: string | null; to: string; byName: string; comment?: string }[]
      }>('GET', `review-events?where[record.value][equals]=${id}&sort=at&depth=0&limit=20`)
      expect(events.docs.map((e) => `${e.from ?? '∅'}→${e.to} by ${e.byName}`)).toEqual([
        '∅→in-review by Carla Contributor',
        'in-review→returned by Eddie Editor',
        'returned→in-review by Carla Contributor',
        'in-review→published by Eddie Editor',
      ])
      expect(events.docs[1]!.comment).toBe('Please add the year.')
      const anonymous = await fetch(`${cms.url}/api/${COLLECTIONS.knowledgeProducts}/${id}?depth=0`)
      expect(((await anonymous.json()) as Doc).title).toBe(title)
    } catch (err) {
      mkdirSync(artefacts, { recursive: true })
      for (const [i, page] of pages.entries()) {
        await page.screenshot({
          path: path.join(artefacts, `review-failure-${i}.png`),
          fullPage: true,
        })
      }
      throw new Error(
        `${(err as Error).message}\n--- CMS output ---\n${cms.output().slice(-4000)}`,
        { cause: err },
      )
    }
  }, 240_000)
})
