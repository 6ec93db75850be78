/**
 * "Related products" on a real CMS with the real seed: the same partnerships first, then the
 * same themes, and nothing for a product with neither (it used to list the newest products of
 * the whole map).
 */
import { findRepoRoot, type RunningCms, startBuiltCms } from '@repo/testing'
import { createClient, type KnowledgeMapClient } from '@repo/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { relatedProducts } from '../src/lib/related'

let cms: RunningCms
let client: KnowledgeMapClient
beforeAll(async () => {
  // The built CMS as its own process, migrated and seeded as `pnpm start` does.
  cms = await startBuiltCms({ repoRoot: findRepoRoot(import.meta.dirname) })
  client = createClient({ baseUrl: cms.url })
}, 180_000)
afterAll(async () => cms?.stop())

describe('related products', () => {
  it('should list none for a product without partnerships or themes', async () => {
    const lonely = { slug: 'test-lonely', partnerships: [], themes: [] }
    expect(await relatedProducts(client, lonely)).toEqual([])
  })

  it('should list only products that share a partnership or a theme', async () => {
    const { docs } = await client.products.list({ limit: 100 })
    const withPartnership = docs.find((p) => p.partnerships.length > 0)!
    const themeOnly = { ...withPartnership, slug: 'test-theme-only', partnerships: [] }
    for (const product of [withPartnership, themeOnly]) {
      const related = await relatedProducts(client, product)
      expect(related.length).toBeGreaterThan(0)
      expect(related.length).toBeLessThanOrEqual(6)
      const partnerships = new Set(product.partnerships.map((p) => p.slug))
      const themes = new Set(product.themes.map((t) => t.slug))
      for (const r of related) {
        expect(r.slug).not.toBe(product.slug)
        const shares =
          r.partnerships.some((p) => partnerships.has(p.slug)) ||
          r.themes.some((t) => themes.has(t.slug))
        expect(shares, r.slug).toBe(true)
      }
    }
  })
})
