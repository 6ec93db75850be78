import { COLLECTIONS } from '@repo/types'
import type { AdminViewServerProps } from 'payload'
import React from 'react'

import { isRole } from '../access/roles'
import { suggestionsFor, isStrong } from '../suggest/rank'
import { readSuggestionStatus, SUGGESTED_COVERAGE } from '../suggest/snapshot'
import { AdminPage } from './AdminPage'
import { SuggestionActions } from './SuggestionActions'

const cell: React.CSSProperties = {
  textAlign: 'left',
  verticalAlign: 'top',
  padding: '0.5rem 0.75rem',
  borderBottom: '1px solid var(--theme-elevation-150)',
}

/** Suggestions triage (`/admin/suggestions-triage`): every open need with its best suggestion. */
export async function SuggestionsTriageView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const staff = isRole(req.user, 'admin', 'editor')
  const admin = req.payload.config.routes.admin
  const needs = staff
    ? await req.payload.find({
        collection: COLLECTIONS.learningNeeds,
        where: { coverage: { in: ['open', 'partial'] } },
        sort: 'title',
        depth: 0,
        pagination: false,
        limit: 0,
        overrideAccess: true,
        select: { title: true, coverage: true },
      })
    : { docs: [] }
  const [status, withStrong] = staff
    ? await Promise.all([
        readSuggestionStatus(req.payload),
        req.payload.count({
          collection: SUGGESTED_COVERAGE,
          where: { count: { greater_than: 0 } },
          overrideAccess: true,
        }),
      ])
    : [null, null]
  const rows = []
  for (const need of needs.docs) {
    const list = await suggestionsFor(req.payload, 'need', need.id, { limit: 1 })
    rows.push({ need, best: list?.suggestions[0] })
  }
  return (
    <AdminPage props={props}>
      <h1 style={{ margin: '1.5rem 0 0.5rem' }}>Suggestions triage</h1>
      {!staff ? (
        <p>Sign in as an editor to triage suggestions.</p>
      ) : (
        <>
          <p>
            Every learning need whose coverage is open or partial, with the product most like it and
            why. Accept links the product to the need (the coverage history says so); Dismiss never
            suggests the pair again. A strong suggestion shows as “suggested” on the public map when
            the visitor includes suggestions.
          </p>
          {status ? (
            <p data-testid="suggestion-status">
              <strong>The public map’s suggested coverage</strong>{' '}
              {status.computedAt
                ? `was last computed on ${new Date(status.computedAt).toUTCString()}: ${withStrong?.totalDocs ?? 0} of ${status.total} published needs have a strong suggestion.`
                : 'has not been computed yet.'}{' '}
              {status.state === 'running'
                ? `Recomputing now: ${status.done} of ${status.total} needs done.`
                : status.state === 'queued'
                  ? 'A recomputation is queued (the job runner checks every minute).'
                  : ''}
              {status.error ? ` The last run failed: ${status.error}` : ''}
            </p>
          ) : null}
          <table
            style={{ width: '100%', borderCollapse: 'collapse' }}
            data-testid="suggestions-triage"
          >
            <thead>
              <tr>
                <th style={cell} scope="col">
                  Learning need
                </th>
                <th style={cell} scope="col">
                  Coverage
                </th>
                <th style={cell} scope="col">
                  Best suggestion
                </th>
                <th style={cell} scope="col">
                  Why
                </th>
                <th style={cell} scope="col">
                  Decide
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ need, best }) => (
                <tr key={need.id}>
                  <td style={cell}>
                    <a href={`${admin}/collections/learning-needs/${need.id}`}>{need.title}</a>
                  </td>
                  <td style={cell}>{need.coverage}</td>
                  {best ? (
                    <>
                      <td style={cell}>
                        <a href={`${admin}/collections/knowledge-products/${best.id}`}>
                          {best.title}
                        </a>
                        <br />
                        <small>
                          {Math.round(best.strength * 100)}% of the terms’ weight
                          {isStrong(best) ? ' · strong' : ''}
                        </small>
                      </td>
                      <td style={cell}>
                        Matched {best.why.terms.map((t) => `“${t}”`).join(', ')}
                        {best.why.themes.length
                          ? `; shared theme ${best.why.themes.join(', ')}`
                          : ''}
                        {best.why.partnerships.length
                          ? `; shared partnership ${best.why.partnerships.join(', ')}`
                          : ''}
                      </td>
                      <td style={cell}>
                        <SuggestionActions
                          collection="learning-needs"
                          id={need.id}
                          other={best.id}
                          title={best.title}
                        />
                      </td>
                    </>
                  ) : (
                    <td style={cell} colSpan={3}>
                      No suggestion.
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </AdminPage>
  )
}
