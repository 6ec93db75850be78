// `pnpm fuzz [--runs N]`: the site's fuzz families over HTTP against the built site and CMS
// (test/browser/hostile.browser.test.ts), N requests per family (CI: 2000).
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20000' } },
  allowPositionals: true,
  strict: false,
})
const env = { ...process.env, FUZZ_RUNS: String(values.runs) }
const args = [
  'vitest',
  'run',
  '-c',
  'vitest.browser.config.ts',
  'test/browser/hostile.browser.test.ts',
  '-t',
  'fuzz over HTTP',
]
const run = spawnSync('npx', args, { stdio: 'inherit', env })
process.exit(run.status ?? 1)
