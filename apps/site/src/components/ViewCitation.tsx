import { apaViewReference, type CitableView, viewCitation } from '@repo/types'

import { CopyButton } from './CopyButton'

const STYLES = [
  { style: 'apa', label: 'APA' },
  { style: 'ris', label: 'RIS' },
  { style: 'bibtex', label: 'BibTeX' },
] as const

/**
 * "Cite this view": the view as a data set in APA (title in italics), RIS and BibTeX, with its
 * filters in words, the access date and a dated permalink that reproduces it.
 */
export function ViewCitation({ view }: { view: CitableView }) {
  const apa = apaViewReference(view)
  return (
    <section className="panel citations" aria-labelledby="cite-view-heading">
      <h2 id="cite-view-heading">Cite this view</h2>
      <p className="muted">
        The permalink carries the moment you read this view:{' '}
        <a href={view.url} data-permalink="view">
          {view.url}
        </a>
        . Opened later, it leaves out what was published after that moment, and says what it cannot
        rebuild.
      </p>
      {STYLES.map(({ style, label }) => {
        const text = viewCitation(view, style)
        const id = `cite-view-${style}`
        return (
          <div className="citation" key={style}>
            <div className="citation-head">
              <h3 id={`${id}-label`}>{label}</h3>
              <CopyButton text={text} label={`Copy ${label}`} />
            </div>
            <pre
              id={id}
              aria-labelledby={`${id}-label`}
              data-citation={`view-${style}`}
              tabIndex={0}
            >
              {style === 'apa' ? (
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

/** The notice of a dated view: what it shows as it was, and what it cannot rebuild. */
export function DatedNotice({
  label,
  currentHref,
  children,
}: {
  label: string
  currentHref: string
  children: React.ReactNode
}) {
  return (
    <div className="panel dated-notice" role="note" data-dated-view="">
      <p>
        <strong>A dated view: the map as on {label}.</strong>{' '}
        <a href={currentHref}>See today’s view</a>.
      </p>
      {children}
    </div>
  )
}
