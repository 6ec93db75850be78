/**
 * What other workspace packages may use of the CMS in their tests (`@repo/cms/testing`): a real
 * Payload on a temporary database with an in-process REST `fetch`, and the real seed.
 */
export { startCms, type DatabaseKind, type TestCms } from './payload'
export { seed, type SeedOptions, type SeedReport } from '../../src/seed'
