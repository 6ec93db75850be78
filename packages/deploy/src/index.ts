export * from './compose.js'
export * from './composeSpec.js'
export * from './interpolate.js'
export {
  effectiveEnv,
  effectiveUser,
  type Finding as DockerfileFinding,
  formatFindings,
  imagePinProblem,
  type Instruction,
  lintDockerfile,
  type LintOptions,
  parseDockerfile,
  parseInstructions,
  parseKeyValues,
  type ParsedDockerfile,
  type Stage,
  substitute,
} from './dockerfile.js'
export * from './repo.js'
export * from './prune.js'
