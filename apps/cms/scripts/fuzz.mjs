// `pnpm fuzz [--runs N] [--seed S]`: the fuzz suite with N requests per endpoint family (CI: 2000).
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '20000' }, seed: { type: 'string' } },
  allowPositionals: true,
  strict: false,
})
const env = { ...process.env, FUZZ_RUNS: String(values.runs) }
if (values.seed) env.FUZZ_SEED = String(values.seed)
const run = spawnSync('npx', ['vitest', 'run', 'test/fuzz.test.ts'], { stdio: 'inherit', env })
process.exit(run.status ?? 1)
