import type { Payload, PayloadRequest, SanitizedConfig } from 'payload'
import { describe, expect, it } from 'vitest'

import {
  afterCommit,
  runJobsSerialised,
  withWrites,
  writeLock,
  writeScope,
} from '../src/lib/writes'

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

/** Runs `n` copies of `fn` at once and returns the most that ran at the same time. */
async function peakConcurrency(n: number, fn: (body: () => Promise<void>) => Promise<unknown>) {
  let running = 0
  let peak = 0
  await Promise.all(
    Array.from({ length: n }, () =>
      fn(async () => {
        running++
        peak = Math.max(peak, running)
        await tick()
        running--
      }),
    ),
  )
  return peak
}

const config = (name: string) =>
  ({ db: { name }, routes: { api: '/api' } }) as unknown as SanitizedConfig

describe('writes', () => {
  it('should run writes of one process one at a time, and let a write lock again inside itself', async () => {
    expect(await peakConcurrency(8, (body) => writeLock(body))).toBe(1)
    await expect(writeLock(() => writeLock(async () => 'nested'))).resolves.toBe('nested')
  })

  it('should run after-commit callbacks once the write returned, and drop them when it throws', async () => {
    const req = {} as PayloadRequest
    const seen: string[] = []
    await writeScope(async () => {
      afterCommit(req, () => seen.push('after'))
      await tick()
      seen.push('write done')
    })
    expect(seen).toEqual(['write done', 'after'])
    await expect(
      writeScope(async () => {
        afterCommit(req, () => seen.push('never'))
        throw new Error('rolled back')
      }),
    ).rejects.toThrow('rolled back')
    expect(seen).not.toContain('never')
  })

  it('should serialise writing requests on SQLite only, and leave reads and the import unlocked', async () => {
    const peak = (db: string, method: string, path = '/api/things') =>
      peakConcurrency(4, (body) =>
        withWrites(
          config(db),
          async (_request: Request, _context: never) => {
            await body()
            return new Response(null)
          },
          { selfLocking: ['/import'] },
        )(new Request(`http://cms.test${path}`, { method }), undefined as never),
      )
    expect(await peak('sqlite', 'POST')).toBe(1)
    expect(await peak('sqlite', 'PATCH')).toBe(1)
    expect(await peak('sqlite', 'GET', '/api/payload-jobs/run')).toBe(1)
    expect(await peak('sqlite', 'GET')).toBe(4)
    expect(await peak('sqlite', 'POST', '/api/import')).toBe(4)
    expect(await peak('mongoose', 'POST')).toBe(4)
  })

  it('should run due jobs under the write lock, never next to another write', async () => {
    const log: string[] = []
    const step = (name: string) => async () => {
      log.push(`${name} start`)
      await tick()
      log.push(`${name} end`)
      return {}
    }
    const payload = {
      jobs: { handleSchedules: step('schedules'), run: step('jobs') },
      logger: { error: () => {} },
    } as unknown as Payload
    const stop = runJobsSerialised(payload, 1)
    try {
      await writeLock(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20))
        log.push('write')
      })
      await expect.poll(() => log.length).toBeGreaterThanOrEqual(5)
    } finally {
      stop()
    }
    // The write held the lock first: the jobs ran after it, schedules then jobs, one at a time.
    expect(log.slice(0, 5)).toEqual([
      'write',
      'schedules start',
      'schedules end',
      'jobs start',
      'jobs end',
    ])
  })
})
