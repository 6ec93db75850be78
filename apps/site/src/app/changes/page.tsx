import { CHANGE_KINDS, type ChangeFilter, DEFAULT_LIMIT, parseChangeFilter } from '@repo/types'
import type { Metadata } from 'next'
import Link from 'next/link'

import { FollowLink } from '@/components/FollowLink'
import { changesFeedPath, changesHref, describeChange, recordPath } from '@/lib/changes'
import { cms } from '@/lib/cms'
import { formatDate } from '@/lib/collect'
import { type SearchParamsRecord } from '@/lib/search'
import { pageMetadata } from '@/lib/seo'

type Props = { searchParams: Promise<SearchParamsRecord> }

const KIND_LABEL = new Map<string, string>(CHANGE_KINDS.map((k) => [k.value, k.label]))

// The proxy answers a bad filter with the 400 page before this renders (lib/urlPolicy).
const parse = (sp: SearchParamsRecord): { filter: ChangeFilter; query: string } => {
  const r = parseChangeFilter(sp, { allowUnknown: true })
  return r.ok ? r : { filter: { themes: [], page: 1, limit: DEFAULT_LIMIT }, query: '' }
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const r = parse(await searchParams)
  return pageMetadata({
    title: 'What changed on the map',
    description:
      'The Knowledge Map’s changelog: knowledge products and learning needs added, updated, linked or unlinked, and changes of coverage, by date and theme.',
    path: r.query ? `/changes?${r.query}` : '/changes',
    noindex: r.query !== '',
    feed: { path: changesFeedPath(r.filter), title: 'Changes on the Knowledge Map' },
  })
}

export default async function ChangesPage({ searchParams }: Props) {
  const r = parse(await searchParams)
  const { filter } = r
  const client = await cms()
  const [page, themes] = await Promise.all([
    client.changes.list(filter),
    client.themes.list({ limit: 100 }),
  ])
  const chosen = new Set(filter.themes)
  const first = (filter.page - 1) * filter.limit + 1

  return (
    <>
      <h1>What changed on the map</h1>
      <p className="lede">
        Every knowledge product and learning need added, updated, linked to a need or unlinked, and
        every change of a need’s coverage, newest first. Only what is published shows here.
      </p>
      <FollowLink path={changesFeedPath(filter)} what="these changes" />
      <form action="/changes" method="get" className="map-controls" aria-label="Filter changes">
        <div className="field">
          <label htmlFor="from">From</label>
          <input type="date" id="from" name="from" defaultValue={filter.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="to">To</label>
          <input type="date" id="to" name="to" defaultValue={filter.to ?? ''} />
        </div>
        <fieldset>
          <legend>Themes</legend>
          {themes.docs.map((t) => (
            <label key={t.slug} style={{ fontWeight: 400 }}>
              <input
                type="checkbox"
                name="theme"
                value={t.slug}
                defaultChecked={chosen.has(t.slug)}
              />{' '}
              {t.title}
            </label>
          ))}
        </fieldset>
        <button type="submit">Show changes</button> <Link href="/changes">All changes</Link>
      </form>

      <h2 id="changes-heading" aria-live="polite">
        {page.totalDocs} {page.totalDocs === 1 ? 'change' : 'changes'}
        {page.docs.length > 0 ? (
          <span className="muted">
            {' '}
            · showing {first}–{first + page.docs.length - 1}
          </span>
        ) : null}
      </h2>
      {page.docs.length === 0 ? (
        <p className="panel">
          {filter.page > 1 && page.totalDocs > 0 ? (
            <Link href={changesHref({ ...filter, page: 1 })}>Go to the first page</Link>
          ) : (
            'Nothing changed on the map in this view.'
          )}
        </p>
      ) : (
        <ol className="plain-list changes" aria-labelledby="changes-heading">
          {page.docs.map((c) => {
            const { headline, detail } = describeChange(c)
            return (
              <li key={c.id} data-change={c.kind}>
                <p className="meta-line">
                  <time dateTime={c.at}>{formatDate(c.at)}</time> ·{' '}
                  <span className="badge">{KIND_LABEL.get(c.kind)}</span>
                  {c.themes.length > 0 ? (
                    <span className="muted"> · {c.themes.map((t) => t.title).join(', ')}</span>
                  ) : null}
                </p>
                <p>
                  {c.record ? <Link href={recordPath(c.record)}>{headline}</Link> : headline}
                  <br />
                  <span className="muted">{detail}</span>
                </p>
              </li>
            )
          })}
        </ol>
      )}
      {page.totalPages > 1 ? (
        <nav aria-label="Pages">
          <ul className="pagination">
            {filter.page > 1 ? (
              <li>
                <Link href={changesHref({ ...filter, page: filter.page - 1 })} rel="prev">
                  ← Newer
                </Link>
              </li>
            ) : null}
            <li>
              <span aria-current="page">
                Page {filter.page} of {page.totalPages}
              </span>
            </li>
            {filter.page < page.totalPages ? (
              <li>
                <Link href={changesHref({ ...filter, page: filter.page + 1 })} rel="next">
                  Older →
                </Link>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  )
}
