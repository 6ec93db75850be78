import { env } from '@/env'
import { cms } from '@/lib/cms'
import {
  notFound,
  parseSitemapFile,
  sitemapUrls,
  unavailable,
  urlsetXml,
  xmlResponse,
} from '@/lib/sitemap'

/** `GET /sitemaps/<section>-<n>.xml`: one file of the sitemap index. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ file: string }> },
): Promise<Response> {
  const parsed = parseSitemapFile((await params).file)
  if (!parsed) return notFound()
  try {
    const urls = await sitemapUrls(await cms(), parsed.section, parsed.part, env().sitemapMaxUrls)
    return urls ? xmlResponse(urlsetXml(urls)) : notFound()
  } catch (err) {
    return unavailable(err)
  }
}
