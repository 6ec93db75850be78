import { openPayload, runSeed } from './lib'

const payload = await openPayload({ production: process.argv.includes('--production') })
try {
  await runSeed(payload)
} finally {
  await payload.destroy()
}
