import type { Payload, TypedUser } from 'payload'
import React from 'react'

import { isRole } from '../access/roles'
import { filteredListUrl, loadQueue } from '../review/queue'
import { REVIEWED_SLUGS } from '../review/states'
import { COLLECTION_LABELS } from './labels'

type Props = { payload: Payload; user?: TypedUser | null }

const box: React.CSSProperties = {
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 4,
  padding: '1rem 1.25rem',
  marginBottom: '1.5rem',
  background: 'var(--theme-elevation-50)',
}

/** Dashboard panel (`admin.components.beforeDashboard`): how many records wait for this user. */
export async function ReviewQueueSummary({ payload, user }: Props) {
  const queue = await loadQueue(payload, user, 1)
  if (!queue) return null
  const admin = payload.config.routes.admin
  const staff = isRole(user, 'admin', 'editor')
  const heading = staff
    ? `Review queue: ${queue.total} ${queue.total === 1 ? 'record is' : 'records are'} ready for review`
    : `${queue.total} of your ${queue.total === 1 ? 'record was' : 'records were'} returned with comments`
  return (
    <section style={box} aria-labelledby="review-queue-heading" data-testid="review-queue-summary">
      <h2 id="review-queue-heading" style={{ marginTop: 0, fontSize: '1.1rem' }}>
        {heading}
      </h2>
      <ul style={{ margin: '0 0 0.75rem', paddingLeft: '1.25rem' }}>
        {REVIEWED_SLUGS.map((slug) => (
          <li key={slug}>
            <a href={filteredListUrl(admin, slug, queue.state)}>
              {COLLECTION_LABELS[slug]}: {queue.byCollection[slug]}
            </a>
          </li>
        ))}
      </ul>
      <p style={{ margin: 0 }}>
        <a href={`${admin}/review`}>Open the review queue</a>
        {staff ? (
          <>
            {' · '}
            <a href={`${admin}/import`}>Bulk import (CSV / XLSX)</a>
          </>
        ) : null}
      </p>
    </section>
  )
}

export default ReviewQueueSummary
