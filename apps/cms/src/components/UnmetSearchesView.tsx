import type { AdminViewServerProps } from 'payload'
import React from 'react'

import { isRole } from '../access/roles'
import { topMisses } from '../demand/unmetSearches'
import { AdminPage } from './AdminPage'

const cell: React.CSSProperties = {
  textAlign: 'left',
  padding: '0.5rem 0.75rem',
  borderBottom: '1px solid var(--theme-elevation-150)',
  verticalAlign: 'middle',
}

/**
 * Unmet searches (`/admin/unmet-searches`): what visitors searched for in the last 30 days and
 * did not find, most frequent first, each one a click away from a draft learning need.
 */
export async function UnmetSearchesView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const staff = isRole(req.user, 'admin', 'editor')
  const misses = staff ? await topMisses(req.payload, 30, 50) : []
  return (
    <AdminPage props={props}>
      <h1 style={{ margin: '1.5rem 0 0.5rem' }}>Unmet searches</h1>
      {!staff ? (
        <p>Sign in as an editor to see what visitors searched for and did not find.</p>
      ) : (
        <>
          <p>
            Searches on the site in the last 30 days that found nothing, most frequent first:
            candidate learning needs and knowledge gaps. Only the normalised words, the day and a
            count are kept; nothing about who searched.
          </p>
          {misses.length === 0 ? (
            <p data-testid="unmet-empty">No unmet search in the last 30 days.</p>
          ) : (
            <table
              style={{ width: '100%', borderCollapse: 'collapse' }}
              data-testid="unmet-searches"
            >
              <thead>
                <tr>
                  <th style={cell} scope="col">
                    Search
                  </th>
                  <th style={cell} scope="col">
                    Times
                  </th>
                  <th style={cell} scope="col">
                    On days
                  </th>
                  <th style={cell} scope="col">
                    Last
                  </th>
                  <th style={cell} scope="col">
                    Action
                  </th>
                </tr>
              </thead>
              <tbody>
                {misses.map((m) => (
                  <tr key={m.query}>
                    <td style={cell}>{m.query}</td>
                    <td style={cell}>{m.count}</td>
                    <td style={cell}>{m.days}</td>
                    <td style={cell}>{m.lastDay}</td>
                    <td style={cell}>
                      <form
                        method="post"
                        action={`${req.payload.config.routes.api}/unmet-searches/to-need`}
                      >
                        <input type="hidden" name="query" value={m.query} />
                        <button type="submit" className="btn btn--style-secondary btn--size-small">
                          Make a draft learning need
                        </button>
                      </form>
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
