import {
  COVERAGE,
  LEARNING_NEED_KINDS,
  type LearningNeedFilter,
  learningNeedFilters,
  PRIORITIES,
} from '@repo/types'
import type { Metadata } from 'next'
import Link from 'next/link'

import { CoverageBadge, ThemeChip } from '@/components/Chips'
import { env } from '@/env'
import { cms } from '@/lib/cms'
import { collect } from '@/lib/collect'
import { pageMetadata } from '@/lib/seo'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const KIND_LABEL = new Map<string, string>(LEARNING_NEED_KINDS.map((k) => [k.value, k.label]))
const PRIORITY_LABEL = new Map<string, string>(PRIORITIES.map((k) => [k.value, k.label]))

/** The downloads of this view (the export service takes the same query). */
const EXPORTS = [
  { ext: 'csv', options: 'bom=1', label: 'CSV' },
  { ext: 'csv', options: 'bom=1&delimiter=semicolon', label: 'Excel (semicolon)' },
  { ext: 'xlsx', options: '', label: 'Excel (XLSX)' },
  { ext: 'json', options: '', label: 'JSON' },
] as const

/** The shared learning-need filter language; the proxy has already refused bad values. */
function readFilter(sp: Record<string, string | string[] | undefined>): LearningNeedFilter {
  const r = learningNeedFilters.safeParse(sp, { allowUnknown: true })
  return r.ok ? r.filter : learningNeedFilters.normalise({})
}

const hrefOf = (filter: Partial<LearningNeedFilter>) => {
  const qs = learningNeedFilters.toSearchParams({ ...filter, page: 1 }).toString()
  return qs ? `/learning-needs?${qs}` : '/learning-needs'
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const filter = readFilter(await searchParams)
  const qs = learningNeedFilters.toSearchParams(filter).toString()
  return pageMetadata({
    title: filter.coverage.length
      ? `Learning needs: ${filter.coverage.join(', ')}`
      : 'Learning needs',
    description:
      'The knowledge gaps and learning needs of the Strengthening Civil Society partnerships, with how far the knowledge products of Dialogue and Dissent cover them.',
    path: qs ? `/learning-needs?${qs}` : '/learning-needs',
  })
}

export default async function LearningNeedsPage({ searchParams }: Props) {
  const filter = readFilter(await searchParams)
  const client = await cms()
  // Counts per coverage for the other filters; the list for all of them.
  const [all, themes, programmes] = await Promise.all([
    collect(client.learningNeeds.iterate({ ...filter, coverage: [], limit: 100 })),
    client.themes.list({ limit: 100 }),
    client.programmes.list({ limit: 100 }),
  ])
  const counts = new Map(COVERAGE.map((c) => [c.value, 0]))
  for (const n of all) counts.set(n.coverage ?? 'open', (counts.get(n.coverage ?? 'open') ?? 0) + 1)
  const shown = all
    .filter((n) => filter.coverage.length === 0 || filter.coverage.includes(n.coverage ?? 'open'))
    .sort(
      (a, b) =>
        COVERAGE.findIndex((c) => c.value === (a.coverage ?? 'open')) -
          COVERAGE.findIndex((c) => c.value === (b.coverage ?? 'open')) ||
        a.title.localeCompare(b.title),
    )
  const exportQs = learningNeedFilters.toSearchParams({ ...filter, page: 1 }).toString()
  const only = (coverage?: string) =>
    hrefOf({
      ...filter,
      coverage: coverage ? [coverage as LearningNeedFilter['coverage'][number]] : [],
    })

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
              href={only()}
              aria-current={filter.coverage.length === 0 ? 'page' : undefined}
            >
              All ({all.length})
            </Link>
          </li>
          {COVERAGE.map((c) => (
            <li key={c.value}>
              <Link
                className="chip"
                href={only(c.value)}
                aria-current={
                  filter.coverage.length === 1 && filter.coverage[0] === c.value
                    ? 'page'
                    : undefined
                }
              >
                {c.label} ({counts.get(c.value) ?? 0})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form
        method="get"
        action="/learning-needs"
        className="panel"
        aria-label="Filter learning needs"
      >
        {filter.coverage.map((c) => (
          <input key={c} type="hidden" name="coverage" value={c} />
        ))}
        <div className="field">
          <label htmlFor="ln-theme">Theme</label>
          <select id="ln-theme" name="theme" defaultValue={filter.themes[0] ?? ''}>
            <option value="">Any theme</option>
            {themes.docs.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ln-kind">Kind</label>
          <select id="ln-kind" name="kind" defaultValue={filter.kinds[0] ?? ''}>
            <option value="">Any kind</option>
            {LEARNING_NEED_KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ln-priority">Priority</label>
          <select id="ln-priority" name="priority" defaultValue={filter.priorities[0] ?? ''}>
            <option value="">Any priority</option>
            {PRIORITIES.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ln-programme">Programme</label>
          <select id="ln-programme" name="programme" defaultValue={filter.programmes[0] ?? ''}>
            <option value="">Any programme</option>
            {programmes.docs.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Apply filters</button>
      </form>
      {shown.length === 0 ? (
        <p className="muted">No learning need matches this view.</p>
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
      <div className="panel">
        <h2>Export this view</h2>
        <ul className="export-links">
          {EXPORTS.map((x) => {
            const qs = [exportQs, x.options].filter(Boolean).join('&')
            return (
              <li key={x.label}>
                <a
                  href={`${env().exportUrl}/v1/learning-needs.${x.ext}${qs ? `?${qs}` : ''}`}
                  data-export={x.label}
                >
                  {x.label}
                </a>
              </li>
            )
          })}
        </ul>
      </div>
    </>
  )
}
