/**
 * A small Dockerfile parser and linter. Debian does not ship hadolint, so this checks the rules
 * our images rely on (multi-stage, pinned bases, non-root, NODE_ENV=production) plus a few of
 * hadolint's most useful ones (DL3000, DL3004, DL3007, DL3020, DL3024, DL3025).
 */

export type Instruction = {
  /** Upper-case keyword: FROM, RUN, COPY… */
  keyword: string
  /** Everything after the keyword, with line continuations joined. */
  args: string
  /** 1-based line where the instruction starts. */
  line: number
}

export type Stage = {
  index: number
  name?: string
  /** The image reference as written, e.g. `${NODE_IMAGE}` or `node:20-slim`. */
  image: string
  /** The image reference with ARG defaults substituted. */
  resolvedImage: string
  /** Set when the stage builds on an earlier stage (`FROM builder AS seed`). */
  parent?: Stage
  line: number
  instructions: Instruction[]
}

export type Finding = { rule: string; line: number; message: string }

export type ParsedDockerfile = {
  instructions: Instruction[]
  stages: Stage[]
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Record<string, string | undefined>
}

/** Splits a Dockerfile into instructions, joining `\` continuations and dropping comments. */
export function parseInstructions(text: string): Instruction[] {
  const lines = text.split(/\r?\n/)
  const out: Instruction[] = []
  let buffer = ''
  let start = 0
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? ''
    const trimmed = raw.trim()
    // Comments (and parser directives) are whole lines; like blank lines, they are skipped even
    // inside a continuation, as Docker does.
    if (trimmed.startsWith('#') || trimmed === '') continue
    if (buffer === '') start = i + 1
    if (/\\\s*$/.test(raw)) {
      buffer += raw.replace(/\\\s*$/, '') + ' '
      continue
    }
    buffer += raw
    push()
  }
  if (buffer.trim() !== '') push()
  return out

  function push() {
    const match = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(buffer)
    if (match) {
      out.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim(), line: start })
    }
    buffer = ''
  }
}

/** Substitutes `$VAR` / `${VAR}` / `${VAR:-default}` from `vars`; unknown names stay as written. */
export function substitute(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, braced: string | undefined, fallback: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare!
      const v = vars[name]
      if (v !== undefined && v !== '') return v
      if (fallback !== undefined) return fallback
      return whole
    },
  )
}

/** Parses `KEY=value KEY2="v 2"` (or the legacy `KEY value`) into pairs. */
export function parseKeyValues(args: string): Record<string, string> {
  const out: Record<string, string> = {}
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(args)) {
    const m = /^(\S+)\s+(.*)$/s.exec(args)
    if (m) out[m[1]!] = m[2]!.trim()
    return out
  }
  const re = /([A-Za-z_][A-Za-z0-9_.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g
  for (const m of args.matchAll(re)) {
    let v = m[2]!
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) {
      v = v.slice(1, -1)
    }
    out[m[1]!] = v
  }
  return out
}

export function parseDockerfile(text: string): ParsedDockerfile {
  const instructions = parseInstructions(text)
  const globalArgs: Record<string, string | undefined> = {}
  const stages: Stage[] = []
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const tokens = ins.args.split(/\s+/).filter((t) => !t.startsWith('--'))
      const image = tokens[0] ?? ''
      const asIndex = tokens.findIndex((t) => t.toLowerCase() === 'as')
      const name = asIndex >= 0 ? tokens[asIndex + 1]?.toLowerCase() : undefined
      const resolvedImage = substitute(image, globalArgs)
      const parent = stages.find((s) => s.name !== undefined && s.name === resolvedImage)
      stages.push({
        index: stages.length,
        name,
        image,
        resolvedImage,
        parent,
        line: ins.line,
        instructions: [],
      })
      continue
    }
    const current = stages.at(-1)
    if (!current) {
      if (ins.keyword === 'ARG') {
        const [name, ...rest] = ins.args.split('=')
        globalArgs[name!.trim()] = rest.length ? rest.join('=').trim() : undefined
      }
      continue
    }
    current.instructions.push(ins)
  }
  return { instructions, stages, globalArgs }
}

/** The user a stage's processes run as: its last USER, else its parent stage's, else root. */
export function effectiveUser(stage: Stage): string {
  for (let i = stage.instructions.length - 1; i >= 0; i--) {
    const ins = stage.instructions[i]!
    if (ins.keyword === 'USER') return ins.args.trim()
  }
  return stage.parent ? effectiveUser(stage.parent) : 'root'
}

/** The environment a stage sets with ENV, including what its parent stage set. */
export function effectiveEnv(stage: Stage): Record<string, string> {
  const env: Record<string, string> = stage.parent ? effectiveEnv(stage.parent) : {}
  for (const ins of stage.instructions) {
    if (ins.keyword === 'ENV') Object.assign(env, parseKeyValues(ins.args))
  }
  return env
}

const isRoot = (user: string) => {
  const name = user.split(':')[0]!.trim()
  return name === '' || name === 'root' || name === '0'
}

/**
 * Whether an image reference is pinned: a digest, or a tag other than `latest` that carries a
 * version number (`mongo:8.0.12`, `node:20.20.2-bookworm-slim`).
 */
export function imagePinProblem(ref: string): string | undefined {
  if (ref === 'scratch') return undefined
  if (/\$/.test(ref)) return `cannot resolve the image "${ref}" (give the ARG a pinned default)`
  if (/@sha256:[0-9a-f]{64}$/.test(ref)) return undefined
  const lastSlash = ref.lastIndexOf('/')
  const colon = ref.indexOf(':', lastSlash + 1)
  if (colon < 0) return `the image "${ref}" has no tag (pin a version)`
  const tag = ref.slice(colon + 1)
  if (tag === 'latest' || /(^|[-.])latest($|[-.])/.test(tag)) {
    return `the image "${ref}" uses "latest" (pin a version)`
  }
  if (!/\d/.test(tag)) return `the tag of "${ref}" is not a version (pin a version)`
  return undefined
}

/** Global npm/pnpm installs must name exact versions (`pnpm@12.4.2`), never `@latest`. */
function unpinnedGlobalInstalls(run: string): string[] {
  const bad: string[] = []
  for (const cmd of run.split(/&&|\|\||;/)) {
    const words = cmd.trim().split(/\s+/)
    const isNpmGlobal =
      words[0] === 'npm' &&
      ['i', 'install', 'add'].includes(words[1] ?? '') &&
      words.some((w) => w === '-g' || w === '--global')
    if (!isNpmGlobal) continue
    for (const w of words.slice(2)) {
      if (w.startsWith('-')) continue
      const at = w.lastIndexOf('@')
      const version = at > 0 ? w.slice(at + 1) : ''
      if (!/^\d+\.\d+\.\d+/.test(version)) bad.push(w)
    }
  }
  return bad
}

export type LintOptions = {
  /** Require this key=value in the final stage's environment (default NODE_ENV=production). */
  requiredEnv?: Record<string, string>
}

export function lintDockerfile(text: string, options: LintOptions = {}): Finding[] {
  const requiredEnv = options.requiredEnv ?? { NODE_ENV: 'production' }
  const { stages, instructions } = parseDockerfile(text)
  const findings: Finding[] = []
  const add = (rule: string, line: number, message: string) =>
    findings.push({ rule, line, message })

  if (stages.length === 0) {
    add('DF001', 1, 'no FROM instruction')
    return findings
  }
  if (stages.length < 2) add('DF001', stages[0]!.line, 'not a multi-stage build (one FROM)')

  const seen = new Set<string>()
  for (const stage of stages) {
    if (stage.name) {
      if (seen.has(stage.name)) add('DL3024', stage.line, `stage name "${stage.name}" is reused`)
      seen.add(stage.name)
    }
    if (!stage.parent) {
      const problem = imagePinProblem(stage.resolvedImage)
      if (problem) add(/latest/.test(problem) ? 'DL3007' : 'DF002', stage.line, problem)
    }
  }

  for (const [i, stage] of stages.entries()) {
    const earlier = new Set(
      stages
        .slice(0, i)
        .map((s) => [s.name, String(s.index)])
        .flat()
        .filter(Boolean),
    )
    for (const ins of stage.instructions) {
      if (ins.keyword === 'COPY') {
        const from = /--from=(\S+)/.exec(ins.args)?.[1]
        if (from && !earlier.has(from.toLowerCase())) {
          const problem = imagePinProblem(from)
          if (problem)
            add('DF003', ins.line, `COPY --from=${from}: not an earlier stage; ${problem}`)
        }
      }
      if (ins.keyword === 'ADD' && !/^(--\S+\s+)*(https?:\/\/|git@)/.test(ins.args)) {
        add('DL3020', ins.line, 'use COPY instead of ADD for files and folders')
      }
      if (ins.keyword === 'WORKDIR' && !/^(\/|\$)/.test(ins.args)) {
        add('DL3000', ins.line, `WORKDIR "${ins.args}" is not absolute`)
      }
      if (ins.keyword === 'RUN') {
        if (/(^|[\s;&|])sudo\s/.test(ins.args)) add('DL3004', ins.line, 'do not use sudo')
        for (const pkg of unpinnedGlobalInstalls(ins.args)) {
          add('DF004', ins.line, `global install "${pkg}" is not pinned to an exact version`)
        }
      }
    }
    const runsSomething = stage.instructions.some(
      (x) => x.keyword === 'CMD' || x.keyword === 'ENTRYPOINT',
    )
    const isFinal = i === stages.length - 1
    if ((isFinal || runsSomething) && isRoot(effectiveUser(stage))) {
      add(
        'DF005',
        stage.line,
        `stage ${stage.name ?? stage.index} runs as root: add a USER with a non-root user`,
      )
    }
    if (isFinal || runsSomething) {
      const env = effectiveEnv(stage)
      for (const [k, v] of Object.entries(requiredEnv)) {
        if (env[k] !== v) {
          add('DF006', stage.line, `stage ${stage.name ?? stage.index} does not set ${k}=${v}`)
        }
      }
    }
    for (const ins of stage.instructions) {
      if ((ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') && !ins.args.startsWith('[')) {
        add('DL3025', ins.line, `${ins.keyword} should use the JSON (exec) form`)
      }
    }
  }
  if (!instructions.some((x) => x.keyword === 'CMD' || x.keyword === 'ENTRYPOINT')) {
    add('DF007', stages.at(-1)!.line, 'the image has no CMD or ENTRYPOINT')
  }
  return findings.sort((a, b) => a.line - b.line)
}

export const formatFindings = (file: string, findings: Finding[]): string =>
  findings.map((f) => `${file}:${f.line} ${f.rule} ${f.message}`).join('\n')
