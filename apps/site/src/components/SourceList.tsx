import { hostOf } from '@/lib/collect'

/** The public pages a record's facts were read from, under a "Sources" heading. */
export function SourceList({
  sources,
}: {
  sources: { url: string; label?: string | null }[] | null | undefined
}) {
  if (!sources || sources.length === 0) return null
  return (
    <>
      <h3>Sources</h3>
      <ul>
        {sources.map((s) => (
          <li key={s.url}>
            <a href={s.url} rel="noopener">
              {s.label || hostOf(s.url)}
            </a>
          </li>
        ))}
      </ul>
    </>
  )
}
