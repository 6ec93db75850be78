import type { Partnership } from '@repo/types'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { cache } from 'react'

import { ThemeChips } from '@/components/Chips'
import { JsonLd } from '@/components/JsonLd'
import { NeedList } from '@/components/NeedList'
import { ProductList } from '@/components/ProductList'
import { SourceList } from '@/components/SourceList'
import { FollowLink } from '@/components/FollowLink'
import { cms, isNotFound } from '@/lib/cms'
import { formatDate, hostOf } from '@/lib/collect'
import { productsHref } from '@/lib/search'
import { absoluteUrl, pageMetadata } from '@/lib/seo'

type Props = { params: Promise<{ slug: string }> }

const getPartnership = cache(async (slug: string): Promise<Partnership> => {
  const client = await cms()
  try {
    return await client.partnerships.get(slug)
  } catch (err) {
    if (isNotFound(err)) notFound()
    throw err
  }
})

const describe = (p: Partnership) =>
  p.summary ||
  p.focus ||
  `${p.name}, a Strategic Partnership${p.programme ? ` of ${p.programme.name}` : ''}${
    p.lead ? ` led by ${p.lead.name}` : ''
  }.`

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await getPartnership((await params).slug)
  return pageMetadata({
    title: p.name,
    description: describe(p),
    path: `/partnerships/${p.slug}`,
    feed: { path: `/feeds/partnerships/${p.slug}.atom`, title: `New and updated: ${p.name}` },
  })
}

export default async function PartnershipPage({ params }: Props) {
  const p = await getPartnership((await params).slug)
  const client = await cms()
  const [products, needs, insights] = await Promise.all([
    client.products.search({ partnerships: [p.slug], limit: 100 }),
    client.learningNeeds.list({ partnerships: [p.slug], limit: 100 }),
    client.insights.list({ partnerships: [p.slug], limit: 20 }),
  ])
  return (
    <article>
      <JsonLd
        data={{
          '@context': 'https://schema.org',
          '@type': 'Organization',
          name: p.name,
          description: describe(p),
          url: absoluteUrl(`/partnerships/${p.slug}`),
          ...(p.website ? { sameAs: p.website } : {}),
          ...(p.members.length > 0
            ? { member: p.members.map((m) => ({ '@type': 'Organization', name: m.name })) }
            : {}),
        }}
      />
      <p className="meta-line">
        Strategic Partnership
        {p.programme
          ? ` · ${p.programme.name} (${p.programme.startYear}–${p.programme.endYear ?? 'now'})`
          : ''}
      </p>
      <h1>{p.name}</h1>
      <FollowLink path={`/feeds/partnerships/${p.slug}.atom`} what="this partnership" />
      <ThemeChips themes={p.themes} />
      <div className="detail-grid">
        <div>
          {p.summary ? <p className="lede">{p.summary}</p> : null}
          {p.focus && p.focus !== p.summary ? <p>{p.focus}</p> : null}
          <section aria-labelledby="products-heading">
            <h2 id="products-heading">Knowledge products ({products.totalDocs})</h2>
            {products.docs.length > 0 ? (
              <>
                <ProductList products={products.docs} />
                <p>
                  <Link href={productsHref({ partnerships: [p.slug] })}>
                    Search and export these products
                  </Link>
                </p>
              </>
            ) : (
              <p className="muted">No published knowledge product of this partnership yet.</p>
            )}
          </section>
          {needs.docs.length > 0 ? (
            <section aria-labelledby="needs-heading">
              <h2 id="needs-heading">Learning needs it raised</h2>
              <NeedList needs={needs.docs} />
            </section>
          ) : null}
          {insights.docs.length > 0 ? (
            <section aria-labelledby="insights-heading">
              <h2 id="insights-heading">Insights</h2>
              <ul className="plain-list">
                {insights.docs.map((i) => (
                  <li key={i.slug}>
                    <strong>{i.title}</strong>
                    {i.date ? <span className="muted"> · {formatDate(i.date)}</span> : null}
                    <p>{i.body}</p>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <aside aria-labelledby="facts-heading">
          <h2 id="facts-heading">Facts</h2>
          <dl className="facts">
            {p.lead ? (
              <>
                <dt>Lead</dt>
                <dd>{p.lead.name}</dd>
              </>
            ) : null}
            {p.members.length > 0 ? (
              <>
                <dt>Members</dt>
                <dd>
                  <ul className="plain-list">
                    {p.members.map((m) => (
                      <li key={m.slug}>
                        {m.name}
                        {m.country ? <span className="muted"> ({m.country})</span> : null}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
            {p.countries.length > 0 ? (
              <>
                <dt>Countries</dt>
                <dd>{p.countries.join(', ')}</dd>
              </>
            ) : null}
            {p.iatiIdentifier ? (
              <>
                <dt>IATI identifier</dt>
                <dd>
                  <code>{p.iatiIdentifier}</code>
                </dd>
              </>
            ) : null}
            {p.website ? (
              <>
                <dt>Website</dt>
                <dd>
                  <a href={p.website} rel="noopener">
                    {hostOf(p.website)}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
          <SourceList sources={p.sources} />
        </aside>
      </div>
    </article>
  )
}
