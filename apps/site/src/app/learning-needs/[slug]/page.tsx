import { COVERAGE, LEARNING_NEED_KINDS, type LearningNeed, PRIORITIES } from '@repo/types'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { cache } from 'react'

import { CoverageBadge, ThemeChips } from '@/components/Chips'
import { JsonLd } from '@/components/JsonLd'
import { ProductList } from '@/components/ProductList'
import { Provenance } from '@/components/Provenance'
import { FollowLink } from '@/components/FollowLink'
import { DatedNotice, ViewCitation } from '@/components/ViewCitation'
import { cellDatesOrNone, cms, isNotFound } from '@/lib/cms'
import { formatDate, hostOf } from '@/lib/collect'
import { productsHref } from '@/lib/search'
import { asOfLabel, parseAsOfOnly, readNow } from '@/lib/dated'
import { absoluteUrl, pageMetadata, PUBLISHER, SITE_NAME } from '@/lib/seo'

type Props = {
  params: Promise<{ slug: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

const KIND_LABEL = new Map<string, string>(LEARNING_NEED_KINDS.map((k) => [k.value, k.label]))
const PRIORITY_LABEL = new Map<string, string>(PRIORITIES.map((k) => [k.value, k.label]))
const COVERAGE_LABEL = new Map<string, string>(COVERAGE.map((c) => [c.value, c.label]))

const getNeed = cache(async (slug: string): Promise<LearningNeed> => {
  const client = await cms()
  try {
    return await client.learningNeeds.get(slug)
  } catch (err) {
    if (isNotFound(err)) notFound()
    throw err
  }
})

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const n = await getNeed((await params).slug)
  return pageMetadata({
    title: n.title,
    description: n.description,
    path: `/learning-needs/${n.slug}`,
    type: 'article',
    feed: {
      path: `/feeds/learning-needs/${n.slug}.atom`,
      title: `Products and coverage changes: ${n.title}`,
    },
  })
}

export default async function LearningNeedPage({ params, searchParams }: Props) {
  const need = await getNeed((await params).slug)
  // The proxy answers a bad asOf with the 400 page (lib/urlPolicy).
  const dated = parseAsOfOnly(await searchParams)
  const asOf = dated.ok ? dated.asOf : undefined
  const client = await cms()
  const [products, insights, dates, suggestedMap] = await Promise.all([
    client.products.search({ learningNeeds: [need.slug], limit: 100, asOf: asOf?.value }),
    client.insights.list({ learningNeeds: [need.slug], limit: 50 }),
    cellDatesOrNone(client, 'learning-needs'),
    // Suggestions are today's: a dated view shows none. Without them the page still stands.
    asOf ? null : client.map.matrix({ mode: 'suggested' }).catch(() => null),
  ])
  const suggested = suggestedMap?.rows.find((r) => r.key === need.slug)?.suggested?.products ?? []
  const cycle = dates.dates.rows[need.slug]
  const productsChanged = Object.values(cycle?.cells ?? {})
    .sort()
    .at(-1)
  const after = (iso: string | null | undefined) =>
    asOf !== undefined && Boolean(iso) && Date.parse(iso!) > asOf.at.getTime()
  const history = [...(need.coverageHistory ?? [])]
    .filter((h) => !after(h.at))
    .sort((a, b) => (a.at < b.at ? 1 : -1))
  const laterChanges = (need.coverageHistory ?? []).length - history.length
  const changedSince = products.docs.filter((p) => after(p.updatedAt))
  const read = readNow()
  const cite = {
    title: `${SITE_NAME}: learning need “${need.title}” and the products that address it`,
    records: { count: products.totalDocs, noun: 'knowledge product' },
    publisher: PUBLISHER,
    url: absoluteUrl(
      `/learning-needs/${need.slug}?asOf=${encodeURIComponent(asOf?.value ?? read.value)}`,
    ),
    accessed: read.at,
  }
  const overridden = need.coverageOverride && need.coverageOverride !== need.derivedCoverage

  return (
    <article>
      <JsonLd
        data={{
          '@context': 'https://schema.org',
          '@type': 'CreativeWork',
          name: need.title,
          description: need.description,
          url: absoluteUrl(`/learning-needs/${need.slug}`),
          genre: KIND_LABEL.get(need.kind),
          about: need.themes.map((t) => t.title),
          creativeWorkStatus: COVERAGE_LABEL.get(need.coverage ?? 'open'),
        }}
      />
      <p className="meta-line">
        {KIND_LABEL.get(need.kind) ?? need.kind}
        {need.programme ? ` · ${need.programme.name}` : ''}
        {need.priority ? ` · ${PRIORITY_LABEL.get(need.priority)} priority` : ''}
      </p>
      <h1>{need.title}</h1>
      {asOf ? (
        <DatedNotice label={asOfLabel(asOf)} currentHref={`/learning-needs/${need.slug}`}>
          <ul>
            {after(need.firstPublishedAt) ? (
              <li>
                <strong>This need was not on the map yet then:</strong> it was first published on{' '}
                {formatDate(need.firstPublishedAt)}.
              </li>
            ) : null}
            <li>
              Products first published after then are left out.
              {changedSince.length > 0
                ? ` ${changedSince.length} of those shown changed since and are shown as they are today: the map cannot show their earlier versions.`
                : ''}{' '}
              Products taken off the map since cannot be shown.
            </li>
            <li>
              {after(cycle?.changed)
                ? 'The need’s text and coverage changed since: they are shown as they are today.'
                : 'The need itself has not changed since.'}
              {history[0] ? ` Its coverage then was “${COVERAGE_LABEL.get(history[0].to)}”.` : ''}
              {laterChanges > 0
                ? ` ${laterChanges} later coverage ${laterChanges === 1 ? 'change is' : 'changes are'} left out of the history.`
                : ''}
            </li>
          </ul>
        </DatedNotice>
      ) : null}
      <p>
        <span className="visually-hidden">Coverage: </span>
        <CoverageBadge coverage={need.coverage} />{' '}
        <span className="muted">
          {products.totalDocs} published{' '}
          {products.totalDocs === 1 ? 'product addresses' : 'products address'} it
        </span>
      </p>
      {overridden ? (
        <p className="panel">
          An editor set this need to “{COVERAGE_LABEL.get(need.coverageOverride!)}”
          {need.coverageOverrideReason ? `: ${need.coverageOverrideReason}` : '.'} Derived from the
          products alone it would be “{COVERAGE_LABEL.get(need.derivedCoverage ?? 'open')}”.
        </p>
      ) : null}
      {need.statedBy?.name ? (
        <p className="stated-by">
          Stated by {need.statedBy.name}
          {need.statedYear ? ` in ${need.statedYear}` : ' (year not given by the source)'}
          {need.topic ? <span className="muted"> · topic: {need.topic}</span> : null}
        </p>
      ) : null}
      <ThemeChips themes={need.themes} />
      <Provenance
        confidence={need.confidence}
        provenanceNote={need.provenanceNote}
        editorialNote={need.editorialNote}
      />
      <FollowLink path={`/feeds/learning-needs/${need.slug}.atom`} what="this need" />
      <p className="muted" data-testid="need-cycle">
        Last changed {formatDate(cycle?.changed ?? need.firstPublishedAt ?? need.createdAt)}
        {productsChanged ? ` (its products: ${formatDate(productsChanged)})` : ''} ·{' '}
        {need.lastReviewedAt
          ? `last reviewed by an editor ${formatDate(need.lastReviewedAt)}`
          : 'not yet reviewed by an editor'}
      </p>
      {need.isExample ? (
        <p className="muted">
          This need is an example built from Partos’ published learning agenda, not a need a
          partnership filed.
        </p>
      ) : null}
      <div className="detail-grid">
        <div>
          <p className="lede">{need.description}</p>
          <section aria-labelledby="products-heading">
            <h2 id="products-heading">Products that address it</h2>
            {products.docs.length > 0 ? (
              <>
                <ProductList products={products.docs} />
                <p>
                  <Link href={productsHref({ learningNeeds: [need.slug] })}>
                    Search and export these products
                  </Link>
                </p>
              </>
            ) : (
              <p className="panel">
                <strong>A gap:</strong> no published knowledge product addresses this need yet.
              </p>
            )}
          </section>
          {suggested.length > 0 ? (
            <section id="suggested" aria-labelledby="suggested-heading">
              <h2 id="suggested-heading">Suggested by the map, not confirmed</h2>
              <p className="muted">
                No editor has linked these products to this need. The map suggests them because they
                share the need’s most distinctive terms; editors accept or dismiss each one.
              </p>
              <ul className="plain-list">
                {suggested.map((p) => (
                  <li key={String(p.id)}>
                    {p.slug ? <Link href={`/products/${p.slug}`}>{p.title}</Link> : p.title}{' '}
                    <span className="muted">
                      matched {p.terms.map((t) => `“${t}”`).join(', ')} (
                      {Math.round(p.strength * 100)}% of the need’s terms)
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="insights-heading">
            <h2 id="insights-heading">Insights</h2>
            {insights.docs.length > 0 ? (
              <ul className="plain-list">
                {insights.docs.map((i) => (
                  <li key={i.slug}>
                    <strong>{i.title}</strong>
                    <span className="muted">
                      {i.partnership ? (
                        <>
                          {' '}
                          ·{' '}
                          <Link href={`/partnerships/${i.partnership.slug}`}>
                            {i.partnership.name}
                          </Link>
                        </>
                      ) : null}
                      {i.date ? ` · ${formatDate(i.date)}` : ''}
                    </span>
                    <p>{i.body}</p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No insight has been shared on this need yet.</p>
            )}
          </section>
        </div>
        <aside>
          {need.raisedBy.length > 0 ? (
            <section aria-labelledby="raised-heading">
              <h2 id="raised-heading">Raised by</h2>
              <ul className="plain-list">
                {need.raisedBy.map((p) => (
                  <li key={p.slug}>
                    <Link href={`/partnerships/${p.slug}`}>{p.name}</Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="history-heading">
            <h2 id="history-heading">Coverage history</h2>
            {history.length > 0 ? (
              <table className="history">
                <caption className="visually-hidden">Changes of coverage, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Change</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((h, i) => (
                    <tr key={h.id ?? `${h.at}-${i}`}>
                      <td>{formatDate(h.at)}</td>
                      <td>
                        {h.from ? `${COVERAGE_LABEL.get(h.from)} → ` : ''}
                        {COVERAGE_LABEL.get(h.to)}
                      </td>
                      <td>
                        {h.reason ?? ''}
                        {h.product ? (
                          <>
                            {h.reason ? ' ' : ''}
                            <Link href={`/products/${h.product.slug}`}>{h.product.title}</Link>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="muted">The coverage has not changed since the need was recorded.</p>
            )}
          </section>
          {need.sources && need.sources.length > 0 ? (
            <section aria-labelledby="sources-heading">
              <h2 id="sources-heading">Sources</h2>
              <ul>
                {need.sources.map((s) => (
                  <li key={s.url}>
                    <a href={s.url} rel="noopener">
                      {s.label || hostOf(s.url)}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </aside>
      </div>
      <ViewCitation view={cite} />
    </article>
  )
}
