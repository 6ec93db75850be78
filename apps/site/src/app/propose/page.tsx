import type { Metadata } from 'next'
import Link from 'next/link'

import { ProposalForm } from '@/components/ProposalForm'
import { pageMetadata } from '@/lib/seo'

import { initialProposalState, submitProposal } from './actions'

export function generateMetadata(): Metadata {
  return pageMetadata({
    title: 'Propose a knowledge product or a learning need',
    description:
      'Know a knowledge product that belongs on the map, or a learning need it should answer? Propose it: the editors check every proposal before it is published.',
    path: '/propose',
  })
}

export default async function ProposePage() {
  return (
    <article className="narrow">
      <h1>Propose a knowledge product or a learning need</h1>
      <p className="lede">
        The map grows with what people know. Propose a report, tool, method or other product of the
        partnerships, or a learning need or knowledge gap that the map should answer.
      </p>
      <p>
        Your proposal becomes a <strong>draft for the editors</strong>: nothing of it is public
        until an editor has checked it and published it. See{' '}
        <Link href="/about">how the map is kept</Link>.
      </p>
      <ProposalForm action={submitProposal} initial={await initialProposalState()} />
    </article>
  )
}
