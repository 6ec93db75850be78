import { citation, type CitableProduct, type CitationStyle } from '@repo/types'

import { CopyButton } from './CopyButton'

const STYLES: { style: CitationStyle; label: string }[] = [
  { style: 'apa', label: 'APA' },
  { style: 'ris', label: 'RIS' },
  { style: 'bibtex', label: 'BibTeX' },
]

/** The product's citation in APA, RIS and BibTeX, each with a copy button. */
export function Citations({ product, baseUrl }: { product: CitableProduct; baseUrl: string }) {
  return (
    <section aria-labelledby="cite-heading" className="citations">
      <h2 id="cite-heading">Cite this product</h2>
      {STYLES.map(({ style, label }) => {
        const text = citation(product, style, { baseUrl })
        const id = `citation-${style}`
        return (
          <div className="citation" key={style}>
            <div className="citation-head">
              <h3 id={`${id}-label`}>{label}</h3>
              <CopyButton text={text} label={`Copy ${label}`} />
            </div>
            <pre id={id} aria-labelledby={`${id}-label`} data-citation={style} tabIndex={0}>
              {text}
            </pre>
          </div>
        )
      })}
    </section>
  )
}
