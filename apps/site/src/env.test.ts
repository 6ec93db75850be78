import { describe, expect, it } from 'vitest'

import { parseEnv } from './env'

describe('site environment', () => {
  it('should default to the local ports and trim trailing slashes', () => {
    expect(parseEnv({ CMS_URL: 'https://cms.example.org/' })).toEqual({
      cmsUrl: 'https://cms.example.org',
      cmsPublicUrl: 'https://cms.example.org',
      siteUrl: 'http://localhost:3001',
      exportUrl: 'http://localhost:3002',
      revalidateSecret: undefined,
      revalidateSeconds: 60,
      sitemapMaxUrls: 50_000,
    })
  })

  it('should show visitors the public CMS URL, never the internal one', () => {
    const e = parseEnv({ CMS_URL: 'http://cms:3000', CMS_PUBLIC_URL: 'https://cms.example.org/' })
    expect(e).toMatchObject({ cmsUrl: 'http://cms:3000', cmsPublicUrl: 'https://cms.example.org' })
  })

  it('should name every bad variable', () => {
    expect(() => parseEnv({ SITE_URL: 'not a url', REVALIDATE_SECRET: 'short' })).toThrow(
      /SITE_URL[\s\S]*REVALIDATE_SECRET|REVALIDATE_SECRET[\s\S]*SITE_URL/,
    )
  })

  it('should keep sitemap files within the protocol limit of 50,000 URLs', () => {
    expect(parseEnv({ SITEMAP_MAX_URLS: '7' }).sitemapMaxUrls).toBe(7)
    expect(() => parseEnv({ SITEMAP_MAX_URLS: '50001' })).toThrow(/SITEMAP_MAX_URLS/)
  })

  it('should treat empty variables as unset', () => {
    expect(parseEnv({ CMS_URL: '', REVALIDATE_SECONDS: '5' })).toMatchObject({
      cmsUrl: 'http://localhost:3000',
      revalidateSeconds: 5,
    })
  })
})
