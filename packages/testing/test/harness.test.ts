import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { chromiumPath, findRepoRoot, freePort, startBuiltSite } from '../src/index.js'

const tmp = mkdtempSync(path.join(tmpdir(), 'km-testing-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('harness helpers', () => {
  it('should hand out a port that can be listened on', async () => {
    const port = await freePort()
    expect(port).toBeGreaterThan(0)
    await new Promise<void>((resolve, reject) => {
      const server = createServer()
      server.on('error', reject)
      server.listen(port, '127.0.0.1', () => server.close(() => resolve()))
    })
  })

  it('should find the workspace root from a nested folder', () => {
    mkdirSync(path.join(tmp, 'repo/apps/x/test'), { recursive: true })
    writeFileSync(path.join(tmp, 'repo/pnpm-workspace.yaml'), 'packages: []\n')
    expect(findRepoRoot(path.join(tmp, 'repo/apps/x/test'))).toBe(path.join(tmp, 'repo'))
    expect(() => findRepoRoot(tmp)).toThrow(/pnpm-workspace.yaml/)
  })

  it('should say how to install Chromium when it is missing', () => {
    expect(() => chromiumPath({ CHROMIUM_PATH: path.join(tmp, 'no-chromium') })).toThrow(
      /apt-get install -y chromium/,
    )
  })

  it('should refuse to start a site that is not built', async () => {
    await expect(
      startBuiltSite({ repoRoot: path.join(tmp, 'repo'), cmsUrl: 'http://localhost:1' }),
    ).rejects.toThrow(/not built/)
  })
})
