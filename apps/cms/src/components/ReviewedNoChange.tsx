'use client'
import { useDocumentInfo } from '@payloadcms/ui'
import React, { useState } from 'react'

/**
 * "Reviewed, no change" on a learning need: records that an editor checked the need and its
 * products and found nothing to change, without touching the need itself.
 */
export function ReviewedNoChange() {
  const { id, collectionSlug } = useDocumentInfo()
  const [state, setState] = useState<{ at?: string; error?: string; busy?: boolean }>({})
  if (!id) return null
  const send = async () => {
    setState({ busy: true })
    const res = await fetch(`/api/${collectionSlug}/${id}/reviewed`, {
      method: 'POST',
      credentials: 'include',
      headers: { accept: 'application/json' },
    })
    const body = (await res.json().catch(() => ({}))) as { at?: string; detail?: string }
    setState(res.ok ? { at: body.at } : { error: body.detail ?? `Not recorded (${res.status}).` })
  }
  return (
    <div style={{ margin: '1rem 0' }}>
      <button
        type="button"
        className="btn btn--style-secondary btn--size-small"
        onClick={send}
        disabled={state.busy}
        id="reviewed-no-change"
      >
        Reviewed, no change
      </button>
      <p style={{ opacity: 0.75, margin: '0.25rem 0' }} role="status">
        {state.at
          ? `Recorded: reviewed on ${new Date(state.at).toLocaleString()}.`
          : (state.error ??
            'Records that you checked this need and its products and changed nothing.')}
      </p>
    </div>
  )
}

export default ReviewedNoChange
