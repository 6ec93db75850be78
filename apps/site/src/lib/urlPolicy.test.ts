import { NextRequest } from 'next/server'
import { describe, expect, it } from 'vitest'

import { proxy } from '../proxy'
import { decideUrl } from './urlPolicy'

describe('URL policy', () => {
  it.each([
    ['/products', '?type=report&fbclid=IwAR0abc', '/products?type=report'],
    ['/products', '?utm_source=x&utm_medium=y&gclid=z', '/products'],
    ['/products', '?theme=b&theme=a&sort=-year&page=1', '/products?theme=a&theme=b'],
    ['/', '?axis=types&fbclid=abc', '/?axis=types'],
    ['/', '?axis=learning-needs', '/'],
    ['/', '?mode=confirmed', '/'],
    ['/', '?axis=types&mode=suggested', '/?axis=types'],
    ['/', '?view=table&mode=suggested', '/?mode=suggested'],
    ['/', '?view=bubbles&axis=types', '/?axis=types&view=bubbles'],
    ['/learning-needs', '?coverage=open&utm_campaign=z', '/learning-needs?coverage=open'],
    ['/products/some-product', '?fbclid=abc', '/products/some-product'],
    ['/about', '?x=1', '/about'],
    ['/themes/', '?coverage=%E0%BF%82', '/themes'],
    ['/products/', '?type=report', '/products?type=report'],
  ])('should redirect %s%s to the canonical %s', (path, search, location) => {
    expect(decideUrl(path, search)).toEqual({ kind: 'redirect', location })
  })

  it('should refuse a path whose escapes are not UTF-8 text (Next answers it with a 500)', () => {
    for (const path of ['/products/%FF', '/n/%C3/1', '/learning-needs/%E2%82']) {
      const d = decideUrl(path, '')
      expect(d.kind, path).toBe('invalid')
      if (d.kind === 'invalid') expect(d.issues[0]!.param).toBe('path')
    }
    expect(decideUrl('/products/caf%C3%A9', '').kind).toBe('ok')
    expect(decideUrl('/n/%00/1', '').kind).toBe('ok')
  })

  it('should leave canonical URLs alone', () => {
    for (const [path, search] of [
      ['/products', '?theme=a&type=report'],
      ['/products', ''],
      ['/', '?programme=dialogue-and-dissent&axis=types'],
      ['/', '?mode=suggested'],
      ['/', '?mode=suggested&view=bubbles'],
      ['/learning-needs', '?kind=knowledge-gap&coverage=open'],
      ['/themes/civic-space', ''],
    ]) {
      expect(decideUrl(path!, search!), `${path}${search}`).toEqual({ kind: 'ok' })
    }
  })

  it('should refuse a bad value, naming it, with a link to the view without it', () => {
    const d = decideUrl('/products', '?type=novel&theme=a&fbclid=x')
    expect(d).toMatchObject({ kind: 'invalid', fixed: '/products?theme=a' })
    expect(d.kind === 'invalid' && d.issues.map((i) => i.param)).toEqual(['type'])
    expect(decideUrl('/', '?axis=diagonal')).toMatchObject({ kind: 'invalid', fixed: '/' })
    expect(decideUrl('/', '?mode=guessed')).toMatchObject({ kind: 'invalid', fixed: '/' })
    expect(decideUrl('/', '?view=pie&mode=suggested')).toMatchObject({ kind: 'invalid' })
    expect(decideUrl('/learning-needs', '?priority=urgent')).toMatchObject({ kind: 'invalid' })
  })

  it('should answer through the proxy: 307 to the public origin (not the Host), or a 400 page', async () => {
    const shared = proxy(
      new NextRequest('http://internal-host:3001/products?type=report&fbclid=abc'),
    )
    expect(shared.status).toBe(307)
    expect(shared.headers.get('location')).toBe('http://localhost:3001/products?type=report')
    const bad = proxy(new NextRequest('http://site.test/products?yearFrom=soon'))
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('<code>yearFrom</code>')
    expect(html).toContain('href="/products"')
    const xss = proxy(new NextRequest('http://site.test/products?type=%3Cscript%3E'))
    expect(await xss.text()).not.toContain('<script>')
    // Next's client navigation is left to the page.
    const rsc = proxy(new NextRequest('http://site.test/products?fbclid=x&_rsc=1'))
    expect(rsc.headers.get('x-middleware-next')).toBe('1')
  })

  it('should keep dated views and the changelog as views of their own, and refuse bad dates', () => {
    for (const [path, search] of [
      ['/', '?axis=types&asOf=2026-12-01T10%3A15%3A07.120Z'],
      ['/products', '?theme=a&asOf=2026-12-01'],
      ['/learning-needs/some-need', '?asOf=2026-12-01'],
      ['/changes', '?from=2026-11-01&to=2026-12-01&theme=a&page=2'],
    ]) {
      expect(decideUrl(path!, search!), `${path}${search}`).toEqual({ kind: 'ok' })
    }
    expect(decideUrl('/changes', '?theme=b&theme=a&from=&utm_source=x')).toEqual({
      kind: 'redirect',
      location: '/changes?theme=a&theme=b',
    })
    expect(decideUrl('/learning-needs/some-need', '?fbclid=x')).toEqual({
      kind: 'redirect',
      location: '/learning-needs/some-need',
    })
    expect(decideUrl('/changes', '?from=2026-02-30&theme=a')).toMatchObject({
      kind: 'invalid',
      fixed: '/changes?theme=a',
    })
    expect(decideUrl('/', '?asOf=last-week&axis=types')).toMatchObject({
      kind: 'invalid',
      fixed: '/?axis=types',
    })
    expect(decideUrl('/learning-needs/some-need', '?asOf=2026-13-01')).toMatchObject({
      kind: 'invalid',
      fixed: '/learning-needs/some-need',
    })
  })
})
