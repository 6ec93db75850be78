import { parseFilter, toSearchParams } from '@repo/types'
import { describe, expect, it } from 'vitest'

import { describeFilter } from './cite'
import { formQuery } from './form'
import { canonicalQuery, exportQuery, parseView, productsHref, rawQuery, toggle } from './search'

/** What a browser sends when the filter form is submitted: fields in form order, empties kept. */
const formEntries = (pairs: [string, string][]): [string, FormDataEntryValue][] => pairs

describe('URL ⇄ filter in the products page', () => {
  it('should turn a submitted form into the canonical URL, and that URL back into the same filter', () => {
    const submitted = formEntries([
      ['q', '  civic space '],
      // The form's default order: empty, so a search text ranks by relevance.
      ['sort', ''],
      ['theme', 'gender-equality-and-inclusion'],
      ['theme', 'environmental-rights'],
      ['programme', 'dialogue-and-dissent'],
      ['type', 'toolkit'],
      ['yearFrom', '2017'],
      ['yearTo', ''],
      ['language', 'fr'],
      ['country', 'Kenya'],
      ['page', '4'],
    ])
    const query = formQuery(submitted)
    expect(query).not.toContain('yearTo')
    expect(query).not.toContain('page')
    const view = parseView(query)
    expect(view.ok).toBe(true)
    if (!view.ok) return
    expect(view.query).toBe(
      'q=civic+space&programme=dialogue-and-dissent&theme=environmental-rights&theme=gender-equality-and-inclusion&type=toolkit&language=fr&country=Kenya&yearFrom=2017',
    )
    // Round trip: the canonical URL parses to the same filter and prints to the same URL.
    const again = parseView(view.query)
    expect(again).toEqual(view)
    expect(parseFilter(view.query)).toEqual(view.filter)
    expect(canonicalQuery(view.filter)).toBe(toSearchParams(view.filter).toString())
  })

  it('should give every spelling of one view the same URL', () => {
    const a = parseView('?type=tool&theme=b&theme=a&theme=a&sort=-year&page=1&q=')
    const b = parseView({ theme: ['a', 'b'], type: 'tool' })
    expect(a.ok && b.ok && a.query === b.query).toBe(true)
    if (a.ok) expect(a.query).toBe('theme=a&theme=b&type=tool')
  })

  it('should tell when the URL that arrived is not the canonical one', () => {
    const arrived = { type: 'tool', theme: ['b', 'a'] }
    const view = parseView(arrived)
    expect(view.ok).toBe(true)
    if (!view.ok) return
    expect(rawQuery(arrived)).toBe('type=tool&theme=b&theme=a')
    expect(rawQuery(arrived)).not.toBe(view.query)
    expect(rawQuery({ theme: ['a', 'b'], type: 'tool' })).toBe(view.query)
  })

  it('should report bad parameters by name instead of ignoring them', () => {
    const view = parseView('?yearFrom=2020&yearTo=2010&themes=typo')
    expect(view.ok).toBe(false)
    if (view.ok) return
    expect(view.issues.map((i) => i.param)).toContain('themes')
    const years = parseView('?yearFrom=2020&yearTo=2010')
    expect(years.ok).toBe(false)
    if (!years.ok) expect(years.issues[0]!.param).toBe('yearTo')
  })

  it('should toggle a facet value and go back to page 1', () => {
    const view = parseView('?theme=a&page=3')
    if (!view.ok) throw new Error('expected a valid view')
    const added = toggle(view.filter, 'themes', 'b')
    expect(productsHref(added)).toBe('/products?theme=a&theme=b')
    const removed = toggle(added, 'themes', 'a')
    expect(productsHref(removed)).toBe('/products?theme=b')
    expect(productsHref(toggle(removed, 'themes', 'b'))).toBe('/products')
    expect(productsHref({ ...view.filter, page: 2 })).toBe('/products?theme=a&page=2')
  })

  it('should export the view without its paging', () => {
    const view = parseView('?theme=a&sort=title&page=3&limit=50')
    if (!view.ok) throw new Error('expected a valid view')
    expect(exportQuery(view.filter)).toBe('theme=a&sort=title')
  })
})

describe('citing a view', () => {
  it('should describe the filter in words with labels', () => {
    const filter = parseFilter('?theme=environmental-rights&type=toolkit&yearFrom=2018&language=fr')
    const labels = {
      themes: new Map([['environmental-rights', 'Protecting environmental rights']]),
    }
    expect(describeFilter(filter, labels)).toBe(
      'theme: Protecting environmental rights; type: Toolkit; language: French; years: 2018–…',
    )
    expect(describeFilter(parseFilter(''))).toBe('')
  })
})
