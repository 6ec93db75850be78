/**
 * `pnpm --filter @repo/deploy check`: validates docker-compose.yml (with docker-compose and the
 * policy checks) and lints every app's Dockerfile. Exits non-zero on any finding.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { checkCompose, dockerComposeConfig, requiredVariables } from './compose.js'
import { formatFindings, lintDockerfile } from './dockerfile.js'
import { APP_IMAGES, repoRoot } from './repo.js'

const root = repoRoot()
const composeText = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')
let failed = false

const dir = mkdtempSync(path.join(tmpdir(), 'km-deploy-'))
try {
  const envFile = path.join(dir, 'throwaway.env')
  writeFileSync(
    envFile,
    requiredVariables(composeText)
      .map((v) => `${v}=throwaway-value-for-${v}`)
      .join('\n'),
  )
  const result = dockerComposeConfig({ file: 'docker-compose.yml', envFile, cwd: root })
  if (result.status !== 0) {
    failed = true
    console.error(`docker-compose config failed:\n${result.stderr}`)
  } else {
    console.log('docker-compose config: ok')
  }
} catch (err) {
  failed = true
  console.error((err as Error).message)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

const composeFindings = checkCompose(composeText)
for (const f of composeFindings)
  console.error(`docker-compose.yml ${f.service ?? ''} ${f.rule}: ${f.message}`)
if (composeFindings.length) failed = true
else console.log('docker-compose.yml policy: ok')

for (const { app } of APP_IMAGES) {
  const file = path.join('apps', app, 'Dockerfile')
  const findings = lintDockerfile(readFileSync(path.join(root, file), 'utf8'))
  if (findings.length) {
    failed = true
    console.error(formatFindings(file, findings))
  } else {
    console.log(`${file}: ok`)
  }
}
process.exit(failed ? 1 : 0)
