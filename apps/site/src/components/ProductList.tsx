import { type Hit, PRODUCT_TYPES, type Product, type ProductRef, type Snippet } from '@repo/types'
import Link from 'next/link'

import { truncate } from '@/lib/seo'

import { ThemeChip } from './Chips'

export const TYPE_LABEL = new Map<string, string>(PRODUCT_TYPES.map((t) => [t.value, t.label]))

/** Text with the search's matches in `<mark>` (plain text parts, never HTML). */
export function Marked({ snippet }: { snippet: Snippet }) {
  return (
    <>{snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}</>
  )
}

/**
 * A list of products with their type, year, partnerships and themes. With `hits` (a search's,
 * in the same order), titles and summaries show the matched words highlighted.
 */
export function ProductList({
  products,
  hits,
  headingLevel = 3,
}: {
  products: Product[]
  hits?: Hit[]
  headingLevel?: 2 | 3
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3'
  const hitOf = new Map((hits ?? []).map((h) => [String(h.id), h]))
  return (
    <ol className="results">
      {products.map((p) => {
        const hit = hitOf.get(String(p.id))
        return (
          <li className="result" key={p.slug}>
            <H>
              <Link href={`/products/${p.slug}`}>
                {hit ? <Marked snippet={hit.snippet.title} /> : p.title}
              </Link>
            </H>
            <p className="meta-line">
              {TYPE_LABEL.get(p.type) ?? p.type}
              {p.year ? ` · ${p.year}` : ''}
              {p.partnerships.length > 0
                ? ` · ${p.partnerships.map((x) => x.name).join(', ')}`
                : ''}
            </p>
            {hit && hit.snippet.summary.some((s) => s.match) ? (
              <p className="snippet">
                <Marked snippet={hit.snippet.summary} />
              </p>
            ) : p.summary ? (
              <p>{truncate(p.summary, 240)}</p>
            ) : null}
            {p.themes.length > 0 ? (
              <ul className="chips" aria-label="Themes">
                {p.themes.map((t) => (
                  <li key={t.slug}>
                    <ThemeChip theme={t} />
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        )
      })}
    </ol>
  )
}

/** A compact list of product refs (title, type and year). */
export function ProductRefList({ products }: { products: ProductRef[] }) {
  return (
    <ul className="plain-list">
      {products.map((p) => (
        <li key={p.slug}>
          <Link href={`/products/${p.slug}`}>{p.title}</Link>{' '}
          <span className="muted">
            ({TYPE_LABEL.get(p.type) ?? p.type}
            {p.year ? `, ${p.year}` : ''})
          </span>
        </li>
      ))}
    </ul>
  )
}
