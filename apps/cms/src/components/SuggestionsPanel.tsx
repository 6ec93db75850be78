'use client'
import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

import { SuggestionActions } from './SuggestionActions'

type Suggestion = {
  id: string
  title: string
  strength: number
  why: { terms: string[]; themes: string[]; partnerships: string[] }
}

/** A suggestion's why, in words: the matched terms, then what the pair shares. */
export function WhyLine({ why }: { why: Suggestion['why'] }) {
  return (
    <span>
      Matched {why.terms.map((t) => `“${t}”`).join(', ')}
      {why.themes.length ? `; shared theme ${why.themes.join(', ')}` : ''}
      {why.partnerships.length ? `; shared partnership ${why.partnerships.join(', ')}` : ''}
    </span>
  )
}

/**
 * On a need's or a product's edit view: the top suggestions from the other side, each with its
 * why and Accept / Dismiss.
 */
export function SuggestionsPanel() {
  const { id, collectionSlug } = useDocumentInfo()
  const { config } = useConfig()
  const [state, setState] = useState<{ list?: Suggestion[]; error?: string }>({})
  const load = useCallback(async () => {
    if (!id) return
    const res = await fetch(`/api/${collectionSlug}/${id}/suggestions?limit=5`, {
      credentials: 'include',
      headers: { accept: 'application/json' },
    })
    const body = (await res.json().catch(() => ({}))) as {
      suggestions?: Suggestion[]
      detail?: string
    }
    setState(
      res.ok ? { list: body.suggestions ?? [] } : { error: body.detail ?? `(${res.status})` },
    )
  }, [id, collectionSlug])
  useEffect(() => {
    void load()
  }, [load])
  if (!id || (collectionSlug !== 'learning-needs' && collectionSlug !== 'knowledge-products')) {
    return null
  }
  const other = collectionSlug === 'learning-needs' ? 'knowledge-products' : 'learning-needs'
  const what = collectionSlug === 'learning-needs' ? 'products' : 'learning needs'
  return (
    <section
      style={{ margin: '1.5rem 0' }}
      aria-labelledby="suggestions-heading"
      data-testid="suggestions-panel"
    >
      <h3 id="suggestions-heading" style={{ margin: '0 0 0.25rem' }}>
        Suggested {what}
      </h3>
      <p style={{ opacity: 0.75, margin: '0 0 0.5rem' }}>
        Published {what} most like this one (the search engine over its most distinctive words, plus
        a shared theme or partnership). Accept links them; Dismiss never suggests the pair again.
      </p>
      {state.error ? <p role="alert">Suggestions unavailable: {state.error}</p> : null}
      {state.list && state.list.length === 0 ? <p>No suggestions.</p> : null}
      {state.list && state.list.length > 0 ? (
        <ol style={{ paddingLeft: '1.25rem' }}>
          {state.list.map((s) => (
            <li key={s.id} style={{ marginBottom: '0.75rem' }} data-testid="suggestion">
              <a href={`${config.routes.admin}/collections/${other}/${s.id}`}>{s.title}</a>{' '}
              <span style={{ opacity: 0.75 }}>
                ({Math.round(s.strength * 100)}% of the terms’ weight)
              </span>
              <br />
              <WhyLine why={s.why} />
              <br />
              <SuggestionActions collection={collectionSlug} id={id} other={s.id} title={s.title} />
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  )
}

export default SuggestionsPanel
