/** "Did you mean": the nearest indexed word to a word that matched nothing. */

/**
 * Edit distance with adjacent transpositions (optimal string alignment: "lnad" is one edit from
 * "land"), stopping early once it exceeds `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let before: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, before[j - 2]! + 1)
      }
      row.push(v)
      if (v < best) best = v
    }
    if (best > max) return max + 1
    before = prev
    prev = row
  }
  return prev[b.length]!
}

/**
 * The best correction among the engine's indexed words: the fewest edits (at most 1 for short
 * words, 2 from 6 letters), then the most documents, then alphabetical. None if too far.
 */
export function nearestWords(
  word: string,
  candidates: { term: string; docs: number }[],
): string | undefined {
  const max = word.length >= 6 ? 2 : 1
  let best: { term: string; docs: number; d: number } | undefined
  for (const c of candidates) {
    if (c.term === word) continue
    const d = editDistance(word, c.term, max)
    if (d > max) continue
    if (
      !best ||
      d < best.d ||
      (d === best.d && (c.docs > best.docs || (c.docs === best.docs && c.term < best.term)))
    ) {
      best = { ...c, d }
    }
  }
  return best?.term
}
