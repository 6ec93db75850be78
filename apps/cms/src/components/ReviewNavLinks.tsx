import type { Payload, TypedUser } from 'payload'
import React from 'react'

import { isRole } from '../access/roles'
import { loadQueue } from '../review/queue'

type Props = { payload: Payload; user?: TypedUser | null }

const link: React.CSSProperties = { display: 'block', padding: '0.25rem 0' }

/** Nav links (`admin.components.afterNavLinks`): the review queue with its count, and import. */
export async function ReviewNavLinks({ payload, user }: Props) {
  const queue = await loadQueue(payload, user, 1)
  if (!queue) return null
  const admin = payload.config.routes.admin
  return (
    <div style={{ marginTop: '1rem' }}>
      <span style={{ fontSize: '0.8rem', opacity: 0.7 }}>Review</span>
      <a style={link} href={`${admin}/review`} id="nav-review-queue">
        Review queue ({queue.total})
      </a>
      {isRole(user, 'admin', 'editor') ? (
        <>
          <a style={link} href={`${admin}/import`} id="nav-import">
            Bulk import
          </a>
          <a style={link} href={`${admin}/due-for-review`} id="nav-due-for-review">
            Needs due for review
          </a>
          <a style={link} href={`${admin}/unmet-searches`} id="nav-unmet-searches">
            Unmet searches
          </a>
          <a style={link} href={`${admin}/suggestions-triage`} id="nav-suggestions-triage">
            Suggestions triage
          </a>
        </>
      ) : null}
    </div>
  )
}

export default ReviewNavLinks
