/** Snippets: a record's own text with the words the query matched marked, for highlighting. */
import type { Snippet } from '@repo/types'

import { fold, matchesWord, type queryMatchers } from './analyze'

type Matchers = ReturnType<typeof queryMatchers>

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu

/** Splits `text` into marked and unmarked parts (adjacent unmarked text is one part). */
function mark(text: string, m: Matchers | undefined): Snippet {
  if (!m) return text ? [{ text, match: false }] : []
  const out: Snippet = []
  const push = (part: string, match: boolean) => {
    if (!part) return
    const last = out[out.length - 1]
    if (last && last.match === match && !match) last.text += part
    else out.push({ text: part, match })
  }
  let at = 0
  for (const found of text.matchAll(WORD)) {
    const start = found.index
    push(text.slice(at, start), false)
    push(found[0], matchesWord(fold(found[0]), m))
    at = start + found[0].length
  }
  push(text.slice(at), false)
  return out
}

/** The whole title, marked. */
export function titleSnippet(title: string, m: Matchers | undefined): Snippet {
  return mark(title, m)
}

/**
 * About `words` words of the summary around its first match (all of it when short), marked, with
 * an ellipsis where text was cut.
 */
export function summarySnippet(
  summary: string | null | undefined,
  m: Matchers | undefined,
  words = 32,
): Snippet {
  if (!summary) return []
  const spans = [...summary.matchAll(WORD)].map((w) => ({
    start: w.index,
    end: w.index + w[0].length,
    word: w[0],
  }))
  if (spans.length <= words) return mark(summary, m)
  const first = m ? spans.findIndex((s) => matchesWord(fold(s.word), m)) : -1
  const from = Math.max(0, Math.min(spans.length - words, (first === -1 ? 0 : first) - 8))
  const to = from + words - 1
  const start = from === 0 ? 0 : spans[from]!.start
  const end = to >= spans.length - 1 ? summary.length : spans[to]!.end
  const out = mark(summary.slice(start, end), m)
  if (from > 0) out.unshift({ text: '… ', match: false })
  if (end < summary.length) out.push({ text: ' …', match: false })
  return out
}
