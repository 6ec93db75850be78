import { describe, expect, it } from 'vitest'

import { EnvError, loadConfig } from '../src/env.js'
import { exportFilename } from '../src/exporter.js'

describe('loadConfig', () => {
  it('has working defaults: the CMS on :3000, the service on :3002', () => {
    const config = loadConfig({})
    expect(config.cmsUrl).toBe('http://localhost:3000')
    expect(config.cmsPublicUrl).toBe('http://localhost:3000')
    expect(config.port).toBe(3002)
    expect(config.exportPageSize).toBe(250)
    expect(config.logLevel).toBe('info')
  })

  it('PORT wins over EXPORT_PORT; empty variables count as unset', () => {
    expect(loadConfig({ EXPORT_PORT: '4000' }).port).toBe(4000)
    expect(loadConfig({ EXPORT_PORT: '4000', PORT: '5000' }).port).toBe(5000)
    expect(loadConfig({ PORT: '', CMS_URL: '' }).cmsUrl).toBe('http://localhost:3000')
  })

  it('reads the rate limit, timeouts and deadline', () => {
    const config = loadConfig({
      RATE_LIMIT_MAX: '5',
      RATE_LIMIT_WINDOW_MS: '10000',
      REQUEST_TIMEOUT_MS: '1234',
      SHUTDOWN_DEADLINE_MS: '0',
      EXPORT_WRITE_IDLE_TIMEOUT_MS: '250',
      CMS_PUBLIC_URL: 'https://cms.example.org',
    })
    expect(config).toMatchObject({
      rateLimitMax: 5,
      rateLimitWindowMs: 10_000,
      requestTimeoutMs: 1234,
      shutdownDeadlineMs: 0,
      writeIdleTimeoutMs: 250,
      cmsPublicUrl: 'https://cms.example.org',
    })
  })

  it('names every bad variable', () => {
    expect(() =>
      loadConfig({ CMS_URL: 'ftp://x', RATE_LIMIT_MAX: 'lots', EXPORT_PAGE_SIZE: '501' }),
    ).toThrowError(EnvError)
    try {
      loadConfig({ CMS_URL: 'ftp://x', RATE_LIMIT_MAX: 'lots', EXPORT_PAGE_SIZE: '501' })
    } catch (err) {
      expect((err as Error).message).toMatch(/CMS_URL/)
      expect((err as Error).message).toMatch(/RATE_LIMIT_MAX/)
      expect((err as Error).message).toMatch(/EXPORT_PAGE_SIZE/)
    }
  })
})

describe('exportFilename', () => {
  const day = new Date('2026-11-29T10:00:00Z')
  it('names the view, the filter and the day', () => {
    expect(exportFilename('knowledge-products', '', 'csv', day)).toBe(
      'knowledge-products_2026-11-29.csv',
    )
    expect(
      exportFilename('knowledge-products', 'theme=civic-space&yearFrom=2018', 'xlsx', day),
    ).toBe('knowledge-products_theme-civic-space_yearfrom-2018_2026-11-29.xlsx')
  })
  it('stays short and safe whatever the filter', () => {
    const name = exportFilename(
      'knowledge-products',
      new URLSearchParams({ q: '"; rm -rf / ../../é'.repeat(20) }).toString(),
      'csv',
      day,
    )
    expect(name).toMatch(/^[a-z0-9_.-]+$/)
    expect(name.length).toBeLessThan(120)
  })
})
