import { COVERAGE, type Theme } from '@repo/types'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { cache } from 'react'

import { JsonLd } from '@/components/JsonLd'
import { NeedList } from '@/components/NeedList'
import { ProductList } from '@/components/ProductList'
import { FollowLink } from '@/components/FollowLink'
import { cms, isNotFound } from '@/lib/cms'
import { collect } from '@/lib/collect'
import { productsHref } from '@/lib/search'
import { absoluteUrl, pageMetadata } from '@/lib/seo'

type Props = { params: Promise<{ slug: string }> }

const getTheme = cache(async (slug: string): Promise<Theme> => {
  const client = await cms()
  try {
    return await client.themes.get(slug)
  } catch (err) {
    if (isNotFound(err)) notFound()
    throw err
  }
})

const describe = (t: Theme) =>
  t.description ||
  `Knowledge products and learning needs under the theme “${t.title}” of the Dialogue and Dissent Knowledge Map.`

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTheme((await params).slug)
  return pageMetadata({
    title: t.title,
    description: describe(t),
    path: `/themes/${t.slug}`,
    feed: { path: `/feeds/themes/${t.slug}.atom`, title: `New and updated under ${t.title}` },
  })
}

export default async function ThemePage({ params }: Props) {
  const theme = await getTheme((await params).slug)
  const client = await cms()
  const [products, needs] = await Promise.all([
    client.products.search({ themes: [theme.slug], limit: 10 }),
    collect(client.learningNeeds.iterate({ themes: [theme.slug], limit: 100 })),
  ])
  const byCoverage = new Map(COVERAGE.map((c) => [c.value, 0]))
  for (const n of needs)
    byCoverage.set(n.coverage ?? 'open', (byCoverage.get(n.coverage ?? 'open') ?? 0) + 1)
  needs.sort((a, b) => a.title.localeCompare(b.title))

  return (
    <article>
      <JsonLd
        data={{
          '@context': 'https://schema.org',
          '@type': 'CollectionPage',
          name: theme.title,
          description: describe(theme),
          url: absoluteUrl(`/themes/${theme.slug}`),
        }}
      />
      <p className="meta-line">Theme</p>
      <h1 style={{ borderLeft: `0.5rem solid ${theme.colour}`, paddingLeft: '0.75rem' }}>
        {theme.title}
      </h1>
      {theme.description ? <p className="lede">{theme.description}</p> : null}
      <FollowLink path={`/feeds/themes/${theme.slug}.atom`} what="this theme" />
      <ul className="stats" aria-label="Summary">
        <li>
          <strong>{products.totalDocs}</strong> published products
        </li>
        <li>
          <strong>{needs.length}</strong> learning needs
        </li>
        {COVERAGE.map((c) => (
          <li key={c.value}>
            <strong>{byCoverage.get(c.value) ?? 0}</strong> {c.label.toLowerCase()}
          </li>
        ))}
      </ul>
      <div className="detail-grid">
        <section aria-labelledby="products-heading">
          <h2 id="products-heading">Knowledge products</h2>
          {products.docs.length > 0 ? (
            <>
              <ProductList products={products.docs} />
              <p>
                <Link href={productsHref({ themes: [theme.slug] })}>
                  All {products.totalDocs} products under this theme
                </Link>
              </p>
            </>
          ) : (
            <p className="muted">No published knowledge product under this theme yet.</p>
          )}
        </section>
        <section aria-labelledby="needs-heading">
          <h2 id="needs-heading">Learning needs and their coverage</h2>
          {needs.length > 0 ? (
            <NeedList needs={needs} />
          ) : (
            <p className="muted">No learning need is linked to this theme yet.</p>
          )}
        </section>
      </div>
    </article>
  )
}
