/**
 * The query a filter form gives, as the browser would send it for a GET submit, minus empty
 * fields (they mean "no filter") and the page (a new search starts on page 1). Dependency-free so
 * that the client bundle stays small: the server turns it into the canonical URL.
 */
export function formQuery(entries: Iterable<[string, FormDataEntryValue]>): string {
  const params = new URLSearchParams()
  for (const [key, value] of entries) {
    if (typeof value !== 'string' || key === 'page') continue
    const v = value.trim()
    if (v !== '') params.append(key, v)
  }
  return params.toString()
}
