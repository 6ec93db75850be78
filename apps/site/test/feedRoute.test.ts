import { describe, expect, it, vi } from 'vitest'

import { slugFeedRoute } from '@/lib/feeds'

describe('a slug feed route', () => {
  it('should answer a feed name that is not UTF-8 with a 400, never reaching the CMS', async () => {
    const build = vi.fn()
    const res = await slugFeedRoute(build)(new Request('http://site.test/feeds/themes/%FF.atom'))
    expect(res.status).toBe(400)
    expect(await res.text()).toMatch(/not UTF-8/)
    expect(build).not.toHaveBeenCalled()
  })

  it('should read the slug from the file name, decoded, and refuse other file names', async () => {
    const build = vi.fn(async () => {
      throw new Error('stop here')
    })
    await expect(
      slugFeedRoute(build)(new Request('http://site.test/feeds/themes/civic-space.atom')),
    ).rejects.toThrow('stop here')
    expect(build).toHaveBeenCalledWith('civic-space')
    const other = await slugFeedRoute(build)(new Request('http://site.test/feeds/themes/x.rss'))
    expect(other.status).toBe(404)
  })
})
