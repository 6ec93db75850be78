/**
 * Text analysis shared by every search adapter, at index and at query time alike: fold case and
 * diacritics, split into words, stem. The engines then only match tokens, so SQLite FTS5 and
 * MongoDB's text index find the same records for the same query.
 *
 * Stemming: the map's texts are English, Dutch and French, and a record's language field is
 * often missing or lists several. Each word is indexed under its Snowball stems in all three
 * languages (usually one or two distinct tokens), and a query word matches any of its own three
 * stems. So "reports" finds "report", "verkiezingen" finds "verkiezing", "femmes" finds "femme".
 */
import { stemmer as dutch } from '@orama/stemmers/dutch'
import { stemmer as english } from '@orama/stemmers/english'
import { stemmer as french } from '@orama/stemmers/french'
import { stopwords as dutchStop } from '@orama/stopwords/dutch'
import { stopwords as englishStop } from '@orama/stopwords/english'
import { stopwords as frenchStop } from '@orama/stopwords/french'
import { parseSearchText, type SearchItem, type SearchText, wordsOf } from '@repo/types'

const STEMMERS = [english, dutch, french] as const

/** Lower case, no diacritics (é → e, ß stays), NFKC-normalised (full-width → ASCII). */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .normalize('NFKC')
}

/** The folded words of a text. */
export function tokens(text: string | null | undefined): string[] {
  if (!text) return []
  return wordsOf(fold(text))
}

const stemCache = new Map<string, string[]>()

/** The distinct stems of a folded word (English, Dutch, French), the word itself first if a stem. */
export function stemsOf(word: string): string[] {
  let found = stemCache.get(word)
  if (!found) {
    found = [...new Set(STEMMERS.map((s) => s(word)).filter((s) => s.length > 0))]
    if (found.length === 0) found = [word]
    if (stemCache.size > 50_000) stemCache.clear()
    stemCache.set(word, found)
  }
  return found
}

/** Function words of the three languages: left out of a query's AND (never of the index). */
const STOPWORDS = new Set([...englishStop, ...dutchStop, ...frenchStop].map((w) => fold(w)))

/** Is a folded word a function word of English, Dutch or French? */
export const isFunctionWord = (word: string): boolean => STOPWORDS.has(word)

/** The fields a searchable record contributes, by weight: title over summary over keywords. */
export type SearchSource = { title: string[]; summary: string[]; keywords: string[] }

/** What the index stores per record: each field as folded words and as stems. */
export type AnalyzedDocument = {
  title: string
  summary: string
  keywords: string
  titleExact: string
  summaryExact: string
  keywordsExact: string
}

function analyzeField(texts: string[]): { stems: string; exact: string } {
  const words = texts.flatMap((t) => tokens(t))
  return { exact: words.join(' '), stems: words.flatMap((w) => stemsOf(w)).join(' ') }
}

/** The index columns of a record. */
export function analyzeDocument(source: SearchSource): AnalyzedDocument {
  const title = analyzeField(source.title)
  const summary = analyzeField(source.summary)
  const keywords = analyzeField(source.keywords)
  return {
    title: title.stems,
    summary: summary.stems,
    keywords: keywords.stems,
    titleExact: title.exact,
    summaryExact: summary.exact,
    keywordsExact: keywords.exact,
  }
}

/** One query item after analysis. */
export type AnalyzedItem =
  /** A word: matches any of its stems. */
  | { kind: 'stems'; stems: string[]; word: string }
  /** `word*`: any indexed word starting with the folded prefix. */
  | { kind: 'prefix'; prefix: string }
  /** `"a b"`: the folded words, adjacent and in order. */
  | { kind: 'phrase'; words: string[] }

/** A search text ready for an engine: AND of ORs, minus exclusions. */
export type AnalyzedQuery = { groups: AnalyzedItem[][]; exclude: AnalyzedItem[] }

function analyzeItem(item: SearchItem): AnalyzedItem | undefined {
  if (item.kind === 'phrase') {
    const words = item.words.flatMap((w) => tokens(w))
    if (words.length === 0) return undefined
    if (words.length === 1) return { kind: 'stems', stems: stemsOf(words[0]!), word: words[0]! }
    return { kind: 'phrase', words }
  }
  const words = tokens(item.text)
  if (words.length === 0) return undefined
  if (words.length > 1) return { kind: 'phrase', words }
  const word = words[0]!
  if (item.prefix) return { kind: 'prefix', prefix: word }
  return { kind: 'stems', stems: stemsOf(word), word }
}

const isStopword = (group: AnalyzedItem[]) =>
  group.length === 1 && group[0]!.kind === 'stems' && STOPWORDS.has(group[0]!.word)

/**
 * A parsed search text for the engines. Function words ("the", "de", "les") are dropped from the
 * AND unless the query has nothing else, so "rights of women" also finds "women's rights".
 */
export function analyzeQuery(text: SearchText | string): AnalyzedQuery {
  const parsed = typeof text === 'string' ? parseSearchText(text) : text
  const groups = parsed.groups
    .map((g) => g.map(analyzeItem).filter((i): i is AnalyzedItem => i !== undefined))
    .filter((g) => g.length > 0)
  const content = groups.filter((g) => !isStopword(g))
  return {
    groups: content.length > 0 ? content : groups,
    exclude: parsed.exclude.map(analyzeItem).filter((i): i is AnalyzedItem => i !== undefined),
  }
}

/** Every token a query can match (stems, prefixes, phrase words): what a snippet highlights. */
export function queryMatchers(query: AnalyzedQuery): {
  stems: Set<string>
  prefixes: string[]
  words: Set<string>
} {
  const stems = new Set<string>()
  const prefixes: string[] = []
  const words = new Set<string>()
  for (const item of query.groups.flat()) {
    if (item.kind === 'stems') for (const s of item.stems) stems.add(s)
    else if (item.kind === 'prefix') prefixes.push(item.prefix)
    else for (const w of item.words) words.add(w)
  }
  return { stems, prefixes, words }
}

/** Does a folded word of a record match the query (for highlighting)? */
export function matchesWord(word: string, m: ReturnType<typeof queryMatchers>): boolean {
  if (m.words.has(word)) return true
  if (m.prefixes.some((p) => word.startsWith(p))) return true
  return stemsOf(word).some((s) => m.stems.has(s))
}
