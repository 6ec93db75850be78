'use client'
import React, { useState } from 'react'

type Props = {
  /** Where the suggestion was listed: the endpoint's collection and record. */
  collection: 'learning-needs' | 'knowledge-products'
  id: string | number
  /** The suggested record on the other side. */
  other: string | number
  title: string
  onDecided?: () => void
}

/** Accept / Dismiss buttons for one suggested pair, with what happened as a status line. */
export function SuggestionActions({ collection, id, other, title, onDecided }: Props) {
  const [state, setState] = useState<{ done?: string; error?: string; busy?: boolean }>({})
  const key = collection === 'learning-needs' ? 'product' : 'need'
  const send = async (verb: 'accept' | 'dismiss') => {
    setState({ busy: true })
    const res = await fetch(`/api/${collection}/${id}/suggestions/${verb}`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ [key]: other }),
    })
    const body = (await res.json().catch(() => ({}))) as { detail?: string }
    if (!res.ok) return setState({ error: body.detail ?? `Not saved (${res.status}).` })
    setState({
      done:
        verb === 'accept'
          ? `Accepted: “${title}” is linked.`
          : `Dismissed: “${title}” will not be suggested again.`,
    })
    onDecided?.()
  }
  if (state.done) return <span role="status">{state.done}</span>
  return (
    <span style={{ display: 'inline-flex', gap: '0.5rem', alignItems: 'center' }}>
      <button
        type="button"
        className="btn btn--style-primary btn--size-small"
        style={{ margin: 0 }}
        disabled={state.busy}
        onClick={() => send('accept')}
        aria-label={`Accept: link “${title}”`}
        data-testid="suggestion-accept"
      >
        Accept
      </button>
      <button
        type="button"
        className="btn btn--style-secondary btn--size-small"
        style={{ margin: 0 }}
        disabled={state.busy}
        onClick={() => send('dismiss')}
        aria-label={`Dismiss: never suggest “${title}” here again`}
        data-testid="suggestion-dismiss"
      >
        Dismiss
      </button>
      {state.error ? <span role="alert">{state.error}</span> : null}
    </span>
  )
}

export default SuggestionActions
