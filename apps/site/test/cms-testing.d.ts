/**
 * The part of `@repo/cms/testing` these tests use (as in apps/export): type-checking the CMS's
 * sources here would apply this package's compiler settings to them; vitest loads the real module.
 */
export type TestCms = {
  payload: unknown
  fetch: typeof fetch
  baseUrl: string
  close: () => Promise<void>
}
export function startCms(kind?: 'sqlite' | 'mongodb'): Promise<TestCms>
export function seed(
  payload: unknown,
  options?: { log?: (message: string) => void },
): Promise<unknown>
