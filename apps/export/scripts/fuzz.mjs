// `pnpm fuzz [--runs N]`: the export service's fuzz test with N random requests (CI: 2500).
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20000' } },
  allowPositionals: true,
  strict: false,
})
const env = { ...process.env, FUZZ_RUNS: String(values.runs) }
const args = ['vitest', 'run', 'test/failures.test.ts', '-t', 'random query strings']
const run = spawnSync('npx', args, { stdio: 'inherit', env })
process.exit(run.status ?? 1)
