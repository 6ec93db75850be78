import type { AdminViewServerProps } from 'payload'
import React from 'react'

import { isRole } from '../access/roles'
import { filteredListUrl, loadQueue } from '../review/queue'
import { REVIEWED_SLUGS, reviewStateLabel } from '../review/states'
import { AdminPage } from './AdminPage'
import { COLLECTION_LABELS } from './labels'

const cell: React.CSSProperties = {
  textAlign: 'left',
  padding: '0.5rem 0.75rem',
  borderBottom: '1px solid var(--theme-elevation-150)',
  verticalAlign: 'top',
}

/**
 * The review queue (`/admin/review`): for editors every record marked ready for review, oldest
 * first; for contributors their records that came back with a comment.
 */
export async function ReviewQueueView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const admin = req.payload.config.routes.admin
  const queue = await loadQueue(req.payload, req.user, 200)
  const staff = isRole(req.user, 'admin', 'editor')
  return (
    <AdminPage props={props}>
      <h1 style={{ margin: '1.5rem 0 0.5rem' }}>Review queue</h1>
      {!queue ? (
        <p>Sign in as an editor or a contributor to see the review queue.</p>
      ) : (
        <>
          <p>
            {staff
              ? 'Records contributors marked “Ready for review”, oldest first. Open one, then publish it, or choose “Returned for changes”, write what needs to change and save.'
              : 'Your records an editor returned with a comment. Make the changes, choose “Ready for review” and save the draft.'}
          </p>
          <p>
            {REVIEWED_SLUGS.map((slug, i) => (
              <React.Fragment key={slug}>
                {i > 0 ? ' · ' : null}
                <a href={filteredListUrl(admin, slug, queue.state)}>
                  {COLLECTION_LABELS[slug]} ({queue.byCollection[slug]})
                </a>
              </React.Fragment>
            ))}
          </p>
          {queue.items.length === 0 ? (
            <p data-testid="review-queue-empty">Nothing waiting. 🎉</p>
          ) : (
            <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="review-queue">
              <caption style={{ textAlign: 'left', padding: '0.5rem 0' }}>
                {queue.total} {reviewStateLabel(queue.state).toLowerCase()}
              </caption>
              <thead>
                <tr>
                  <th style={cell} scope="col">
                    Record
                  </th>
                  <th style={cell} scope="col">
                    Type
                  </th>
                  <th style={cell} scope="col">
                    Comment
                  </th>
                  <th style={cell} scope="col">
                    Last saved
                  </th>
                </tr>
              </thead>
              <tbody>
                {queue.items.map((item) => (
                  <tr key={`${item.collection}:${item.id}`}>
                    <td style={cell}>
                      <a href={`${admin}/collections/${item.collection}/${item.id}`}>
                        {item.title || `#${item.id}`}
                      </a>
                    </td>
                    <td style={cell}>{COLLECTION_LABELS[item.collection]}</td>
                    <td style={cell}>{item.comment ?? ''}</td>
                    <td style={cell}>
                      {item.updatedAt
                        ? new Date(item.updatedAt).toISOString().slice(0, 16).replace('T', ' ')
                        : ''}
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

export default ReviewQueueView
