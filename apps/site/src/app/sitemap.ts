import type { MetadataRoute } from 'next'

import { cms } from '@/lib/cms'
import { collect } from '@/lib/collect'
import { absoluteUrl } from '@/lib/seo'

/** Every public page: the fixed ones, and one per product, partnership, theme and need. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const client = await cms()
  const fixed: MetadataRoute.Sitemap = [
    '/',
    '/products',
    '/learning-needs',
    '/partnerships',
    '/changes',
    '/about',
  ].map((path) => ({
    url: absoluteUrl(path),
    changeFrequency: 'daily',
    priority: path === '/' ? 1 : 0.8,
  }))
  const [products, partnerships, themes, needs] = await Promise.all([
    collect(client.products.iterate({ limit: 100 })),
    collect(client.partnerships.iterate({ limit: 100 })),
    collect(client.themes.iterate({ limit: 100 })),
    collect(client.learningNeeds.iterate({ limit: 100 })),
  ])
  const entry = (path: string, updatedAt: string) => ({
    url: absoluteUrl(path),
    lastModified: updatedAt,
  })
  return [
    ...fixed,
    ...themes.map((t) => entry(`/themes/${t.slug}`, t.updatedAt)),
    ...needs.map((n) => entry(`/learning-needs/${n.slug}`, n.updatedAt)),
    ...partnerships.map((p) => entry(`/partnerships/${p.slug}`, p.updatedAt)),
    ...products.map((p) => entry(`/products/${p.slug}`, p.updatedAt)),
  ]
}
