import { mkdirSync } from 'node:fs'
import path from 'node:path'

import { COLLECTIONS } from '@repo/types'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { findRepoRoot, launchBrowser, type RunningCms, startBuiltCms } from '@repo/testing'

const artefacts = path.resolve('test-results')

describe('admin in a real browser', () => {
  let cms: RunningCms
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    cms = await startBuiltCms({ repoRoot: findRepoRoot(import.meta.dirname) })
    browser = await launchBrowser()
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await cms?.stop()
  })

  it('should log in and create and publish a knowledge product through the UI', async () => {
    const title = `Browser-made toolkit ${Date.now()}`
    try {
      await page.goto(`${cms.url}/admin/login`)
      await page.fill('#field-email', cms.admin.email)
      await page.fill('#field-password', cms.admin.password)
      await page.click('button[type="submit"]')
      await page.waitForURL(/\/admin\/?$/, { timeout: 60_000 })

      await page.goto(`${cms.url}/admin/collections/${COLLECTIONS.knowledgeProducts}/create`)
      await page.fill('#field-title', title)
      await page.click('#field-type')
      await page.getByRole('option', { name: 'Toolkit', exact: true }).click()
      await page.fill('#field-year', '2019')
      await page.click('#action-save')
      await page.waitForURL(
        new RegExp(`/admin/collections/${COLLECTIONS.knowledgeProducts}/[^/]+$`),
        {
          timeout: 60_000,
        },
      )
      await page.waitForSelector('text=/published|updated|saved/i', { timeout: 30_000 })

      const res = await fetch(
        `${cms.url}/api/${COLLECTIONS.knowledgeProducts}?where[title][equals]=${encodeURIComponent(title)}&depth=0`,
      )
      const body = (await res.json()) as {
        docs: { title: string; _status: string; type: string; year: number; slug: string }[]
      }
      expect(body.docs).toHaveLength(1)
      expect(body.docs[0]).toMatchObject({ _status: 'published', type: 'toolkit', year: 2019 })
      expect(body.docs[0]!.slug).toMatch(/^browser-made-toolkit-/)
    } catch (err) {
      mkdirSync(artefacts, { recursive: true })
      await page.screenshot({ path: path.join(artefacts, 'admin-failure.png'), fullPage: true })
      throw new Error(
        `${(err as Error).message}\n--- CMS output ---\n${cms.output().slice(-4000)}`,
        { cause: err },
      )
    }
  }, 180_000)
})
