import type { Coverage } from '@repo/types'
import Link from 'next/link'

import { CoverageBadge } from '@/components/Chips'

/** Learning needs as links, each with its coverage badge. */
export function NeedList({
  needs,
}: {
  needs: { slug: string; title: string; coverage?: Coverage | null }[]
}) {
  return (
    <ul className="plain-list">
      {needs.map((n) => (
        <li key={n.slug}>
          <Link href={`/learning-needs/${n.slug}`}>{n.title}</Link>{' '}
          <CoverageBadge coverage={n.coverage} />
        </li>
      ))}
    </ul>
  )
}
