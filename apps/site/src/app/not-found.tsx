import type { Metadata } from 'next'
import Link from 'next/link'

export const metadata: Metadata = {
  title: 'Page not found',
  description: 'There is no page at this address.',
  robots: { index: false, follow: true },
}

export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p className="lede">
        There is no page at this address. It may have moved, or the record may not be published.
      </p>
      <ul>
        <li>
          <Link href="/">Go to the map</Link>
        </li>
        <li>
          <Link href="/products">Search the knowledge products</Link>
        </li>
        <li>
          <Link href="/learning-needs">See the learning needs</Link>
        </li>
      </ul>
    </>
  )
}
