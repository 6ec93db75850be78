/**
 * The terms of a "more like this" query and how a candidate matches them, independent of the
 * search engine: a record's words (title over keywords over description), without function
 * words, each standing for its stems, ranked by how distinctive they are in the other
 * collection (bm25's IDF) times how prominent they are in the record.
 */
import { isFunctionWord, type SearchSource, stemsOf, tokens } from '../search/analyze'

/** How much a word counts per occurrence in each field of the record asking. */
const FIELD_WEIGHT = { title: 3, keywords: 2, summary: 1 } as const

/** The most terms a query carries: enough for a long description, few enough to stay fast. */
export const MAX_TERMS = 12

/**
 * The most records the chosen terms may match together. bm25 scores every record an OR query
 * matches, so a common word costs time in proportion to its frequency (one in 28,000 of 95,000
 * products took 70 ms) while adding little: a term that would pass the budget is left out.
 */
export const DOC_BUDGET = 2_500

export type Term = {
  /** The word as it appears (folded), for the why. */
  word: string
  /** Its stems in the three languages: a candidate matches the term through any of them. */
  stems: string[]
  /** Prominence in the record times IDF in the other collection. */
  weight: number
  /** How many records of the other collection hold it. */
  docs: number
}

/** The record's content words, keyed by their first stem, with their weighted frequency. */
export function contentWords(
  source: SearchSource,
): Map<string, { word: string; stems: Set<string>; tf: number }> {
  const out = new Map<string, { word: string; stems: Set<string>; tf: number }>()
  for (const field of ['title', 'keywords', 'summary'] as const) {
    for (const word of source[field].flatMap((t) => tokens(t))) {
      if (word.length < 3 || /^\d+$/.test(word) || isFunctionWord(word)) continue
      const stems = stemsOf(word)
      const key = stems[0]!
      const found = out.get(key)
      if (found) {
        found.tf += FIELD_WEIGHT[field]
        for (const s of stems) found.stems.add(s)
      } else out.set(key, { word, stems: new Set(stems), tf: FIELD_WEIGHT[field] })
    }
  }
  return out
}

/** bm25's IDF (always positive). */
export const idf = (records: number, docs: number): number =>
  Math.log(1 + (records - docs + 0.5) / (docs + 0.5))

/**
 * The `max` most distinctive terms of a record against the other collection's frequencies,
 * within the `budget` of matched records, then (with `docs: 0`) up to `max` words no record of
 * the other collection holds: they cannot match, and only count in `matchTerms`' weight.
 */
export function distinctiveTerms(
  words: ReturnType<typeof contentWords>,
  frequencies: { records: number; docs: Map<string, number> },
  max = MAX_TERMS,
  budget = DOC_BUDGET,
): Term[] {
  const terms: Term[] = []
  const unmatchable: Term[] = []
  for (const { word, stems, tf } of words.values()) {
    const list = [...stems]
    // The term matches a record holding any of its stems: at least as many as the commonest.
    const docs = Math.max(0, ...list.map((s) => frequencies.docs.get(s) ?? 0))
    const term = { word, stems: list, weight: tf * idf(frequencies.records, docs), docs }
    if (docs === 0) unmatchable.push(term)
    else terms.push(term)
  }
  terms.sort((a, b) => b.weight - a.weight || a.word.localeCompare(b.word))
  const chosen: Term[] = []
  let docs = 0
  for (const t of terms) {
    if (chosen.length === max) break
    if (docs + t.docs > budget) continue
    chosen.push(t)
    docs += t.docs
  }
  // Words no record holds cannot match, but they say what the record is about: they stay in
  // the weight a candidate's strength is measured against (a need about orchids matching only
  // "elections" is weak), after the query's terms.
  return [...chosen, ...unmatchable.slice(0, max)]
}

/** The terms a query searches for (those some record holds). */
export const queryTerms = (terms: Term[]): Term[] => terms.filter((t) => t.docs > 0)

/** The stems a candidate's text holds (title, summary, keywords alike). */
export function stemSet(source: SearchSource): Set<string> {
  const out = new Set<string>()
  for (const text of [...source.title, ...source.summary, ...source.keywords]) {
    for (const word of tokens(text)) for (const s of stemsOf(word)) out.add(s)
  }
  return out
}

/**
 * Which terms a candidate matches, and their share of the query's weight (0–1): the
 * "strength" of a suggestion, comparable across records (bm25 scores are not).
 */
export function matchTerms(
  terms: Term[],
  candidate: Set<string>,
): { words: string[]; strength: number } {
  const total = terms.reduce((n, t) => n + t.weight, 0)
  const matched = terms.filter((t) => t.stems.some((s) => candidate.has(s)))
  const got = matched.reduce((n, t) => n + t.weight, 0)
  return { words: matched.map((t) => t.word), strength: total > 0 ? got / total : 0 }
}
