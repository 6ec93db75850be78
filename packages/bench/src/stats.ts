/** Small statistics for benchmark samples (milliseconds). */

/** The p-th percentile (0–100) of `values` by nearest rank; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}

export const median = (values: readonly number[]): number => percentile(values, 50)

/** Rounds for tables and JSON: 2 significant decimals below 10, 1 below 100, else whole. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value
  const abs = Math.abs(value)
  const digits = abs < 10 ? 2 : abs < 100 ? 1 : 0
  const f = 10 ** digits
  return Math.round(value * f) / f
}

export type Summary = { n: number; p50: number; p95: number; min: number; max: number }

export function summarise(values: readonly number[]): Summary {
  return {
    n: values.length,
    p50: round(percentile(values, 50)),
    p95: round(percentile(values, 95)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
  }
}

/** `a ÷ b`, rounded; NaN when b is 0. */
export const ratio = (a: number, b: number): number => (b === 0 ? Number.NaN : round(a / b))
