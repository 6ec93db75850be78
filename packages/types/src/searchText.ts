/**
 * The syntax of a search text (`q`): what a visitor types in the search box.
 *
 * - `land rights`: every word must match (AND);
 * - `"land rights"`: the words next to each other, in that order;
 * - `partic*`: any word starting with `partic`;
 * - `gender OR inclusion`: either (binds tighter than the implicit AND);
 * - `-mining`, `-"oil palm"`: leave out what matches.
 *
 * Parsing never fails: stray quotes, operators and punctuation are read as plainly as possible.
 * Whether a query has anything to look for is `hasSearchTerms`. Engines (the CMS's search
 * adapters) fold case and diacritics and stem the words; this module only reads the syntax.
 */

/** One thing to match: a word (optionally a prefix) or a phrase of words. */
export type SearchItem =
  { kind: 'word'; text: string; prefix: boolean } | { kind: 'phrase'; words: string[] }

/** A parsed search text: every group must match (a group matches if any item does), no exclusion may. */
export type SearchText = {
  /** AND of ORs. */
  groups: SearchItem[][]
  /** Items whose matches are left out. */
  exclude: SearchItem[]
}

/** Most groups plus exclusions a query may hold; longer queries are cut (and the page says so). */
export const MAX_SEARCH_ITEMS = 32

// Letters and digits of any script, plus joiners inside a word (l'homme, co-operation, 2018/19).
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu

/** The words of a piece of text, as the syntax sees them (case kept; engines fold). */
export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? []
}

type Token =
  | { type: 'word'; text: string; prefix: boolean; negated: boolean }
  | { type: 'phrase'; words: string[]; negated: boolean }
  | { type: 'or' }

function tokenize(input: string): Token[] {
  const out: Token[] = []
  let i = 0
  const s = input.normalize('NFC')
  while (i < s.length) {
    const ch = s[i]!
    if (/\s/u.test(ch)) {
      i++
      continue
    }
    let negated = false
    if (ch === '-' && i + 1 < s.length && !/\s/u.test(s[i + 1]!)) {
      negated = true
      i++
    }
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1)
      const body = end === -1 ? s.slice(i + 1) : s.slice(i + 1, end)
      i = end === -1 ? s.length : end + 1
      const words = wordsOf(body)
      if (words.length === 1) out.push({ type: 'word', text: words[0]!, prefix: false, negated })
      else if (words.length > 1) out.push({ type: 'phrase', words, negated })
      continue
    }
    let j = i
    while (j < s.length && !/\s/u.test(s[j]!) && s[j] !== '"') j++
    const raw = s.slice(i, j)
    i = j
    if (raw === 'OR' && !negated) {
      out.push({ type: 'or' })
      continue
    }
    const words = wordsOf(raw)
    if (words.length === 0) continue
    const prefix = raw.endsWith('*')
    if (words.length === 1) {
      out.push({ type: 'word', text: words[0]!, prefix, negated })
    } else {
      // `co-operation`, `l'homme`: the parts as a phrase, as they were written together.
      out.push({ type: 'phrase', words, negated })
    }
  }
  return out
}

const itemOf = (t: Exclude<Token, { type: 'or' }>): SearchItem =>
  t.type === 'word'
    ? { kind: 'word', text: t.text, prefix: t.prefix }
    : { kind: 'phrase', words: t.words }

/** Reads a search text. Never throws; see `hasSearchTerms` for whether anything is left. */
export function parseSearchText(input: string): SearchText {
  const tokens = tokenize(input)
  const groups: SearchItem[][] = []
  const exclude: SearchItem[] = []
  let joinNext = false
  for (const t of tokens) {
    if (t.type === 'or') {
      joinNext = groups.length > 0
      continue
    }
    if (t.negated) {
      exclude.push(itemOf(t))
      joinNext = false
      continue
    }
    if (joinNext) groups[groups.length - 1]!.push(itemOf(t))
    else groups.push([itemOf(t)])
    joinNext = false
  }
  const room = Math.max(0, MAX_SEARCH_ITEMS - exclude.length)
  return { groups: groups.slice(0, room), exclude: exclude.slice(0, MAX_SEARCH_ITEMS) }
}

/** True when the query has something to look for (not only exclusions or punctuation). */
export function hasSearchTerms(text: SearchText): boolean {
  return text.groups.length > 0
}

/** The query back as text, in canonical form (for tests and for "Showing results for …"). */
export function formatSearchText(text: SearchText): string {
  // The word "OR" itself is quoted, so it is not read back as the operator.
  const item = (i: SearchItem) =>
    i.kind === 'phrase'
      ? `"${i.words.join(' ')}"`
      : i.text === 'OR' && !i.prefix
        ? '"OR"'
        : `${i.text}${i.prefix ? '*' : ''}`
  return [
    ...text.groups.map((g) => g.map(item).join(' OR ')),
    ...text.exclude.map((i) => `-${item(i)}`),
  ].join(' ')
}
