/**
 * How a record's facts are known: an inferred fact is said to be inferred (with what was
 * inferred), and an editorial choice (themes, a shortened title) is said to be editorial.
 */
export function Provenance({
  confidence,
  provenanceNote,
  editorialNote,
}: {
  confidence?: 'stated' | 'inferred' | null
  provenanceNote?: string | null
  editorialNote?: string | null
}) {
  if (confidence !== 'inferred' && !editorialNote) return null
  return (
    <div className="provenance" role="note" aria-label="How these facts are known">
      {confidence === 'inferred' ? (
        <p>
          <strong>Inferred from context.</strong> Some facts here are not stated by the source but
          read from its context{provenanceNote ? `: ${provenanceNote}` : '.'}
        </p>
      ) : null}
      {editorialNote ? <p className="muted">{editorialNote}</p> : null}
    </div>
  )
}
