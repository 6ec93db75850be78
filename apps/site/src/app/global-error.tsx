'use client'

/** Shown when even the layout fails. No details of the error are shown. */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem', color: '#1b1f23' }}>
        <h1>Something went wrong</h1>
        <p>The Knowledge Map could not be loaded just now. Please try again in a moment.</p>
        <p>
          <a href="/">Go to the map</a>
        </p>
        {error.digest ? <p>Reference: {error.digest}</p> : null}
      </body>
    </html>
  )
}
