import { PRODUCT_TYPES, type Product, type ProductRef } from '@repo/types'
import Link from 'next/link'

import { truncate } from '@/lib/seo'

import { ThemeChip } from './Chips'

export const TYPE_LABEL = new Map<string, string>(PRODUCT_TYPES.map((t) => [t.value, t.label]))

/** A list of products with their type, year, partnerships and themes. */
export function ProductList({
  products,
  headingLevel = 3,
}: {
  products: Product[]
  headingLevel?: 2 | 3
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <ol className="results">
      {products.map((p) => (
        <li className="result" key={p.slug}>
          <H>
            <Link href={`/products/${p.slug}`}>{p.title}</Link>
          </H>
          <p className="meta-line">
            {TYPE_LABEL.get(p.type) ?? p.type}
            {p.year ? ` · ${p.year}` : ''}
            {p.partnerships.length > 0 ? ` · ${p.partnerships.map((x) => x.name).join(', ')}` : ''}
          </p>
          {p.summary ? <p>{truncate(p.summary, 240)}</p> : null}
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
      ))}
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
