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
