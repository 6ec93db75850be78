import { preflight } from './preflight.js'

const result = preflight()
for (const line of result.lines) (result.ok ? console.log : console.error)(line)
process.exitCode = result.ok ? 0 : 1
