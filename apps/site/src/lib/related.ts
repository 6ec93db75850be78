import type { KnowledgeMapClient, Product } from '@repo/types'

/**
 * Up to six other published products: those of the same partnerships first, then of the same
 * themes. A product with neither has none: an empty filter would list the newest products of
 * the whole map.
 */
export async function relatedProducts(
  client: KnowledgeMapClient,
  product: Pick<Product, 'slug' | 'partnerships' | 'themes'>,
): Promise<Product[]> {
  const related =
    product.partnerships.length > 0
      ? (
          await client.products.search({
            partnerships: product.partnerships.map((p) => p.slug),
            limit: 7,
          })
        ).docs.filter((p) => p.slug !== product.slug)
      : []
  const sameTheme =
    related.length < 3 && product.themes.length > 0
      ? (
          await client.products.search({ themes: product.themes.map((t) => t.slug), limit: 7 })
        ).docs.filter((p) => p.slug !== product.slug && !related.some((r) => r.slug === p.slug))
      : []
  return [...related, ...sameTheme].slice(0, 6)
}
