/**
 * The test preflight: checks the system tools the suites need and, on a machine where it may,
 * installs the missing ones from Debian. The README's test command runs it first, and CI's
 * `.ci/run` installs nothing itself, so the two cannot disagree about what a machine needs.
 */
import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import path from 'node:path'

export type SystemTool = {
  /** What is looked for: an absolute path, or a command name searched on PATH. */
  command: string
  /** The Debian package that provides it. */
  debianPackage: string
  /** Which suites need it, for the message. */
  neededBy: string
  /** Arguments of a run that must succeed too (e.g. a Python module import). */
  probe?: string[]
}

type Env = Record<string, string | undefined>

/** Every system tool a test suite in this repository runs. Add a line when a suite needs one. */
export function systemTools(env: Env = process.env): SystemTool[] {
  return [
    {
      command: env.CHROMIUM_PATH || 'chromium',
      debianPackage: 'chromium',
      neededBy: 'browser tests of @repo/cms and @repo/site',
    },
    { command: 'ris2xml', debianPackage: 'bibutils', neededBy: 'RIS tests of @repo/export' },
    { command: 'bib2xml', debianPackage: 'bibutils', neededBy: 'BibTeX tests of @repo/export' },
    {
      // Debian's own Python, whatever python3 comes first on PATH.
      command: '/usr/bin/python3',
      probe: ['-c', 'import feedparser'],
      debianPackage: 'python3-feedparser',
      neededBy: 'Atom feed tests of @repo/site',
    },
  ]
}

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** `command -v`: the executable a command name resolves to on PATH, if any. */
export function which(command: string, env: Env = process.env): string | undefined {
  if (command.includes('/')) return isExecutable(command) ? command : undefined
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue
    const candidate = path.join(dir, command)
    if (isExecutable(candidate)) return candidate
  }
  return undefined
}

export type Machine = {
  has: (tool: SystemTool) => boolean
  isRoot: boolean
  hasAptGet: boolean
}

export type Plan =
  | { action: 'none' }
  | { action: 'install'; packages: string[]; missing: SystemTool[] }
  | { action: 'stop'; packages: string[]; missing: SystemTool[]; message: string }

const unique = (xs: string[]) => [...new Set(xs)]

/** What to do about the tools `machine` lacks. */
export function plan(tools: SystemTool[], machine: Machine): Plan {
  const missing = tools.filter((t) => !machine.has(t))
  if (missing.length === 0) return { action: 'none' }
  const packages = unique(missing.map((t) => t.debianPackage))
  if (machine.isRoot && machine.hasAptGet) return { action: 'install', packages, missing }
  const what = missing
    .map((t) => `${t.probe ? t.debianPackage : path.basename(t.command)} (${t.neededBy})`)
    .join(', ')
  const install = `apt-get install -y --no-install-recommends ${packages.join(' ')}`
  const command = machine.hasAptGet
    ? `sudo apt-get update && sudo ${install}`
    : `install the Debian packages ${packages.join(', ')} (or their equivalents)`
  return {
    action: 'stop',
    packages,
    missing,
    message: `preflight: missing ${what}; run: ${command}`,
  }
}

export function currentMachine(env: Env = process.env): Machine {
  return {
    has: (tool) => {
      const found = which(tool.command, env)
      if (!found) return false
      if (!tool.probe) return true
      return (
        spawnSync(found, tool.probe, { stdio: 'ignore', env: env as NodeJS.ProcessEnv }).status ===
        0
      )
    },
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasAptGet: which('apt-get', env) !== undefined,
  }
}

export type PreflightResult = { ok: boolean; lines: string[] }

/**
 * Runs the preflight: reports, installs as root with apt-get, or stops with the one line that
 * names the command to run. Never skips: a missing tool is either installed or a failure.
 */
export function preflight(
  env: Env = process.env,
  machine: Machine = currentMachine(env),
  run: (command: string, args: string[]) => number = runInherit(env),
): PreflightResult {
  const tools = systemTools(env)
  const p = plan(tools, machine)
  if (p.action === 'none') {
    const names = unique(tools.map((t) => t.debianPackage)).join(', ')
    return { ok: true, lines: [`preflight: ${names}: present`] }
  }
  if (p.action === 'stop') return { ok: false, lines: [p.message] }
  const lines = [
    `preflight: installing ${p.packages.join(' ')} from Debian (needed by ${unique(
      p.missing.map((t) => t.neededBy),
    ).join('; ')})`,
  ]
  const update = run('apt-get', ['update', '-qq'])
  const install =
    update === 0
      ? run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...p.packages])
      : update
  const still = tools.filter((t) => !machine.has(t))
  if (install !== 0 || still.length > 0) {
    lines.push(
      `preflight: apt-get could not install ${p.packages.join(' ')} (exit ${install}); run: apt-get update && apt-get install -y --no-install-recommends ${p.packages.join(' ')}`,
    )
    return { ok: false, lines }
  }
  lines.push(`preflight: installed ${p.packages.join(' ')}`)
  return { ok: true, lines }
}

const runInherit = (env: Env) => (command: string, args: string[]) => {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } as NodeJS.ProcessEnv,
  })
  return result.status ?? 1
}
