import './globals.css'

import type { Metadata, Viewport } from 'next'
import Link from 'next/link'
import { connection } from 'next/server'
import type { ReactNode } from 'react'

import { env } from '@/env'
import { DATA_LICENCE, PUBLISHER, SITE_NAME } from '@/lib/seo'

export async function generateMetadata(): Promise<Metadata> {
  // Canonical URLs come from SITE_URL at request time, never from the build machine.
  await connection()
  return {
    metadataBase: new URL(`${env().siteUrl}/`),
    title: { default: SITE_NAME, template: `%s · ${SITE_NAME}` },
    description:
      'What the Dialogue and Dissent partnerships learned, mapped against the learning needs of today’s civil society partnerships.',
    applicationName: SITE_NAME,
  }
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#1d3b53' }

const NAV = [
  { href: '/', label: 'Map' },
  { href: '/products', label: 'Knowledge products' },
  { href: '/learning-needs', label: 'Learning needs' },
  { href: '/partnerships', label: 'Partnerships' },
  { href: '/propose', label: 'Propose' },
  { href: '/about', label: 'About' },
]

export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection()
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="wrap header-inner">
            <Link href="/" className="brand">
              {SITE_NAME}
            </Link>
            <nav aria-label="Main">
              <ul className="nav-list">
                {NAV.map((item) => (
                  <li key={item.href}>
                    <Link href={item.href}>{item.label}</Link>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" className="wrap" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="wrap">
            <p>
              Knowledge from the Dialogue and Dissent programme (2016–2020) for the Strengthening
              Civil Society partnerships (2021–2025). Data published by {PUBLISHER} under{' '}
              <a href={DATA_LICENCE.url} rel="license">
                CC BY 4.0
              </a>
              . <Link href="/about">About the map and its data</Link> ·{' '}
              <Link href="/changes">What changed on the map</Link>
            </p>
          </div>
        </footer>
      </body>
    </html>
  )
}
