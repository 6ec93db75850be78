/** How the changelog reads, on `/changes` and in its feed: one sentence per change. */
import { type Change, type ChangeFilter, changeQuery, COVERAGE } from '@repo/types'

const COVERAGE_LABEL = new Map<string, string>(COVERAGE.map((c) => [c.value, c.label]))
const NOUN = { 'knowledge-products': 'product', 'learning-needs': 'learning need' } as const

export const recordPath = (r: NonNullable<Change['record']>) =>
  `/${r.collection === 'knowledge-products' ? 'products' : 'learning-needs'}/${r.slug}`

/** The change in words, with the record it is about and the other end of a link. */
export function describeChange(c: Change): { headline: string; detail: string } {
  const title = c.record ? `“${c.record.title}”` : ''
  const noun = c.record ? NOUN[c.record.collection] : 'record'
  const related = c.related ? `“${c.related.title}”` : 'a record no longer on the map'
  switch (c.kind) {
    case 'added':
      return { headline: `New ${noun}: ${title}`, detail: 'Published on the map.' }
    case 'updated':
      return {
        headline: `Updated ${noun}: ${title}`,
        detail: `Changed: ${c.fields.join(', ')}.`,
      }
    case 'linked':
      return {
        headline: `${title} now addresses ${related}`,
        detail: 'A product was linked to a learning need.',
      }
    case 'unlinked':
      return {
        headline: `${title} no longer addresses ${related}`,
        detail: 'A product was unlinked from a learning need.',
      }
    case 'coverage': {
      const to = COVERAGE_LABEL.get(c.coverage?.to ?? 'open') ?? 'Open'
      const from = c.coverage?.from ? COVERAGE_LABEL.get(c.coverage.from) : undefined
      const by = c.related && c.coverage?.to !== 'open' ? ` by ${related}` : ''
      return {
        headline:
          c.coverage?.to === 'open'
            ? `${title} is a gap again`
            : `${title} is now ${to.toLowerCase()}${by}`,
        detail: `Coverage: ${from ? `${from} → ` : ''}${to}.${c.reason ? ` ${c.reason}` : ''}`,
      }
    }
    case 'withdrawn':
      return {
        headline: 'A record was taken off the map',
        detail: 'It is no longer public, so its title and link are not shown.',
      }
  }
}

/** `/changes` with the filter (page 1 unless given). */
export const changesHref = (filter: Partial<ChangeFilter>) => {
  const qs = changeQuery(filter)
  return qs ? `/changes?${qs}` : '/changes'
}

/** The feed of a changelog view: the same dates and themes, always its newest entries. */
export const changesFeedPath = (filter: Partial<ChangeFilter>) => {
  const qs = changeQuery({ from: filter.from, to: filter.to, themes: filter.themes })
  return qs ? `/feeds/changes.atom?${qs}` : '/feeds/changes.atom'
}
