import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import {
  effectiveEnv,
  effectiveUser,
  formatFindings,
  imagePinProblem,
  lintDockerfile,
  parseDockerfile,
  parseInstructions,
} from '../src/dockerfile.js'
import { APP_IMAGES, repoRoot } from '../src/repo.js'

const GOOD = `# syntax=docker/dockerfile:1
ARG NODE_IMAGE=node:20.20.2-bookworm-slim
FROM \${NODE_IMAGE} AS base
RUN npm install --global pnpm@12.4.2 turbo@2.11.11
FROM base AS builder
WORKDIR /repo
COPY . .
RUN pnpm install --frozen-lockfile \\
 && pnpm build
FROM builder AS job
ENV NODE_ENV=production
USER node
CMD ["node", "job.js"]
FROM \${NODE_IMAGE} AS runner
ENV NODE_ENV=production \\
    PORT=3000
WORKDIR /app
COPY --from=builder --chown=node:node /repo/dist ./
USER node
CMD ["node", "server.js"]
`

const rules = (text: string) => lintDockerfile(text).map((f) => f.rule)

describe('the Dockerfile parser', () => {
  it('should join continuation lines and skip comments and blank lines inside them', () => {
    const ins = parseInstructions('FROM a:1 AS x\nRUN one \\\n  # note\n\n  && two\nCMD ["x"]\n')
    expect(ins.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'CMD'])
    expect(ins[1]).toMatchObject({ line: 2 })
    expect(ins[1]!.args.replace(/\s+/g, ' ')).toBe('one && two')
  })

  it('should resolve global ARG defaults in FROM and link stages to their parents', () => {
    const { stages, globalArgs } = parseDockerfile(GOOD)
    expect(globalArgs).toEqual({ NODE_IMAGE: 'node:20.20.2-bookworm-slim' })
    expect(stages.map((s) => s.name)).toEqual(['base', 'builder', 'job', 'runner'])
    expect(stages[0]!.resolvedImage).toBe('node:20.20.2-bookworm-slim')
    expect(stages[2]!.parent?.name).toBe('builder')
    expect(stages[3]!.parent).toBeUndefined()
  })

  it('should compute the user and environment a stage inherits from its parent', () => {
    const { stages } = parseDockerfile(
      'FROM a:1 AS p\nENV A=1 B="two words"\nUSER app\nFROM p AS c\nENV B=2\n',
    )
    expect(effectiveUser(stages[1]!)).toBe('app')
    expect(effectiveEnv(stages[1]!)).toEqual({ A: '1', B: '2' })
    expect(effectiveEnv(stages[0]!)).toEqual({ A: '1', B: 'two words' })
  })
})

describe('imagePinProblem', () => {
  it('should accept version tags and digests', () => {
    expect(imagePinProblem('mongo:8.0.12')).toBeUndefined()
    expect(imagePinProblem('node:20.20.2-bookworm-slim')).toBeUndefined()
    expect(imagePinProblem('registry.example.org:5000/team/app:1.2')).toBeUndefined()
    expect(imagePinProblem(`node@sha256:${'a'.repeat(64)}`)).toBeUndefined()
  })

  it('should refuse latest, missing tags, non-version tags and unresolved variables', () => {
    expect(imagePinProblem('mongo:latest')).toMatch(/latest/)
    expect(imagePinProblem('mongo')).toMatch(/no tag/)
    expect(imagePinProblem('registry.example.org:5000/team/app')).toMatch(/no tag/)
    expect(imagePinProblem('node:lts-slim')).toMatch(/not a version/)
    expect(imagePinProblem('${IMAGE}')).toMatch(/cannot resolve/)
  })
})

describe('lintDockerfile', () => {
  it('should accept a multi-stage, pinned, non-root, production Dockerfile', () => {
    expect(lintDockerfile(GOOD)).toEqual([])
  })

  it('should flag a single-stage build', () => {
    expect(rules('FROM node:20.1.0\nENV NODE_ENV=production\nUSER node\nCMD ["node"]\n')).toEqual([
      'DF001',
    ])
  })

  it('should flag a final stage that runs as root, explicitly or by default', () => {
    expect(
      rules(GOOD.replace(/USER node\nCMD \["node", "server.js"\]/, 'CMD ["node", "server.js"]')),
    ).toEqual(['DF005'])
    expect(
      rules(
        GOOD.replace(
          /USER node\nCMD \["node", "server.js"\]/,
          'USER root\nCMD ["node", "server.js"]',
        ),
      ),
    ).toEqual(['DF005'])
    expect(
      rules(
        GOOD.replace(
          /USER node\nCMD \["node", "server.js"\]/,
          'USER 0:0\nCMD ["node", "server.js"]',
        ),
      ),
    ).toEqual(['DF005'])
  })

  it('should flag an intermediate stage with a CMD that runs as root', () => {
    expect(
      rules(GOOD.replace('USER node\nCMD ["node", "job.js"]', 'CMD ["node", "job.js"]')),
    ).toEqual(['DF005'])
  })

  it('should flag a final stage without NODE_ENV=production', () => {
    expect(
      rules(GOOD.replace('ENV NODE_ENV=production \\\n    PORT=3000', 'ENV PORT=3000')),
    ).toEqual(['DF006'])
    expect(
      rules(GOOD.replace('ENV NODE_ENV=production \\\n    PORT=3000', 'ENV NODE_ENV=development')),
    ).toEqual(['DF006'])
  })

  it('should flag latest, untagged and unresolvable base images', () => {
    expect(rules(GOOD.replace('node:20.20.2-bookworm-slim', 'node:latest'))).toEqual([
      'DL3007',
      'DL3007',
    ])
    expect(rules(GOOD.replace('node:20.20.2-bookworm-slim', 'node'))).toEqual(['DF002', 'DF002'])
    expect(
      rules(GOOD.replace('ARG NODE_IMAGE=node:20.20.2-bookworm-slim', 'ARG NODE_IMAGE')),
    ).toEqual(['DF002', 'DF002'])
  })

  it('should flag unpinned global tool installs', () => {
    const findings = lintDockerfile(GOOD.replace('pnpm@12.4.2 turbo@2.11.11', 'pnpm turbo@latest'))
    expect(findings.map((f) => f.message)).toEqual([
      'global install "pnpm" is not pinned to an exact version',
      'global install "turbo@latest" is not pinned to an exact version',
    ])
  })

  it('should flag ADD for local files, relative WORKDIR, sudo and shell-form CMD', () => {
    const text = GOOD.replace('COPY . .', 'ADD . .')
      .replace('WORKDIR /repo', 'WORKDIR repo')
      .replace('&& pnpm build', '&& sudo pnpm build')
      .replace('CMD ["node", "server.js"]', 'CMD node server.js')
    expect(rules(text)).toEqual(['DL3000', 'DL3020', 'DL3004', 'DL3025'])
  })

  it('should flag COPY --from an unpinned image and reused stage names', () => {
    expect(rules(GOOD.replace('--from=builder', '--from=someimage'))).toEqual(['DF003'])
    expect(rules(GOOD.replace('AS job', 'AS builder'))).toEqual(['DL3024'])
  })

  it('should report file and line for each finding', () => {
    const findings = lintDockerfile(GOOD.replace('WORKDIR /app', 'WORKDIR app'))
    expect(formatFindings('Dockerfile', findings)).toBe(
      'Dockerfile:17 DL3000 WORKDIR "app" is not absolute',
    )
  })
})

describe.each(APP_IMAGES)('apps/$app/Dockerfile', ({ app, pkg, next, cmd }) => {
  const file = path.join(repoRoot(), 'apps', app, 'Dockerfile')
  const text = readFileSync(file, 'utf8')
  const { stages } = parseDockerfile(text)
  const runner = stages.at(-1)!

  it('should run a supported Node LTS (24), pinned to a release', () => {
    const image = parseDockerfile(text).globalArgs.NODE_IMAGE
    expect(image).toMatch(/^node:24\.\d+\.\d+-bookworm-slim$/)
    for (const stage of stages) {
      if (stage.name === 'base' || stage.name === 'runner')
        expect(stage.image).toBe('${NODE_IMAGE}')
    }
  })

  it('should pass the Dockerfile lint', () => {
    expect(formatFindings(file, lintDockerfile(text))).toBe('')
  })

  it(`should build from a "turbo prune ${pkg} --docker" context with the pinned pnpm`, () => {
    expect(text).toMatch(new RegExp(`turbo prune ${pkg.replace('/', '\\/')} --docker`))
    expect(text).toContain('npm install --global --no-fund --no-audit pnpm@12.4.2 turbo@2.11.11')
    expect(text).toMatch(/pnpm install --frozen-lockfile/)
  })

  it('should copy only files that exist in the build context (the repo root)', () => {
    const fromContext = stages
      .flatMap((s) => s.instructions)
      .filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='))
      .flatMap((i) =>
        i.args
          .split(/\s+/)
          .filter((w) => !w.startsWith('--'))
          .slice(0, -1),
      )
    expect(fromContext.length).toBeGreaterThan(0)
    for (const src of fromContext) {
      expect(existsSync(path.join(repoRoot(), src)), `${src} (copied by ${app})`).toBe(true)
    }
  })

  it('should end in a "runner" stage that runs as the unprivileged node user', () => {
    expect(runner.name).toBe('runner')
    expect(effectiveUser(runner)).toBe('node')
    expect(effectiveEnv(runner).NODE_ENV).toBe('production')
    const command = runner.instructions.filter((i) => i.keyword === 'CMD').at(-1)
    expect(JSON.parse(command!.args)).toEqual(cmd)
  })

  it(
    next ? 'should ship only the Next standalone output' : 'should ship dist and production deps',
    () => {
      const copies = runner.instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args)
      if (next) {
        expect(copies.some((c) => c.includes(`/repo/apps/${app}/.next/standalone ./`))).toBe(true)
        expect(
          copies.some((c) =>
            c.includes(`/repo/apps/${app}/.next/static ./apps/${app}/.next/static`),
          ),
        ).toBe(true)
        expect(copies.every((c) => !c.includes('node_modules'))).toBe(true)
      } else {
        expect(text).toContain(`pnpm --filter ${pkg} deploy --prod --legacy /deploy`)
        expect(copies).toEqual(['--from=builder --chown=node:node /deploy/ ./'])
      }
    },
  )
})

describe('the repo .dockerignore', () => {
  const text = readFileSync(path.join(repoRoot(), '.dockerignore'), 'utf8')
  const entries = text.split(/\r?\n/).filter((l) => l && !l.startsWith('#'))

  it('should keep dependencies, build output, VCS data, local databases and secrets out', () => {
    for (const entry of [
      '.git',
      '**/node_modules',
      '**/.next',
      '**/dist',
      'apps/cms/data',
      '.env',
      '**/.payload-secret',
    ]) {
      expect(entries).toContain(entry)
    }
  })

  it('should not exclude the committed seed data or the env example', () => {
    expect(entries).not.toContain('**/data')
    expect(entries).toContain('!.env.example')
  })
})
