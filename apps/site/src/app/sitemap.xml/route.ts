import { env } from '@/env'
import { cms } from '@/lib/cms'
import { absoluteUrl } from '@/lib/seo'
import { sitemapFiles, sitemapIndexXml, unavailable, xmlResponse } from '@/lib/sitemap'

/** `GET /sitemap.xml`: the sitemap index (robots.txt points here). */
export async function GET(): Promise<Response> {
  try {
    const files = await sitemapFiles(await cms(), env().sitemapMaxUrls)
    return xmlResponse(
      sitemapIndexXml(files.map((f) => ({ url: absoluteUrl(`/sitemaps/${f}.xml`) }))),
    )
  } catch (err) {
    return unavailable(err)
  }
}
