import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { plan, preflight, systemTools, which, type Machine } from '../src/preflight.js'

const tmp = mkdtempSync(path.join(tmpdir(), 'km-preflight-'))
// Readable by the unprivileged user the CLI test runs as.
chmodSync(tmp, 0o755)
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const machine = (present: string[], isRoot: boolean, hasAptGet = true): Machine => ({
  has: (t) => present.includes(t.probe ? t.debianPackage : path.basename(t.command)),
  isRoot,
  hasAptGet,
})

describe('the test preflight', () => {
  it('should find an executable on PATH and not a plain file', () => {
    const bin = path.join(tmp, 'bin')
    spawnSync('mkdir', ['-p', bin])
    writeFileSync(path.join(bin, 'tool'), '#!/bin/sh\n')
    chmodSync(path.join(bin, 'tool'), 0o755)
    writeFileSync(path.join(bin, 'data'), 'not executable')
    expect(which('tool', { PATH: bin })).toBe(path.join(bin, 'tool'))
    expect(which('data', { PATH: bin })).toBeUndefined()
    expect(which('tool', { PATH: '' })).toBeUndefined()
  })

  it('should probe a Python module with Debian’s python3, not the first python3 on PATH', () => {
    const feedparser = systemTools({}).find((t) => t.debianPackage === 'python3-feedparser')!
    expect(feedparser.command).toBe('/usr/bin/python3')
    expect(feedparser.probe).toEqual(['-c', 'import feedparser'])
  })

  it('should look for Chromium where CHROMIUM_PATH says', () => {
    expect(systemTools({ CHROMIUM_PATH: '/opt/chrome/chrome' })[0]!.command).toBe(
      '/opt/chrome/chrome',
    )
    expect(systemTools({})[0]!.command).toBe('chromium')
  })

  it('should do nothing when every tool is there', () => {
    expect(
      plan(
        systemTools({}),
        machine(['chromium', 'ris2xml', 'bib2xml', 'python3-feedparser'], false),
      ),
    ).toEqual({
      action: 'none',
    })
  })

  it('should install each missing Debian package once, as root with apt-get', () => {
    const p = plan(systemTools({}), machine(['chromium'], true))
    expect(p).toMatchObject({ action: 'install', packages: ['bibutils', 'python3-feedparser'] })
  })

  it('should stop with one line naming the exact command when it may not install', () => {
    const p = plan(systemTools({}), machine([], false))
    expect(p.action).toBe('stop')
    if (p.action !== 'stop') return
    expect(p.message.split('\n')).toHaveLength(1)
    expect(p.message).toContain(
      'run: sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium bibutils python3-feedparser',
    )
    expect(p.message).toContain('browser tests of @repo/cms and @repo/site')
    const noApt = plan(systemTools({}), machine([], true, false))
    expect(noApt.action).toBe('stop')
  })

  it('should run apt-get update then install, and say what it installed', () => {
    const calls: string[] = []
    const present = ['chromium', 'python3-feedparser']
    const result = preflight({}, machine(present, true), (command, args) => {
      calls.push([command, ...args].join(' '))
      if (args[0] === 'install') present.push('ris2xml', 'bib2xml')
      return 0
    })
    expect(calls).toEqual([
      'apt-get update -qq',
      'apt-get install -y -qq --no-install-recommends bibutils',
    ])
    expect(result.ok).toBe(true)
    expect(result.lines[0]).toMatch(/^preflight: installing bibutils from Debian \(needed by/)
    expect(result.lines.at(-1)).toBe('preflight: installed bibutils')
  })

  it('should fail, not skip, when apt-get cannot install', () => {
    const result = preflight({}, machine([], true), () => 100)
    expect(result.ok).toBe(false)
    expect(result.lines.at(-1)).toContain(
      'apt-get could not install chromium bibutils python3-feedparser',
    )
  })

  it('should stop an unprivileged user with one instruction line and exit 1 (real CLI)', () => {
    const bin = path.join(tmp, 'user-bin')
    spawnSync('mkdir', ['-p', bin])
    symlinkSync(process.execPath, path.join(bin, 'node'))
    const cli = path.resolve(import.meta.dirname, '../dist/preflight-cli.js')
    const asRoot = process.getuid?.() === 0
    const [command, args] = asRoot
      ? ['runuser', ['-u', 'nobody', '--', path.join(bin, 'node'), cli]]
      : [path.join(bin, 'node'), [cli]]
    const result = spawnSync(command, args as string[], {
      encoding: 'utf8',
      env: {
        PATH: `${bin}:/usr/sbin:/usr/bin:/sbin:/bin`,
        CHROMIUM_PATH: '/nonexistent/chromium',
      },
    })
    expect(result.status).toBe(1)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^preflight: missing chromium .*; run: sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium/,
    )
  })
})
