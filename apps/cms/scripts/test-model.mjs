/**
 * Runs the model-based test (test/model.test.ts) with more sequences or another seed:
 *
 *   pnpm --filter @repo/cms test:model [--runs 5000] [--seed 42] [--no-shrink]
 *
 * CI runs the default (200 sequences, fixed seed) with the rest of the suite.
 */
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    seed: { type: 'string' },
    'no-shrink': { type: 'boolean', default: false },
  },
})
for (const [name, value] of [
  ['runs', values.runs],
  ['seed', values.seed],
]) {
  if (value !== undefined && !/^\d+$/.test(value)) {
    console.error(`--${name} must be a whole number, not “${value}”.`)
    process.exit(2)
  }
}
const env = { ...process.env }
if (values.runs) env.MODEL_RUNS = values.runs
if (values.seed) env.MODEL_SEED = values.seed
if (values['no-shrink']) env.MODEL_NO_SHRINK = '1'
const result = spawnSync('vitest', ['run', 'test/model.test.ts'], { stdio: 'inherit', env })
process.exit(result.status ?? 1)
