'use client'

import { useState } from 'react'

/** Copies `text` to the clipboard and says so in a live region. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [status, setStatus] = useState('')
  async function copy() {
    try {
      await navigator.clipboard.writeText(text)
      setStatus('Copied')
    } catch {
      setStatus('Copy failed: select the text and copy it')
    }
    window.setTimeout(() => setStatus(''), 4000)
  }
  return (
    <span className="no-print">
      <button type="button" className="button button-secondary" onClick={copy}>
        {label}
      </button>{' '}
      <span className="copy-status" role="status" aria-live="polite">
        {status}
      </span>
    </span>
  )
}
