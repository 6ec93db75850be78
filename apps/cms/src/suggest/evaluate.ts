/** Ranking quality over an evaluation set: mean precision@k and recall@k over its needs. */

export type Judgement = { need: string; relevant: { title: string }[] }

/** Share of the first `k` ranked titles that are relevant (a list shorter than k counts as k). */
export const precisionAt = (ranked: string[], relevant: Set<string>, k: number): number =>
  ranked.slice(0, k).filter((t) => relevant.has(t)).length / k

/** Share of the relevant titles found in the first `k`. */
export const recallAt = (ranked: string[], relevant: Set<string>, k: number): number =>
  relevant.size === 0 ? 0 : ranked.slice(0, k).filter((t) => relevant.has(t)).length / relevant.size

export type Quality = {
  needs: number
  precisionAt5: number
  recallAt10: number
  perNeed: { need: string; precisionAt5: number; recallAt10: number; top5: string[] }[]
}

/** Scores a ranking (need title → ranked product titles, best first) against the set. */
export async function evaluate(
  set: Judgement[],
  rank: (need: string) => Promise<string[]>,
): Promise<Quality> {
  const perNeed: Quality['perNeed'] = []
  for (const { need, relevant } of set) {
    const ranked = await rank(need)
    const good = new Set(relevant.map((r) => r.title))
    perNeed.push({
      need,
      precisionAt5: precisionAt(ranked, good, 5),
      recallAt10: recallAt(ranked, good, 10),
      top5: ranked.slice(0, 5),
    })
  }
  const mean = (f: (q: Quality['perNeed'][number]) => number) =>
    perNeed.reduce((n, q) => n + f(q), 0) / Math.max(1, perNeed.length)
  return {
    needs: perNeed.length,
    precisionAt5: mean((q) => q.precisionAt5),
    recallAt10: mean((q) => q.recallAt10),
    perNeed,
  }
}
