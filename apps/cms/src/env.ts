import { randomBytes } from 'node:crypto'
import { z } from 'zod'

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim().replace(/\/$/, ''))
      .filter(Boolean),
  )

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** `mongodb://…` / `mongodb+srv://…` selects MongoDB; anything else is a SQLite (libsql) URL. */
  DATABASE_URL: z.string().min(1).default('file:./data/knowledge-map.db'),
  PAYLOAD_SECRET: z.string().optional(),
  /** Public URL of this CMS. */
  SERVER_URL: z.url().default('http://localhost:3000'),
  SITE_URL: z.url().default('http://localhost:3001'),
  EXPORT_URL: z.url().default('http://localhost:3002'),
  /** Extra origins allowed by CORS and CSRF, comma-separated. */
  CORS_ORIGINS: list,
  CSRF_ORIGINS: list,
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  REVALIDATE_SECRET: z.string().optional(),
  /**
   * Count searches on the site that found nothing (the normalised query, a day and a count; no
   * address, no cookie), for editors to see as candidate needs. `off` keeps nothing.
   */
  UNMET_SEARCHES: z.enum(['on', 'off']).default('on'),
  /** Months after which a learning need not reviewed (or changed) is due for review. */
  NEED_REVIEW_MONTHS: z.coerce.number().int().min(1).max(120).default(6),
  /** Days an unmet search is kept before it is deleted. */
  UNMET_SEARCH_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Where uploads are stored on disk; defaults to ./data/media. */
  MEDIA_DIR: z.string().optional(),
  SEED_ADMIN_EMAIL: z.email().optional(),
  SEED_ADMIN_PASSWORD: z
    .string()
    .min(12, 'SEED_ADMIN_PASSWORD needs 12 characters or more')
    .optional(),
  NEXT_PHASE: z.string().optional(),
  /** Object storage for uploads (off unless S3_BUCKET is set); validated in storage.ts. */
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().optional(),
  S3_ENDPOINT: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_PREFIX: z.string().optional(),
})

export type Env = z.infer<typeof schema> & {
  PAYLOAD_SECRET: string
  databaseKind: 'mongodb' | 'sqlite'
  cookieSecure: boolean
  corsOrigins: string[]
  csrfOrigins: string[]
}

export class EnvError extends Error {
  override name = 'EnvError'
}

/**
 * Validates the CMS environment. Throws an `EnvError` whose message names every bad variable;
 * start-up stops on it rather than running half-configured.
 */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`)
    throw new EnvError(`Invalid CMS environment:\n${lines.join('\n')}`)
  }
  const env = parsed.data
  let secret = env.PAYLOAD_SECRET
  const building = env.NEXT_PHASE === 'phase-production-build'
  if (!secret) {
    if (env.NODE_ENV === 'production' && !building) {
      throw new EnvError(
        'PAYLOAD_SECRET is not set. It signs login tokens and must be a long random string, ' +
          'kept the same across restarts. Set it, e.g. PAYLOAD_SECRET=$(openssl rand -hex 32).',
      )
    }
    secret = randomBytes(32).toString('hex')
    if (!building) {
      console.warn(
        '[cms] PAYLOAD_SECRET is not set; using a random one for this process. Logins will not survive a restart.',
      )
    }
  } else if (secret.length < 32 && env.NODE_ENV === 'production') {
    throw new EnvError('PAYLOAD_SECRET is too short: use at least 32 characters.')
  }
  const own = [env.SERVER_URL, env.SITE_URL, env.EXPORT_URL].map((u) => u.replace(/\/$/, ''))
  return {
    ...env,
    PAYLOAD_SECRET: secret,
    databaseKind: /^mongodb(\+srv)?:\/\//.test(env.DATABASE_URL) ? 'mongodb' : 'sqlite',
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : env.NODE_ENV === 'production',
    corsOrigins: [...new Set([...own, ...env.CORS_ORIGINS])],
    csrfOrigins: [...new Set([...own, ...env.CSRF_ORIGINS])],
  }
}

let cached: Env | undefined
/** The process's validated environment, parsed once. */
export function getEnv(): Env {
  cached ??= parseEnv()
  return cached
}

/**
 * For the local quick start only: loads `.env` files and, when no PAYLOAD_SECRET is configured,
 * creates one in `data/.payload-secret` (mode 600) and reuses it on later starts, so that a
 * fresh clone runs in production mode without manual set-up while logins survive restarts.
 * Deployments set PAYLOAD_SECRET themselves; `parseEnv` refuses to start without it.
 */
export async function prepareLocalEnv(options: { production: boolean }): Promise<void> {
  const { loadEnvConfig } = await import('@next/env')
  const { existsSync, mkdirSync, readFileSync, writeFileSync } = await import('node:fs')
  const path = await import('node:path')
  loadEnvConfig(process.cwd(), !options.production)
  if (options.production) (process.env as Record<string, string>).NODE_ENV = 'production'
  const localSecret = (file: string): string => {
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true })
      try {
        writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' })
        console.log(`[cms] Generated a secret for this machine in ${file}.`)
      } catch {
        // another app created it first
      }
    }
    return readFileSync(file, 'utf8').trim()
  }
  process.env.PAYLOAD_SECRET ||= localSecret(path.resolve(process.cwd(), 'data/.payload-secret'))
  // Shared with the site's quick start (apps/site/scripts/start.mjs reads the same file).
  process.env.REVALIDATE_SECRET ||= localSecret(
    path.resolve(process.cwd(), '../../.local/revalidate-secret'),
  )
  cached = undefined
}

/** Copies the validated variables that child processes (next start) need into their env. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra }
}
