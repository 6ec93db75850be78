import { COVERAGE, type Coverage, LEARNING_NEED_KINDS, PRIORITIES } from '@repo/types'
import type { Metadata } from 'next'
import Link from 'next/link'

import { CoverageBadge, ThemeChip } from '@/components/Chips'
import { cms } from '@/lib/cms'
import { collect } from '@/lib/collect'
import { pageMetadata } from '@/lib/seo'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const KIND_LABEL = new Map<string, string>(LEARNING_NEED_KINDS.map((k) => [k.value, k.label]))
const PRIORITY_LABEL = new Map<string, string>(PRIORITIES.map((k) => [k.value, k.label]))

const readCoverage = (value: unknown): Coverage | undefined =>
  COVERAGE.some((c) => c.value === value) ? (value as Coverage) : undefined

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const coverage = readCoverage((await searchParams).coverage)
  return pageMetadata({
    title: coverage ? `Learning needs: ${coverage}` : 'Learning needs',
    description:
      'The knowledge gaps and learning needs of the Strengthening Civil Society partnerships, with how far the knowledge products of Dialogue and Dissent cover them.',
    path: coverage ? `/learning-needs?coverage=${coverage}` : '/learning-needs',
  })
}

export default async function LearningNeedsPage({ searchParams }: Props) {
  const coverage = readCoverage((await searchParams).coverage)
  const client = await cms()
  const all = await collect(client.learningNeeds.iterate({ limit: 100 }))
  const counts = new Map(COVERAGE.map((c) => [c.value, 0]))
  for (const n of all) counts.set(n.coverage ?? 'open', (counts.get(n.coverage ?? 'open') ?? 0) + 1)
  const shown = all
    .filter((n) => !coverage || (n.coverage ?? 'open') === coverage)
    .sort(
      (a, b) =>
        COVERAGE.findIndex((c) => c.value === (a.coverage ?? 'open')) -
          COVERAGE.findIndex((c) => c.value === (b.coverage ?? 'open')) ||
        a.title.localeCompare(b.title),
    )

  return (
    <>
      <h1>Learning needs</h1>
      <p className="lede">
        What the Strengthening Civil Society partnerships want to learn, and how far the knowledge
        products of Dialogue and Dissent cover it. Open needs are the gaps.
      </p>
      <nav aria-label="Coverage">
        <ul className="chips">
          <li>
            <Link
              className="chip"
              href="/learning-needs"
              aria-current={!coverage ? 'page' : undefined}
            >
              All ({all.length})
            </Link>
          </li>
          {COVERAGE.map((c) => (
            <li key={c.value}>
              <Link
                className="chip"
                href={`/learning-needs?coverage=${c.value}`}
                aria-current={coverage === c.value ? 'page' : undefined}
              >
                {c.label} ({counts.get(c.value) ?? 0})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {shown.length === 0 ? (
        <p className="muted">No learning need has this status.</p>
      ) : (
        <ul className="results">
          {shown.map((n) => (
            <li className="result" key={n.slug}>
              <h2 style={{ fontSize: '1.1rem', margin: '0 0 0.25rem' }}>
                <Link href={`/learning-needs/${n.slug}`}>{n.title}</Link>
              </h2>
              <p className="meta-line">
                <CoverageBadge coverage={n.coverage} /> {KIND_LABEL.get(n.kind) ?? n.kind}
                {n.priority ? ` · ${PRIORITY_LABEL.get(n.priority)} priority` : ''}
                {typeof n.publishedProductCount === 'number'
                  ? ` · ${n.publishedProductCount} ${n.publishedProductCount === 1 ? 'product' : 'products'}`
                  : ''}
              </p>
              {n.themes.length > 0 ? (
                <ul className="chips" aria-label="Themes">
                  {n.themes.map((t) => (
                    <li key={t.slug}>
                      <ThemeChip theme={t} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
