import { describe, expect, it } from 'vitest'

import { stemsOf } from '../src/search/analyze'
import {
  contentWords,
  distinctiveTerms,
  matchTerms,
  queryTerms,
  stemSet,
} from '../src/suggest/terms'

const source = (title: string, summary = '', keywords: string[] = []) => ({
  title: [title],
  summary: [summary],
  keywords,
})
const frequencies = (records: number, docs: Record<string, number>) => ({
  records,
  docs: new Map(Object.entries(docs).flatMap(([w, n]) => stemsOf(w).map((s) => [s, n] as const))),
})

describe('the terms of a more-like-this query', () => {
  it('should leave out function words, numbers, short words and words nothing else holds', () => {
    const words = contentWords(source('The rights of women in 2020', 'and of an ox'))
    expect([...words.values()].map((w) => w.word).sort()).toEqual(['rights', 'women'])
    const terms = distinctiveTerms(words, frequencies(100, { women: 10 }))
    expect(queryTerms(terms).map((t) => t.word)).toEqual(['women'])
    // "rights" is in no record: not searched for, but it weighs against a match on "women".
    expect(terms.map((t) => [t.word, t.docs])).toEqual([
      ['women', 10],
      ['rights', 0],
    ])
    expect(matchTerms(terms, stemSet(source('Women'))).strength).toBeLessThan(0.5)
  })

  it('should rank rare words and title words first', () => {
    const words = contentWords(source('Water governance', 'Budgets of water boards, budgets again'))
    const terms = distinctiveTerms(
      words,
      frequencies(1000, { water: 500, governance: 5, budgets: 5 }),
    )
    expect(queryTerms(terms).map((t) => t.word)).toEqual(['governance', 'budgets', 'water'])
  })

  it('should keep the records the terms match together within the budget', () => {
    const words = contentWords(source('Local civic space for rare sovereignty'))
    const f = frequencies(100_000, {
      local: 47_000,
      civic: 16_000,
      space: 35_000,
      rare: 40,
      sovereignty: 3_700,
    })
    const terms = distinctiveTerms(words, f, 12, 5_000)
    expect(terms.map((t) => t.word).sort()).toEqual(['rare', 'sovereignty'])
    expect(terms.reduce((n, t) => n + t.docs, 0)).toBeLessThanOrEqual(5_000)
  })

  it('should say which terms a candidate matches through any stem, and their share of the weight', () => {
    const words = contentWords(source('Evaluations of partnerships'))
    const terms = distinctiveTerms(words, frequencies(10, { evaluations: 2, partnerships: 2 }))
    const m = matchTerms(terms, stemSet(source('An evaluation')))
    expect(m.words).toEqual(['evaluations'])
    expect(m.strength).toBeCloseTo(0.5)
    expect(matchTerms(terms, stemSet(source('Nothing alike'))).strength).toBe(0)
  })
})
