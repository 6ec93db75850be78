/**
 * Matrices for the bubble view's tests, built in code and parsed with `MatrixSchema` (the CMS's
 * suggested mode is not served yet): the real seed's themes, and a map of the size of the 100k
 * synthetic database (123 needs: the real seed's 23 titles, 100 synthetic ones).
 */
import { type Matrix, MatrixSchema, slugify } from '@repo/types'

/** The seed's four core themes (apps/cms/src/seed/editorial.ts), titles from seed-facts.json. */
export const THEMES = [
  [
    'gender-equality-and-inclusion',
    'Fighting for gender equality and inclusion',
    'Gender equality and inclusion',
    '#8a3b6b',
  ],
  ['environmental-rights', 'Protecting environmental rights', 'Environmental rights', '#2f6b3a'],
  [
    'communities-in-local-governance',
    'Empowering communities in local governance',
    'Communities in local governance',
    '#1f5f8b',
  ],
  [
    'sustainable-and-inclusive-resource-management',
    'Promoting sustainable and inclusive resource management',
    'Resource management',
    '#8a5a00',
  ],
].map(([slug, title, shortTitle, colour], i) => ({
  id: i + 1,
  slug: slug!,
  title: title!,
  shortTitle: shortTitle!,
  colour: colour!,
  order: i,
}))

/** The seed's editorial need titles (a sample of the 23, cycled). */
const REAL_TITLES = [
  'Working with external reference groups in end evaluations',
  'Lessons from mixing qualitative evaluation methods',
  'Who decides the scope of an end evaluation',
  'Learning and adaptive programming in fragile contexts',
  'Policy mechanisms that limit balanced power relations between CSOs',
  'What the successor of the SCS policy framework should change',
  'Genuinely shifting power between Northern and Southern CSOs',
  'Changing the system to support community-led development',
  'The (un)intended effects of shifting-power strategies',
  'Finding and choosing tools for more equal partnerships',
  'Feminist MEL and the ministry’s MEL requirements',
  'MEL that centres care, trust and flexibility',
  'Sustaining inclusive, locally led LGBTIQ+ movements',
  'Evidence on what supports community philanthropy',
  'Civil society participation in nutrition and WASH decisions',
  'Making learning in partnerships equitable',
  'Climate adaptation and climate justice in development programmes',
  'Partos Innovation Hub themes for joint learning',
]
const FORMS = [
  'How can partners',
  'What works to',
  'How do alliances',
  'Which approaches help to',
  'How can local organisations',
]
const GOALS = [
  'sustain advocacy when civic space shrinks',
  'measure policy influence',
  'include marginalised groups in decision making',
  'finance community organising',
  'work with informal movements',
  'protect human rights defenders',
]
const TOPICS = [
  'civic space',
  'land rights',
  'climate adaptation',
  'gender justice',
  'inclusive governance',
  'budget monitoring',
]

/** A deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed
  return () => {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export type CellSpec = { confirmed: number; suggested: number }

/** A matrix from per-row labels and per-cell counts (suggested counts only on rows with none confirmed). */
export function buildMatrix(
  rows: { key: string; label: string; cells: CellSpec[] }[],
  options: { mode?: 'confirmed' | 'suggested'; themes?: typeof THEMES } = {},
): Matrix {
  const themes = options.themes ?? THEMES
  const mode = options.mode ?? 'confirmed'
  const byTheme: Record<string, number> = Object.fromEntries(themes.map((t) => [t.slug, 0]))
  const out = rows.map((row, r) => {
    const cells = Object.fromEntries(themes.map((t, c) => [t.slug, row.cells[c]?.confirmed ?? 0]))
    const total = Object.values(cells).reduce((a, b) => a + b, 0)
    for (const t of themes) byTheme[t.slug]! += cells[t.slug]!
    const suggestedCells = Object.fromEntries(
      themes.map((t, c) => [t.slug, row.cells[c]?.suggested ?? 0]),
    )
    const suggestedCount = Math.max(0, ...Object.values(suggestedCells))
    const suggested =
      mode === 'suggested' && total === 0 && suggestedCount > 0
        ? {
            products: Array.from({ length: suggestedCount }, (_, i) => ({
              id: 10_000 + r * 100 + i,
              slug: `suggested-${r}-${i}`,
              title: `Suggested product ${i + 1}`,
              strength: 0.5,
              terms: ['learning'],
              themes: themes.filter((t) => (suggestedCells[t.slug] ?? 0) > i).map((t) => t.slug),
            })),
            cells: suggestedCells,
          }
        : undefined
    return {
      key: row.key,
      label: row.label,
      id: r + 1,
      total,
      cells,
      ...(suggested ? { suggested } : {}),
    }
  })
  return MatrixSchema.parse({
    axis: 'learning-needs',
    mode,
    suggestions: mode === 'suggested' ? { threshold: 0.3, computedAt: null, pending: false } : null,
    programme: null,
    themes,
    rows: out,
    totals: { products: Object.values(byTheme).reduce((a, b) => a + b, 0), byTheme },
  })
}

/** A map the size of the 100k synthetic database: 123 needs × 4 themes, counts up to ~900. */
export function syntheticScaleMatrix(mode: 'confirmed' | 'suggested' = 'confirmed'): Matrix {
  const r = rng(100_000)
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!
  const rows = Array.from({ length: 123 }, (_, i) => {
    const label =
      i < 23
        ? REAL_TITLES[i % REAL_TITLES.length]!
        : `${pick(FORMS)} ${pick(GOALS)} in ${pick(TOPICS)}? (${i - 22})`
    const key =
      i < 23
        ? `${slugify(label)}${i >= REAL_TITLES.length ? `-${i}` : ''}`
        : `synthetic-need-${slugify(label).slice(0, 60).replace(/-+$/, '')}-${i - 22}`
    const empty = r() < 0.08
    return {
      key,
      label,
      cells: THEMES.map(() => {
        const confirmed = empty || r() < 0.2 ? 0 : Math.floor(r() ** 3 * 900) + 1
        return { confirmed, suggested: Math.floor(r() * 5) }
      }),
    }
  })
  return buildMatrix(rows, { mode })
}
