import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  formatSearchText,
  hasSearchTerms,
  MAX_SEARCH_ITEMS,
  parseSearchText,
} from '../src/searchText.js'

const piece = fc.oneof(
  fc.constantFrom('"', '-', '*', 'OR', 'or', ' ', '  ', '(', ')', "'", 'land', 'rights', 'é'),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
)
const text = fc.array(piece, { maxLength: 20 }).map((p) => p.join(''))

describe('the search text syntax', () => {
  it('should read words, phrases, prefixes, OR and exclusions', () => {
    expect(parseSearchText('land rights')).toEqual({
      groups: [
        [{ kind: 'word', text: 'land', prefix: false }],
        [{ kind: 'word', text: 'rights', prefix: false }],
      ],
      exclude: [],
    })
    expect(parseSearchText('"land rights" partic* -oil gender OR inclusion -"oil palm"')).toEqual({
      groups: [
        [{ kind: 'phrase', words: ['land', 'rights'] }],
        [{ kind: 'word', text: 'partic', prefix: true }],
        [
          { kind: 'word', text: 'gender', prefix: false },
          { kind: 'word', text: 'inclusion', prefix: false },
        ],
      ],
      exclude: [
        { kind: 'word', text: 'oil', prefix: false },
        { kind: 'phrase', words: ['oil', 'palm'] },
      ],
    })
  })

  it('should read hyphenated and elided words as phrases, and stray syntax as nothing', () => {
    expect(parseSearchText("co-operation l'homme").groups).toEqual([
      [{ kind: 'phrase', words: ['co', 'operation'] }],
      [{ kind: 'phrase', words: ['l', 'homme'] }],
    ])
    for (const q of ['-', '"', '***', 'OR', '- OR -', '""']) {
      expect(hasSearchTerms(parseSearchText(q)), q).toBe(false)
    }
    expect(hasSearchTerms(parseSearchText('-oil'))).toBe(false)
  })

  it('should never throw, and read its own canonical form back the same', () => {
    fc.assert(
      fc.property(text, (q) => {
        const parsed = parseSearchText(q)
        expect(parseSearchText(formatSearchText(parsed))).toEqual(parsed)
        expect(parsed.groups.length + parsed.exclude.length).toBeLessThanOrEqual(
          2 * MAX_SEARCH_ITEMS,
        )
        for (const item of [...parsed.groups.flat(), ...parsed.exclude]) {
          const words = item.kind === 'word' ? [item.text] : item.words
          for (const w of words) expect(w).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}\p{M}]*$/u)
        }
      }),
      { numRuns: 2000, seed: 20261201 },
    )
  })
})
