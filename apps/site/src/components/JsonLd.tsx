import { jsonLd } from '@/lib/seo'

/** A schema.org JSON-LD block. */
export function JsonLd({ data }: { data: Record<string, unknown> }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(data) }} />
}
