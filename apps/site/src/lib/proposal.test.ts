import { describe, expect, it } from 'vitest'

import {
  allowProposal,
  checkToken,
  formToken,
  MAX_FILL_MS,
  MIN_FILL_MS,
  RATE_LIMIT,
} from './proposal'

describe('the proposal form checks', () => {
  it('should accept a token after a person’s pause, and refuse one sent too fast or too late', () => {
    const t0 = 1_800_000_000_000
    const token = formToken(t0)
    expect(checkToken(token, t0 + MIN_FILL_MS - 1)).toBe('too-fast')
    expect(checkToken(token, t0 + MIN_FILL_MS)).toBe('ok')
    expect(checkToken(token, t0 + MAX_FILL_MS + 1)).toBe('stale')
  })

  it('should refuse a forged, altered or missing token', () => {
    const t0 = 1_800_000_000_000
    const [, mac] = formToken(t0).split('.')
    expect(checkToken(`${t0 - 60_000}.${mac}`, t0)).toBe('invalid')
    expect(checkToken(`${t0}.${mac}x`, t0 + MIN_FILL_MS)).toBe('invalid')
    expect(checkToken(`${t0}`, t0 + MIN_FILL_MS)).toBe('invalid')
    expect(checkToken(undefined, t0)).toBe('invalid')
    expect(checkToken('not.a.token', t0)).toBe('invalid')
  })

  it('should allow a few proposals per client per window, then refuse until it passes', () => {
    const now = 1_800_000_000_000
    const client = `client-${Math.random()}`
    for (let i = 0; i < RATE_LIMIT.max; i++) expect(allowProposal(client, now + i)).toBe(true)
    expect(allowProposal(client, now + RATE_LIMIT.max)).toBe(false)
    expect(allowProposal(`${client}-other`, now)).toBe(true)
    expect(allowProposal(client, now + RATE_LIMIT.windowMs + RATE_LIMIT.max)).toBe(true)
  })
})
