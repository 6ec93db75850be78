import type { AdminViewServerProps } from 'payload'
import React from 'react'

import { isRole } from '../access/roles'
import { dueForReview } from '../demand/reviews'
import { getEnv } from '../env'
import { AdminPage } from './AdminPage'

const cell: React.CSSProperties = {
  textAlign: 'left',
  padding: '0.5rem 0.75rem',
  borderBottom: '1px solid var(--theme-elevation-150)',
}

/** Needs due for review (`/admin/due-for-review`): not reviewed within NEED_REVIEW_MONTHS. */
export async function DueForReviewView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const months = getEnv().NEED_REVIEW_MONTHS
  const staff = isRole(req.user, 'admin', 'editor')
  const due = staff ? await dueForReview(req.payload, months) : []
  const admin = req.payload.config.routes.admin
  return (
    <AdminPage props={props}>
      <h1 style={{ margin: '1.5rem 0 0.5rem' }}>Needs due for review</h1>
      {!staff ? (
        <p>Sign in as an editor to see the needs due for review.</p>
      ) : (
        <>
          <p>
            Published learning needs nobody has reviewed in the last {months} months (set with
            NEED_REVIEW_MONTHS), longest first. Open one, check its products and coverage, then
            update it or choose “Reviewed, no change”.
          </p>
          {due.length === 0 ? (
            <p data-testid="due-empty">No need is due for review.</p>
          ) : (
            <table
              style={{ width: '100%', borderCollapse: 'collapse' }}
              data-testid="due-for-review"
            >
              <thead>
                <tr>
                  <th style={cell} scope="col">
                    Learning need
                  </th>
                  <th style={cell} scope="col">
                    Last reviewed
                  </th>
                </tr>
              </thead>
              <tbody>
                {due.map((n) => (
                  <tr key={n.id}>
                    <td style={cell}>
                      <a href={`${admin}/collections/learning-needs/${n.id}`}>{n.title}</a>
                    </td>
                    <td style={cell}>
                      {n.reviewed
                        ? n.since.slice(0, 10)
                        : `never (recorded ${n.since.slice(0, 10)})`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </AdminPage>
  )
}
