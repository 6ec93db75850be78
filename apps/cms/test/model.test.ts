import fc from 'fast-check'
import { createLocalReq } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { reconcileCoverage } from '../src/lib/coverage'
import { startCms, type TestCms } from './helpers/payload'
import { buildWorld, type World } from './helpers/world'
import { allCommands, setupNeeds, tally } from './model/commands'
import { graphqlSchema, type Real } from './model/invariants'
import type { Model } from './model/model'

/**
 * The editorial promises as a model-based test: random sequences of editorial commands by random
 * actors against a real Payload on a temporary SQLite file, each followed by the invariant checks
 * (see model/invariants.ts). `pnpm --filter @repo/cms test:model --runs 5000 [--seed N]` runs more.
 */
const RUNS = Number(process.env.MODEL_RUNS ?? 200)
const SEED = Number(process.env.MODEL_SEED ?? 20261201)
const MAX_COMMANDS = 25

describe('editorial promises (model-based) [sqlite]', () => {
  let cms: TestCms
  let world: World
  let sequence = 0

  beforeAll(async () => {
    cms = await startCms('sqlite')
    world = await buildWorld(cms.payload)
  }, 120_000)
  afterAll(async () => cms?.close())

  it(
    `should keep every promise over ${RUNS} random sequences of up to ${MAX_COMMANDS} commands`,
    async () => {
      console.log(`model test: seed ${SEED}, ${RUNS} sequences of up to ${MAX_COMMANDS} commands`)
      const schema = graphqlSchema(cms.config)
      let commands = 0
      const started = Date.now()
      const result = await fc.check(
        fc.asyncProperty(
          fc.commands(allCommands, { maxCommands: MAX_COMMANDS, size: 'max' }),
          async (cmds) => {
            const tag = `m${++sequence}x`
            const setup = async () => {
              const needs = await setupNeeds(cms.payload, world, tag)
              const model: Model = { products: [], needs, comments: 0, serial: 0 }
              const real: Real = {
                payload: cms.payload,
                fetch: cms.fetch,
                baseUrl: cms.baseUrl,
                world,
                graphql: schema,
                tag,
              }
              return { model, real }
            }
            await fc.asyncModelRun(setup, cmds)
            commands += [...cmds].length
          },
        ),
        {
          numRuns: RUNS,
          seed: SEED,
          endOnFailure: process.env.MODEL_NO_SHRINK === '1',
          includeErrorInReport: true,
        },
      )
      console.log(
        `model test: ${RUNS} sequences, ${commands} commands run in sequences that passed, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      )
      console.log(`model test: outcomes checked ${JSON.stringify(tally)}`)
      if (result.failed) {
        // fast-check's report: the seed, the path to replay it and the shrunk command sequence.
        throw new Error(fc.defaultReportMessage(result) ?? 'model test failed')
      }
      const req = await createLocalReq({}, cms.payload)
      expect((await reconcileCoverage(req, { dryRun: true })).corrected).toEqual([])
    },
    30 * 60_000,
  )
})
