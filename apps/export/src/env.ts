/**
 * The service's configuration: the only place that reads `process.env`. Every setting is
 * validated with zod at start-up, so a typo fails fast with the variable's name.
 */
import { MAX_ITERATE_PAGE } from '@repo/types'
import { z } from 'zod'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max)
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** The CMS the exports read, through the SDK. */
  CMS_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
  /** The CMS's public origin, for links to uploaded files (default: `CMS_URL`). */
  CMS_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The port to listen on: `PORT` wins over `EXPORT_PORT` (platforms set `PORT`). */
  PORT: int(1, 65535).optional(),
  EXPORT_PORT: int(1, 65535).default(3002),
  HOST: z.string().min(1).default('0.0.0.0'),
  /**
   * This service's public origin, written into the files as the export's source URL (default:
   * `http://localhost:<port>`). The request's Host header never is: a client chooses it.
   */
  EXPORT_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The public site, for each record's page URL in the exports. */
  SITE_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3001'),
  /** Requests per window per client IP on `/v1/*`. */
  RATE_LIMIT_MAX: int(1, 1_000_000).default(60),
  RATE_LIMIT_WINDOW_MS: int(1000, 86_400_000).default(60_000),
  /** Express's `trust proxy` (hops), so the rate limit sees client IPs behind a proxy. */
  TRUST_PROXY: int(0, 10).default(0),
  /**
   * Time to answer a request before an export starts streaming (and the whole answer for
   * everything else): the CMS's first page and the headers. 504 problem+json after it.
   */
  REQUEST_TIMEOUT_MS: int(100, 600_000).default(30_000),
  /** Per request to the CMS (the SDK's `timeoutMs`). */
  CMS_TIMEOUT_MS: int(100, 600_000).default(20_000),
  /** `/readyz`'s own deadline for the CMS. */
  READY_TIMEOUT_MS: int(100, 60_000).default(2_000),
  /** On SIGTERM, how long running exports may go on before they are cut. */
  SHUTDOWN_DEADLINE_MS: int(0, 600_000).default(25_000),
  /** Records per request to the CMS (the SDK iterator's page size, at most MAX_ITERATE_PAGE). */
  EXPORT_PAGE_SIZE: int(1, MAX_ITERATE_PAGE).default(250),
  /** The most rows one export may have; a larger result is refused with 413 before any byte. */
  EXPORT_MAX_ROWS: int(1, 100_000_000).default(1_000_000),
  /** Exports streaming at once, in all; past it 503 with Retry-After. */
  EXPORT_MAX_CONCURRENT: int(1, 10_000).default(16),
  /** Exports streaming at once from one address; past it 429 with Retry-After. */
  EXPORT_MAX_PER_ADDRESS: int(1, 1_000).default(3),
  /**
   * A client that takes no bytes for this long is cut off: the export stops (no more CMS pages,
   * its slot is freed), the file ends with the incomplete marker, and the connection is closed
   * if the client takes nothing for as long again.
   */
  EXPORT_WRITE_IDLE_TIMEOUT_MS: int(100, 3_600_000).default(60_000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
})

export type Env = z.output<typeof EnvSchema>

/** The configuration `createApp` needs. */
export type Config = {
  cmsUrl: string
  cmsPublicUrl: string
  /** This service's public origin, without a trailing slash. */
  publicUrl: string
  siteUrl: string
  port: number
  host: string
  rateLimitMax: number
  rateLimitWindowMs: number
  trustProxy: number
  requestTimeoutMs: number
  cmsTimeoutMs: number
  readyTimeoutMs: number
  shutdownDeadlineMs: number
  exportPageSize: number
  exportMaxRows: number
  maxConcurrentExports: number
  maxExportsPerAddress: number
  writeIdleTimeoutMs: number
  logLevel: (typeof LOG_LEVELS)[number]
}

export class EnvError extends Error {
  override readonly name = 'EnvError'
}

/** Parses an environment (by default `process.env`) into the service's configuration. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // Empty variables (`FOO=` in a compose file) count as unset.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ''),
  )
  const result = EnvSchema.safeParse(cleaned)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new EnvError(`Invalid environment for the export service:\n${lines.join('\n')}`)
  }
  const env = result.data
  return {
    cmsUrl: env.CMS_URL,
    cmsPublicUrl: env.CMS_PUBLIC_URL ?? env.CMS_URL,
    siteUrl: env.SITE_URL,
    publicUrl: (env.EXPORT_PUBLIC_URL ?? `http://localhost:${env.PORT ?? env.EXPORT_PORT}`).replace(
      /\/+$/,
      '',
    ),
    port: env.PORT ?? env.EXPORT_PORT,
    host: env.HOST,
    rateLimitMax: env.RATE_LIMIT_MAX,
    rateLimitWindowMs: env.RATE_LIMIT_WINDOW_MS,
    trustProxy: env.TRUST_PROXY,
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    cmsTimeoutMs: env.CMS_TIMEOUT_MS,
    readyTimeoutMs: env.READY_TIMEOUT_MS,
    shutdownDeadlineMs: env.SHUTDOWN_DEADLINE_MS,
    exportPageSize: env.EXPORT_PAGE_SIZE,
    exportMaxRows: env.EXPORT_MAX_ROWS,
    maxConcurrentExports: env.EXPORT_MAX_CONCURRENT,
    maxExportsPerAddress: env.EXPORT_MAX_PER_ADDRESS,
    writeIdleTimeoutMs: env.EXPORT_WRITE_IDLE_TIMEOUT_MS,
    logLevel: env.NODE_ENV === 'test' && !source.LOG_LEVEL ? 'silent' : env.LOG_LEVEL,
  }
}
