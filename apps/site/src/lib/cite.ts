import { LANGUAGES, PRODUCT_TYPES, type ProductFilter } from '@repo/types'

type Labels = Partial<Record<'themes' | 'partnerships' | 'programmes', Map<string, string>>>

const typeLabel = new Map<string, string>(PRODUCT_TYPES.map((t) => [t.value, t.label]))
const languageLabel = new Map<string, string>(LANGUAGES.map((l) => [l.value, l.label]))

/** A human description of a product filter: "theme: Environmental rights; type: Toolkit". */
export function describeFilter(filter: ProductFilter, labels: Labels = {}): string {
  const parts: string[] = []
  const list = (name: string, values: readonly string[], label?: Map<string, string>) => {
    if (values.length > 0)
      parts.push(`${name}: ${values.map((v) => label?.get(v) ?? v).join(', ')}`)
  }
  if (filter.q) parts.push(`text: “${filter.q}”`)
  list('programme', filter.programmes, labels.programmes)
  list('partnership', filter.partnerships, labels.partnerships)
  list('theme', filter.themes, labels.themes)
  list('learning need', filter.learningNeeds)
  list('type', filter.types, typeLabel)
  list('language', filter.languages, languageLabel)
  list('country', filter.countries)
  if (filter.yearFrom !== undefined || filter.yearTo !== undefined) {
    parts.push(`years: ${filter.yearFrom ?? '…'}–${filter.yearTo ?? '…'}`)
  }
  return parts.join('; ')
}

/**
 * An APA-style citation of a search view (a data set query): the publisher, the year of access,
 * the query in words, the number of records, the date retrieved and the view's URL.
 */
export function citeView(init: {
  filter: ProductFilter
  total: number
  url: string
  retrieved: Date
  labels?: Labels
  publisher: string
  siteName: string
}): string {
  const what = describeFilter(init.filter, init.labels)
  const date = init.retrieved.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
  const records = `${init.total} knowledge product${init.total === 1 ? '' : 's'}`
  return `${init.publisher}. (${init.retrieved.getUTCFullYear()}). ${init.siteName}: ${
    what ? `knowledge products (${what})` : 'all knowledge products'
  } [Data set, ${records}]. Retrieved ${date}, from ${init.url}`
}
