import type { Metadata } from 'next'
import Link from 'next/link'

import { JsonLd } from '@/components/JsonLd'
import { env } from '@/env'
import { unmetSearchPolicy } from '@/lib/demand'
import { absoluteUrl, DATA_LICENCE, pageMetadata, PUBLISHER, SITE_NAME } from '@/lib/seo'

export function generateMetadata(): Metadata {
  return pageMetadata({
    title: 'About the Knowledge Map',
    description:
      'What the Dialogue and Dissent Knowledge Map is, how it was built and how it stays current, the licence of its data, and how to reuse it through the export API and the SDK.',
    path: '/about',
  })
}

export default async function AboutPage() {
  const { exportUrl, cmsPublicUrl: cmsUrl } = env()
  const unmet = await unmetSearchPolicy()
  return (
    <article>
      <JsonLd
        data={{
          '@context': 'https://schema.org',
          '@type': 'AboutPage',
          name: `About the ${SITE_NAME}`,
          url: absoluteUrl('/about'),
          publisher: { '@type': 'Organization', name: PUBLISHER },
        }}
      />
      <h1>About the Knowledge Map</h1>
      <p className="lede">
        Between 2016 and 2020, 25 Strategic Partnerships of civil society organisations worked with
        the Dutch Ministry of Foreign Affairs under <strong>Dialogue and Dissent</strong>. They
        produced reports, tools, methods, instruments and more. The partnerships of{' '}
        <strong>Strengthening Civil Society</strong> (2021–2025) have their own knowledge gaps and
        learning needs. This map connects the two.
      </p>

      <h2>What you find here</h2>
      <ul>
        <li>
          <Link href="/">The map</Link>: for each theme, how many published knowledge products
          address each learning need (or are of each type). Hatched cells are gaps.
        </li>
        <li>
          <Link href="/products">Knowledge products</Link>: search and filter by theme, partnership,
          programme, type, year, language and country; every view has its own link, an export and a
          citation.
        </li>
        <li>
          <Link href="/learning-needs">Learning needs</Link>: each need with its coverage (open,
          partially covered or covered), the products that address it, insights from current
          partnerships and the history of its coverage.
        </li>
        <li>
          <Link href="/partnerships">Partnerships</Link>: members, themes, products and the needs
          they raised.
        </li>
      </ul>

      <h2>How the map was built</h2>
      <p>
        It started with a scan of existing products and tools. Organisations, Southern partners
        included, named their most valuable or memorable products, and the map was built from that
        inventory. The new partnerships were then asked for their knowledge needs; the gaps that
        emerged shape the learning focus (
        <a
          href="https://www.partos.nl/actueel/nieuws/artikel/news/learning-from-the-past/"
          rel="noopener"
        >
          Partos: learning from the past
        </a>
        ). The records are grouped under four themes: gender equality and inclusion, environmental
        rights, communities in local governance, and sustainable and inclusive resource management.
      </p>

      <h2>How it stays current</h2>
      <p>
        Editors maintain the records in the content management system: contributors from the
        partnerships draft products, needs and insights, and editors review and publish them. A
        learning need’s coverage follows from the published products that address it (two or more:
        covered; one: partially covered; none: open), unless an editor overrides it and says why;
        every change is kept in its coverage history. When an editor publishes a change, the site
        refreshes the affected pages within seconds, and it re-reads everything at least every
        minute.
      </p>
      <p>
        Anyone can <Link href="/propose">propose a knowledge product or a learning need</Link>. A
        proposal becomes a draft for the editors and is public only once an editor has published it.
        If you give an e-mail address with it, only the editors see it, to ask you a question; it is
        never shown on the site or in the exports. Every view of the map can be followed in a feed
        reader: look for the “Follow” link.
      </p>
      <p>
        <Link href="/changes">What changed on the map</Link> lists every product and need added,
        updated, linked or unlinked, and every coverage change, by date and theme, with its own
        feed. Each cell of the map shows when it last changed, and each learning need when an editor
        last reviewed it (“Reviewed, no change”); needs not reviewed within the review period (six
        months by default) are listed for the editors as due. “Cite this view” gives a permalink
        dated to the moment you read the view: opened later, it leaves out what was published after
        that moment and says what it cannot rebuild (records changed or taken off the map since).
      </p>

      <h2 id="privacy">Privacy</h2>
      {unmet?.enabled ? (
        <p data-privacy="unmet-searches">
          When a search finds nothing, the map counts it so that editors can see what visitors need
          and cannot find yet. It keeps only the search words (in lower case, with e-mail addresses
          and long numbers removed), the day and a count, for {unmet.retentionDays} days, then
          deletes them. It keeps nothing about who searched: no IP address, no cookie.
        </p>
      ) : (
        <p data-privacy="unmet-searches-off">
          Searches are not recorded: the map keeps nothing of what visitors search for.
        </p>
      )}
      <p>The site sets no cookies and runs no third-party analytics.</p>

      <h2>Licence</h2>
      <p>
        The map’s own data (the records, their links and the coverage) is published by {PUBLISHER}{' '}
        under{' '}
        <a href={DATA_LICENCE.url} rel="license">
          {DATA_LICENCE.name}
        </a>
        : reuse it with attribution. Each knowledge product keeps the licence of its publisher,
        shown on its page.
      </p>

      <h2>Reuse the data</h2>
      <ul>
        <li>
          <strong>Export API</strong>: every search view can be downloaded as CSV, Excel, JSON, RIS
          or BibTeX with the same query string as its page. The API is described in{' '}
          <a href={`${exportUrl}/openapi.json`}>OpenAPI (openapi.json)</a>.
        </li>
        <li>
          <strong>REST API</strong>: published records are readable at{' '}
          <a href={`${cmsUrl}/api/knowledge-products`}>{`${cmsUrl}/api`}</a>.
        </li>
        <li>
          <strong>TypeScript SDK</strong>: the <code>@repo/types</code> package (
          <code>packages/types</code> in the source) holds the zod schemas, the filter language and
          a typed client, validated against the same schemas as this site:
          <pre className="citation">
            <code>{`import { createClient } from '@repo/types'

const cms = createClient({ baseUrl: '${cmsUrl}' })
const { docs } = await cms.products.list('?theme=environmental-rights')`}</code>
          </pre>
        </li>
      </ul>
    </article>
  )
}
