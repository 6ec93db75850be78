import {
  apaReference,
  citation,
  type CitableProduct,
  type CitationOptions,
  type CitationStyle,
} from '@repo/types'

import { CopyButton } from './CopyButton'

const STYLES: { style: CitationStyle; label: string }[] = [
  { style: 'apa', label: 'APA' },
  { style: 'ris', label: 'RIS' },
  { style: 'bibtex', label: 'BibTeX' },
]

/**
 * The product's citation in APA (title in italics, as APA 7 sets it), RIS and BibTeX, each with
 * a copy button. `options` give files their public URL and a product without a link its page.
 */
export function Citations({
  product,
  options,
}: {
  product: CitableProduct
  options: CitationOptions
}) {
  return (
    <section aria-labelledby="cite-heading" className="citations">
      <h2 id="cite-heading">Cite this product</h2>
      {STYLES.map(({ style, label }) => {
        const text = citation(product, style, options)
        const id = `citation-${style}`
        const apa = style === 'apa' ? apaReference(product, options) : undefined
        return (
          <div className="citation" key={style}>
            <div className="citation-head">
              <h3 id={`${id}-label`}>{label}</h3>
              <CopyButton text={text} label={`Copy ${label}`} />
            </div>
            <pre id={id} aria-labelledby={`${id}-label`} data-citation={style} tabIndex={0}>
              {apa ? (
                <>
                  {apa.before}
                  <i>{apa.title}</i>
                  {apa.after}
                </>
              ) : (
                text
              )}
            </pre>
          </div>
        )
      })}
    </section>
  )
}
