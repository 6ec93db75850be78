'use client'

import Link from 'next/link'

/** Shown when a page fails (e.g. the CMS is unreachable). Never shows the error's details. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string }
  reset: () => void
}) {
  return (
    <div role="alert">
      <h1>Something went wrong</h1>
      <p className="lede">
        This page could not be loaded just now. The content service may be starting or busy; please
        try again in a moment.
      </p>
      <p>
        <button type="button" onClick={reset}>
          Try again
        </button>{' '}
        <Link href="/">Go to the map</Link>
      </p>
      {error.digest ? <p className="muted">Reference: {error.digest}</p> : null}
    </div>
  )
}
