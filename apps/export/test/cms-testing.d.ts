/**
 * The part of `@repo/cms/testing` (apps/cms/test/helpers/index.ts) these tests use. Type-checking
 * the CMS's sources here would apply this package's compiler settings to them, so the surface is
 * declared instead; vitest loads the real module, and any drift fails the tests at run time.
 */
type Where = Record<string, unknown>

export type CmsPayload = {
  find(args: {
    collection: string
    where?: Where
    limit?: number
    depth?: number
    overrideAccess?: boolean
    draft?: boolean
    pagination?: boolean
  }): Promise<{ docs: Record<string, unknown>[]; totalDocs: number }>
  create(args: {
    collection: string
    data: Record<string, unknown>
    draft?: boolean
    overrideAccess?: boolean
    depth?: number
  }): Promise<Record<string, unknown>>
  update(args: {
    collection: string
    id: string | number
    data: Record<string, unknown>
    overrideAccess?: boolean
  }): Promise<Record<string, unknown>>
  db: unknown
}

export type DatabaseKind = 'sqlite' | 'mongodb'

export type TestCms = {
  kind: DatabaseKind
  payload: CmsPayload
  fetch: typeof fetch
  baseUrl: string
  close: () => Promise<void>
}

export function startCms(kind?: DatabaseKind): Promise<TestCms>

export type SeedOptions = { log?: (message: string) => void }
export function seed(payload: CmsPayload, options?: SeedOptions): Promise<unknown>
