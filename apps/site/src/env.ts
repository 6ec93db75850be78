import { z } from 'zod'

/**
 * The site's environment, validated once. This is the only module that reads `process.env`.
 * Every variable has a local default except the revalidation secret: without it the
 * `/api/revalidate` endpoint refuses every call and freshness relies on the time-based fallback.
 */
const schema = z.object({
  /** The CMS's origin; the site reads it through the SDK only. */
  CMS_URL: z.url().default('http://localhost:3000'),
  /**
   * The CMS's origin as visitors reach it (file downloads, citations, the API on /about), when it
   * differs from `CMS_URL` (e.g. `http://cms:3000` inside Docker). Default: `CMS_URL`.
   */
  CMS_PUBLIC_URL: z.url().optional(),
  /** This site's public origin (canonical URLs, sitemap, Open Graph). */
  SITE_URL: z.url().default('http://localhost:3001'),
  /** The export service's public origin ("Export this view" links). */
  EXPORT_URL: z.url().default('http://localhost:3002'),
  /** Shared with the CMS, which calls `POST /api/revalidate` after a published change. */
  REVALIDATE_SECRET: z.string().min(16, 'REVALIDATE_SECRET needs 16 characters or more').optional(),
  /** Time-based fallback: cached CMS answers are refreshed after this many seconds. */
  REVALIDATE_SECONDS: z.coerce.number().int().positive().default(60),
  /** URLs per sitemap file (the protocol allows 50,000); the index lists the files. */
  SITEMAP_MAX_URLS: z.coerce.number().int().min(1).max(50_000).default(50_000),
})

export type SiteEnv = {
  cmsUrl: string
  cmsPublicUrl: string
  siteUrl: string
  exportUrl: string
  revalidateSecret: string | undefined
  revalidateSeconds: number
  sitemapMaxUrls: number
}

const trim = (url: string) => url.replace(/\/+$/, '')

export function parseEnv(source: Record<string, string | undefined>): SiteEnv {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '')),
  )
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid site environment:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  return {
    cmsUrl: trim(e.CMS_URL),
    cmsPublicUrl: trim(e.CMS_PUBLIC_URL ?? e.CMS_URL),
    siteUrl: trim(e.SITE_URL),
    exportUrl: trim(e.EXPORT_URL),
    revalidateSecret: e.REVALIDATE_SECRET,
    revalidateSeconds: e.REVALIDATE_SECONDS,
    sitemapMaxUrls: e.SITEMAP_MAX_URLS,
  }
}

let cached: SiteEnv | undefined
/** The process's validated environment, parsed on first use (at request time, not build time). */
export function env(): SiteEnv {
  cached ??= parseEnv({
    CMS_URL: process.env.CMS_URL,
    CMS_PUBLIC_URL: process.env.CMS_PUBLIC_URL,
    SITE_URL: process.env.SITE_URL,
    EXPORT_URL: process.env.EXPORT_URL,
    REVALIDATE_SECRET: process.env.REVALIDATE_SECRET,
    REVALIDATE_SECONDS: process.env.REVALIDATE_SECONDS,
    SITEMAP_MAX_URLS: process.env.SITEMAP_MAX_URLS,
  })
  return cached
}
