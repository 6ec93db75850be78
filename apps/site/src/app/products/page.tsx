import {
  asOfInstant,
  defaultProductSort,
  PRODUCT_SORTS,
  type ProductFilter,
  type ProductSort,
} from '@repo/types'
import type { Facets, FacetValue } from '@repo/types/facets'
import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'

import { JsonLd } from '@/components/JsonLd'
import { ProductList } from '@/components/ProductList'
import { ProductSearchForm } from '@/components/ProductSearchForm'
import { FollowLink } from '@/components/FollowLink'
import { DatedNotice, ViewCitation } from '@/components/ViewCitation'
import { env } from '@/env'
import { cms } from '@/lib/cms'
import { reportUnmetSearch } from '@/lib/demand'
import { describeFilter } from '@/lib/cite'
import { asOfLabel, readNow } from '@/lib/dated'
import {
  canonicalQuery,
  exportQuery,
  feedPath,
  parseView,
  productsHref,
  rawQuery,
  type SearchParamsRecord,
} from '@/lib/search'
import { absoluteUrl, DATA_LICENCE, pageMetadata, PUBLISHER, SITE_NAME } from '@/lib/seo'

type Props = { searchParams: Promise<SearchParamsRecord> }

const SORT_LABEL: Record<ProductSort, string> = {
  relevance: 'Best match',
  '-year': 'Newest first',
  year: 'Oldest first',
  title: 'Title A–Z',
  '-title': 'Title Z–A',
  '-updatedAt': 'Recently updated',
}

/**
 * The downloads of a view. The CSVs carry a UTF-8 byte order mark (Excel reads UTF-8 only with
 * one); Dutch and French Excel split fields on `;`, hence the semicolon choice.
 */
const EXPORT_FORMATS = [
  { key: 'csv', ext: 'csv', options: 'bom=1', label: 'CSV', mime: 'text/csv' },
  {
    key: 'csv-semicolon',
    ext: 'csv',
    options: 'bom=1&delimiter=semicolon',
    label: 'Excel (semicolon)',
    mime: 'text/csv',
  },
  {
    key: 'xlsx',
    ext: 'xlsx',
    options: '',
    label: 'Excel (XLSX)',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  { key: 'json', ext: 'json', options: '', label: 'JSON', mime: 'application/json' },
  {
    key: 'ris',
    ext: 'ris',
    options: '',
    label: 'RIS',
    mime: 'application/x-research-info-systems',
  },
  { key: 'bib', ext: 'bib', options: '', label: 'BibTeX', mime: 'application/x-bibtex' },
] as const

const exportHref = (x: (typeof EXPORT_FORMATS)[number], filterQs: string) => {
  const qs = [filterQs, x.options].filter(Boolean).join('&')
  return `${env().exportUrl}/v1/knowledge-products.${x.ext}${qs ? `?${qs}` : ''}`
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const view = parseView(await searchParams)
  const described = view.ok ? describeFilter(view.filter) : ''
  return pageMetadata({
    title: described ? `Knowledge products: ${described}` : 'Knowledge products',
    description: `Search the knowledge products of the Dialogue and Dissent partnerships${
      described ? ` (${described})` : ''
    }: reports, tools, methods and more, by theme, partnership, programme, type, year, language and country.`,
    path: view.ok && view.query ? `/products?${view.query}` : '/products',
    noindex: view.ok ? !/^(page=\d+)?$/.test(view.query) : true,
    feed: view.ok
      ? { path: feedPath(view.filter), title: 'New and updated products in this view' }
      : undefined,
  })
}

function labelMap(values: FacetValue[]) {
  return new Map(values.map((v) => [v.value, v.label]))
}

function FacetGroup({
  legend,
  name,
  values,
  selected,
  hideEmpty = false,
}: {
  legend: string
  name: string
  values: FacetValue[]
  selected: readonly (string | number)[]
  hideEmpty?: boolean
}) {
  const chosen = new Set(selected.map(String))
  const shown = values.filter((v) => !hideEmpty || v.count > 0 || chosen.has(v.value))
  if (shown.length === 0) return null
  return (
    <fieldset>
      <legend>{legend}</legend>
      <ul className="facet-options">
        {shown.map((v) => {
          const id = `f-${name}-${v.value.replace(/[^a-z0-9-]/gi, '_')}`
          return (
            <li key={v.value}>
              <input
                type="checkbox"
                id={id}
                name={name}
                value={v.value}
                defaultChecked={chosen.has(v.value)}
              />
              <label htmlFor={id}>
                {v.label}{' '}
                <span className="facet-count">
                  ({v.count}
                  <span className="visually-hidden"> {v.count === 1 ? 'product' : 'products'}</span>
                  )
                </span>
              </label>
            </li>
          )
        })}
      </ul>
    </fieldset>
  )
}

function Pagination({ filter, totalPages }: { filter: ProductFilter; totalPages: number }) {
  if (totalPages <= 1) return null
  const current = filter.page
  const pages = [
    ...new Set([1, current - 2, current - 1, current, current + 1, current + 2, totalPages]),
  ]
    .filter((p) => p >= 1 && p <= totalPages)
    .sort((a, b) => a - b)
  return (
    <nav aria-label="Pages">
      <ul className="pagination">
        {current > 1 ? (
          <li>
            <Link href={productsHref({ ...filter, page: current - 1 })} rel="prev">
              ← Previous
            </Link>
          </li>
        ) : null}
        {pages.map((p, i) => (
          <li key={p}>
            {i > 0 && p - pages[i - 1]! > 1 ? <span aria-hidden="true">…</span> : null}
            {p === current ? (
              <span aria-current="page">
                <span className="visually-hidden">Page </span>
                {p}
              </span>
            ) : (
              <Link href={productsHref({ ...filter, page: p })}>
                <span className="visually-hidden">Page </span>
                {p}
              </Link>
            )}
          </li>
        ))}
        {current < totalPages ? (
          <li>
            <Link href={productsHref({ ...filter, page: current + 1 })} rel="next">
              Next →
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}

export default async function ProductsPage({ searchParams }: Props) {
  const sp = await searchParams
  const view = parseView(sp)
  if (!view.ok) {
    return (
      <>
        <h1>Knowledge products</h1>
        <div className="error-box" role="alert">
          <h2>This search cannot be shown</h2>
          <ul>
            {view.issues.map((i) => (
              <li key={`${i.param}:${i.message}`}>
                {i.param ? <code>{i.param}</code> : null} {i.message}
              </li>
            ))}
          </ul>
          <p>
            <Link href="/products">Start a new search</Link>
          </p>
        </div>
      </>
    )
  }
  // One view, one URL: any other spelling of the same filter redirects to the canonical one.
  if (rawQuery(sp) !== view.query) redirect(view.query ? `/products?${view.query}` : '/products')

  const { filter } = view
  const client = await cms()
  // One round trip: the ranked page, its snippets and the facet counts for the same filter.
  const page = await client.products.search(filter, { include: ['facets'] })
  if (filter.q && page.totalDocs === 0) reportUnmetSearch(filter.q)
  const f: Facets['facets'] = page.facets!.facets
  const labels = {
    themes: labelMap(f.themes),
    partnerships: labelMap(f.partnerships),
    programmes: labelMap(f.programmes),
  }
  const described = describeFilter(filter, labels)
  const url = absoluteUrl(view.query ? `/products?${view.query}` : '/products')
  const exportQs = exportQuery(filter)
  const read = readNow()
  const cite = {
    title: `${SITE_NAME}: knowledge products`,
    filters: described || undefined,
    records: { count: page.totalDocs, noun: 'knowledge product' },
    publisher: PUBLISHER,
    // A dated view stays dated to its own moment; any other is dated to now.
    url: absoluteUrl(`/products?${canonicalQuery({ ...filter, asOf: filter.asOf ?? read.value })}`),
    accessed: read.at,
  }
  const asOf = filter.asOf ? { value: filter.asOf, at: asOfInstant(filter.asOf)! } : undefined
  // Records shown as they are today, though they changed after the view's date.
  const changedSince = asOf
    ? page.docs.filter((p) => Date.parse(p.updatedAt) > asOf.at.getTime())
    : []
  const first = (filter.page - 1) * filter.limit + 1
  const last = first + page.docs.length - 1

  return (
    <>
      <JsonLd
        data={{
          '@context': 'https://schema.org',
          '@type': 'Dataset',
          name: `${SITE_NAME}: knowledge products${described ? ` (${described})` : ''}`,
          description: `${page.totalDocs} knowledge products of the Dialogue and Dissent partnerships.`,
          url,
          publisher: { '@type': 'Organization', name: PUBLISHER },
          license: DATA_LICENCE.url,
          distribution: EXPORT_FORMATS.map((x) => ({
            '@type': 'DataDownload',
            name: x.label,
            encodingFormat: x.mime,
            contentUrl: exportHref(x, exportQs),
          })),
        }}
      />
      <h1>Knowledge products</h1>
      {asOf ? (
        <DatedNotice
          label={asOfLabel(asOf)}
          currentHref={productsHref({ ...filter, asOf: undefined, page: 1 })}
        >
          <p>
            Products first published after then are left out of the results and of the counts beside
            the filters.
            {changedSince.length > 0 ? (
              <>
                {' '}
                <strong>
                  {changedSince.length} of the products on this page changed after then and are
                  shown as they are today
                </strong>{' '}
                ({changedSince.map((p) => p.title).join('; ')}): the map cannot show their earlier
                versions, nor say whether they matched this view then.
              </>
            ) : (
              ' None of the products on this page changed since.'
            )}{' '}
            Products taken off the map since then cannot be shown.
          </p>
        </DatedNotice>
      ) : null}
      <div className="search-layout">
        <ProductSearchForm id="product-search">
          <div className="search-bar">
            <div className="field">
              <label htmlFor="q">Search titles, summaries and keywords</label>
              <input type="search" id="q" name="q" defaultValue={filter.q ?? ''} maxLength={200} />
            </div>
            <div className="field">
              <label htmlFor="sort">Order</label>
              {/* The default order follows the search text: a new search is ranked by relevance. */}
              <select
                id="sort"
                name="sort"
                defaultValue={filter.sort === defaultProductSort(filter) ? '' : filter.sort}
              >
                <option value="">Best match when searching, else newest</option>
                {PRODUCT_SORTS.filter((s) => s !== 'relevance').map((s) => (
                  <option key={s} value={s}>
                    {SORT_LABEL[s]}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">Search</button>
          </div>
          <div className="facets">
            <FacetGroup legend="Theme" name="theme" values={f.themes} selected={filter.themes} />
            <FacetGroup
              legend="Programme"
              name="programme"
              values={f.programmes}
              selected={filter.programmes}
            />
            <FacetGroup
              legend="Type"
              name="type"
              values={f.types}
              selected={filter.types}
              hideEmpty
            />
            <fieldset>
              <legend>Year</legend>
              <div className="years">
                <div className="field">
                  <label htmlFor="yearFrom">From</label>
                  <input
                    type="number"
                    id="yearFrom"
                    name="yearFrom"
                    inputMode="numeric"
                    min={1990}
                    max={2100}
                    defaultValue={filter.yearFrom ?? ''}
                  />
                </div>
                <div className="field">
                  <label htmlFor="yearTo">To</label>
                  <input
                    type="number"
                    id="yearTo"
                    name="yearTo"
                    inputMode="numeric"
                    min={1990}
                    max={2100}
                    defaultValue={filter.yearTo ?? ''}
                  />
                </div>
              </div>
              {f.years.some((y) => y.count > 0) ? (
                <ul className="facet-options" aria-label="Products per year">
                  {f.years
                    .filter((y) => y.count > 0)
                    .map((y) => (
                      <li key={y.value}>
                        <Link
                          href={productsHref({
                            ...filter,
                            yearFrom: Number(y.value),
                            yearTo: Number(y.value),
                            page: 1,
                          })}
                        >
                          {y.value}
                        </Link>{' '}
                        <span className="facet-count">
                          ({y.count}
                          <span className="visually-hidden">
                            {' '}
                            {y.count === 1 ? 'product' : 'products'}
                          </span>
                          )
                        </span>
                      </li>
                    ))}
                </ul>
              ) : null}
            </fieldset>
            <FacetGroup
              legend="Language"
              name="language"
              values={f.languages}
              selected={filter.languages}
              hideEmpty
            />
            <FacetGroup
              legend="Country or region"
              name="country"
              values={f.countries}
              selected={filter.countries}
              hideEmpty
            />
            <FacetGroup
              legend="Partnership"
              name="partnership"
              values={f.partnerships}
              selected={filter.partnerships}
              hideEmpty
            />
            {filter.learningNeeds.map((need) => (
              <input key={need} type="hidden" name="need" value={need} />
            ))}
            {filter.limit !== 20 ? <input type="hidden" name="limit" value={filter.limit} /> : null}
            <button type="submit">Apply filters</button> <Link href="/products">Clear all</Link>
          </div>
        </ProductSearchForm>

        <section id="results" aria-labelledby="results-heading" aria-busy="false">
          <div className="results-head">
            <h2 id="results-heading" aria-live="polite">
              {page.totalDocs} {page.totalDocs === 1 ? 'product' : 'products'}
              {described ? <span className="muted"> · {described}</span> : null}
            </h2>
            {page.docs.length > 0 ? (
              <p className="muted">
                Showing {first}–{last}
              </p>
            ) : null}
          </div>
          {filter.learningNeeds.length > 0 ? (
            <p>
              Products that address the learning need
              {filter.learningNeeds.length > 1 ? 's' : ''}{' '}
              {filter.learningNeeds.map((n, i) => (
                <span key={n}>
                  {i > 0 ? ', ' : ''}
                  <Link href={`/learning-needs/${n}`}>{n}</Link>
                </span>
              ))}{' '}
              (<Link href={productsHref({ ...filter, learningNeeds: [], page: 1 })}>remove</Link>)
            </p>
          ) : null}
          {page.docs.length === 0 ? (
            <div className="panel">
              <p>
                {filter.page > 1 && page.totalDocs > 0 ? (
                  <>
                    There is no page {filter.page}.{' '}
                    <Link href={productsHref({ ...filter, page: 1 })}>Go to the first page</Link>.
                  </>
                ) : (
                  <>No published product matches this view yet: this is a gap in the map.</>
                )}
              </p>
              {page.didYouMean ? (
                <p data-did-you-mean>
                  Did you mean{' '}
                  <Link href={productsHref({ ...filter, q: page.didYouMean, page: 1 })}>
                    <strong>{page.didYouMean}</strong>
                  </Link>
                  ?
                </p>
              ) : null}
            </div>
          ) : (
            <ProductList products={page.docs} hits={filter.q ? page.hits : undefined} />
          )}
          <Pagination filter={filter} totalPages={page.totalPages} />

          <FollowLink path={feedPath(filter)} what="this view" />
          <div className="panel">
            <h2>Export this view</h2>
            <ul className="export-links">
              {EXPORT_FORMATS.map((x) => (
                <li key={x.key}>
                  <a href={exportHref(x, exportQs)} data-export={x.key}>
                    {x.label}
                  </a>
                </li>
              ))}
            </ul>
          </div>
          <ViewCitation view={cite} />
        </section>
      </div>
    </>
  )
}
