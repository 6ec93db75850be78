import { AUDIENCES, coins, highwireTags, LANGUAGES, type Product } from '@repo/types'
import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { cache } from 'react'

import { Citations } from '@/components/Citations'
import { ThemeChips } from '@/components/Chips'
import { JsonLd } from '@/components/JsonLd'
import { NeedList } from '@/components/NeedList'
import { SourceList } from '@/components/SourceList'
import { ProductRefList, TYPE_LABEL } from '@/components/ProductList'
import { Provenance } from '@/components/Provenance'
import { env } from '@/env'
import { cms, cmsFileUrl, isNotFound } from '@/lib/cms'
import { relatedProducts } from '@/lib/related'
import { productsHref } from '@/lib/search'
import { absoluteUrl, pageMetadata, PUBLISHER, truncate } from '@/lib/seo'

type Props = { params: Promise<{ slug: string }> }

const LANGUAGE_LABEL = new Map<string, string>(LANGUAGES.map((l) => [l.value, l.label]))
const AUDIENCE_LABEL = new Map<string, string>(AUDIENCES.map((l) => [l.value, l.label]))

const getProduct = cache(async (slug: string): Promise<Product> => {
  const client = await cms()
  try {
    return await client.products.get(slug)
  } catch (err) {
    if (isNotFound(err)) notFound()
    throw err
  }
})

/** Files on the CMS's public origin; a product without a link cited by its page here. */
const citeOptions = () => ({ baseUrl: env().cmsPublicUrl, siteUrl: env().siteUrl })

const describe = (p: Product) =>
  p.summary ||
  `${TYPE_LABEL.get(p.type) ?? p.type}${p.year ? ` (${p.year})` : ''}${
    p.partnerships.length > 0 ? ` by ${p.partnerships.map((x) => x.name).join(', ')}` : ''
  }, a knowledge product of the Dialogue and Dissent programme.`

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await getProduct((await params).slug)
  return {
    ...pageMetadata({
      title: product.title,
      description: describe(product),
      path: `/products/${product.slug}`,
      type: 'article',
    }),
    // Highwire Press tags, read by Zotero, Mendeley and Google Scholar.
    other: highwireTags(product, citeOptions()),
  }
}

export default async function ProductPage({ params }: Props) {
  const product = await getProduct((await params).slug)
  const client = await cms()
  const relatedAll = await relatedProducts(client, product)
  const fileUrl = cmsFileUrl(product.file?.url)
  const link = product.externalUrl || fileUrl
  const url = absoluteUrl(`/products/${product.slug}`)
  const typeLabel = TYPE_LABEL.get(product.type) ?? product.type

  return (
    <article>
      <JsonLd
        data={{
          '@context': 'https://schema.org',
          '@type': product.type === 'dataset' ? 'Dataset' : 'CreativeWork',
          name: product.title,
          description: truncate(describe(product), 500),
          url,
          ...(link ? { sameAs: link } : {}),
          ...(fileUrl
            ? {
                encoding: {
                  '@type': 'MediaObject',
                  contentUrl: fileUrl,
                  ...(product.file?.mimeType ? { encodingFormat: product.file.mimeType } : {}),
                  ...(product.file?.filesize ? { contentSize: product.file.filesize } : {}),
                },
              }
            : {}),
          genre: typeLabel,
          ...(product.year ? { datePublished: String(product.year) } : {}),
          inLanguage: product.languages,
          keywords: product.keywords.join(', ') || undefined,
          about: product.themes.map((t) => t.title),
          author: (product.organisations.length > 0
            ? product.organisations
            : product.partnerships
          ).map((o) => ({ '@type': 'Organization', name: o.name })),
          ...(product.licence ? { license: product.licence } : {}),
          isPartOf: {
            '@type': 'Dataset',
            name: 'Dialogue & Dissent Knowledge Map',
            publisher: PUBLISHER,
          },
        }}
      />
      <p className="meta-line">
        <Link href={productsHref({ types: [product.type] })}>{typeLabel}</Link>
        {product.year ? ` · ${product.year}` : ''}
      </p>
      <h1>{product.title}</h1>
      <ThemeChips themes={product.themes} />
      <Provenance
        confidence={product.confidence}
        provenanceNote={product.provenanceNote}
        editorialNote={product.editorialNote}
      />
      <div className="detail-grid">
        <div>
          {product.summary ? <p className="lede">{product.summary}</p> : null}
          {link ? (
            <p>
              <a className="button" href={link} rel="noopener">
                {product.externalUrl ? 'Open the product' : 'Download the file'}
                <span className="visually-hidden"> {product.title}</span>
              </a>
            </p>
          ) : (
            <p className="muted">No link or file has been recorded for this product yet.</p>
          )}

          {product.learningNeeds.length > 0 ? (
            <section aria-labelledby="needs-heading">
              <h2 id="needs-heading">Learning needs it addresses</h2>
              <NeedList needs={product.learningNeeds} />
            </section>
          ) : null}

          <Citations product={product} options={citeOptions()} />
          {/* COinS: an OpenURL for reference-manager browser extensions. */}
          <span className="Z3988" title={coins(product, citeOptions())} />

          {relatedAll.length > 0 ? (
            <section aria-labelledby="related-heading">
              <h2 id="related-heading">Related products</h2>
              <ProductRefList products={relatedAll} />
            </section>
          ) : null}
        </div>
        <aside aria-labelledby="facts-heading">
          <h2 id="facts-heading">About this product</h2>
          <dl className="facts">
            <dt>Type</dt>
            <dd>{typeLabel}</dd>
            <dt>Year</dt>
            <dd>{product.year ?? 'Not recorded'}</dd>
            {product.partnerships.length > 0 ? (
              <>
                <dt>Partnership{product.partnerships.length > 1 ? 's' : ''}</dt>
                <dd>
                  {product.partnerships.map((p, i) => (
                    <span key={p.slug}>
                      {i > 0 ? ', ' : ''}
                      <Link href={`/partnerships/${p.slug}`}>{p.name}</Link>
                    </span>
                  ))}
                </dd>
              </>
            ) : null}
            {product.organisations.length > 0 ? (
              <>
                <dt>Organisations</dt>
                <dd>{product.organisations.map((o) => o.name).join(', ')}</dd>
              </>
            ) : null}
            {product.languages.length > 0 ? (
              <>
                <dt>Languages</dt>
                <dd>{product.languages.map((l) => LANGUAGE_LABEL.get(l) ?? l).join(', ')}</dd>
              </>
            ) : null}
            {product.countries.length > 0 ? (
              <>
                <dt>Countries</dt>
                <dd>{product.countries.join(', ')}</dd>
              </>
            ) : null}
            {product.audience.length > 0 ? (
              <>
                <dt>Audience</dt>
                <dd>{product.audience.map((a) => AUDIENCE_LABEL.get(a) ?? a).join(', ')}</dd>
              </>
            ) : null}
            {product.keywords.length > 0 ? (
              <>
                <dt>Keywords</dt>
                <dd>{product.keywords.join(', ')}</dd>
              </>
            ) : null}
            <dt>Licence</dt>
            <dd>{product.licence || 'Not recorded; ask the publisher'}</dd>
          </dl>
          <SourceList sources={product.sources} />
        </aside>
      </div>
    </article>
  )
}
