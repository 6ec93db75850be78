import type { Partnership } from '@repo/types'
import type { Metadata } from 'next'
import Link from 'next/link'

import { cms } from '@/lib/cms'
import { collect } from '@/lib/collect'
import { pageMetadata } from '@/lib/seo'

export function generateMetadata(): Metadata {
  return pageMetadata({
    title: 'Partnerships',
    description:
      'The Strategic Partnerships of the Dialogue and Dissent (2016–2020) and Strengthening Civil Society (2021–2025) programmes, with their members, themes, knowledge products and learning needs.',
    path: '/partnerships',
  })
}

export default async function PartnershipsPage() {
  const client = await cms()
  const [partnerships, programmes] = await Promise.all([
    collect(client.partnerships.iterate({ limit: 100 })),
    collect(client.programmes.iterate({ limit: 100 })),
  ])
  programmes.sort((a, b) => b.startYear - a.startYear)
  const byProgramme = new Map<string, Partnership[]>()
  for (const p of partnerships) {
    const key = p.programme?.slug ?? ''
    byProgramme.set(key, [...(byProgramme.get(key) ?? []), p])
  }
  const groups = [
    ...programmes.map((pr) => ({
      slug: pr.slug,
      title: `${pr.name} (${pr.startYear}–${pr.endYear ?? 'now'})`,
      list: byProgramme.get(pr.slug) ?? [],
    })),
    { slug: '', title: 'Without a programme', list: byProgramme.get('') ?? [] },
  ].filter((g) => g.list.length > 0)

  return (
    <>
      <h1>Partnerships</h1>
      <p className="lede">
        {partnerships.length} Strategic Partnerships, by programme. Each page lists the members, the
        themes, the knowledge products and the learning needs the partnership raised.
      </p>
      {groups.length > 1 ? (
        <nav aria-label="Programmes">
          <ul className="chips">
            {groups.map((g) => (
              <li key={g.slug}>
                <a className="chip" href={`#programme-${g.slug || 'none'}`}>
                  {g.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {groups.map((g) => (
        <section key={g.slug} aria-labelledby={`programme-${g.slug || 'none'}`}>
          <h2 id={`programme-${g.slug || 'none'}`}>
            {g.title} <span className="muted">· {g.list.length}</span>
          </h2>
          <ul className="plain-list">
            {g.list
              .sort((a, b) => a.name.localeCompare(b.name))
              .map((p) => (
                <li key={p.slug}>
                  <Link href={`/partnerships/${p.slug}`}>{p.name}</Link>
                  {p.lead ? <span className="muted"> · led by {p.lead.name}</span> : null}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  )
}
