/**
 * `pnpm --filter @repo/deploy check`: validates docker-compose.yml (the Compose Specification's
 * schema after interpolation, then the policy checks) and lints every app's Dockerfile. Exits
 * non-zero on any finding.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { checkCompose, requiredVariables } from './compose.js'
import { validateCompose } from './composeSpec.js'
import { formatFindings, lintDockerfile } from './dockerfile.js'
import { APP_IMAGES, repoRoot } from './repo.js'

const root = repoRoot()
const composeText = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')
let failed = false

const throwaway = Object.fromEntries(
  requiredVariables(composeText).map((v) => [v, `throwaway-value-for-${v}`]),
)
const spec = validateCompose(composeText, throwaway)
if (!spec.ok) {
  failed = true
  console.error(
    `docker-compose.yml does not follow the Compose Specification:\n  ${spec.errors.join('\n  ')}`,
  )
} else {
  console.log('docker-compose.yml against the Compose Specification schema: ok')
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
