/**
 * Uploads in S3-compatible object storage, wired by env and off by default. With several CMS
 * replicas behind a load balancer, files on one container's disk are invisible to the others;
 * `@payloadcms/storage-s3` stores them in a bucket instead (AWS S3, MinIO, Cloudflare R2…).
 *
 * Enabled when S3_BUCKET is set. It is meant for MongoDB deployments (the scale-out path):
 * the plugin adds a `prefix` field to upload collections, which the committed SQLite migrations
 * do not have, so on SQLite it refuses to start rather than fail on the first upload.
 */
import type { Plugin } from 'payload'
import { z } from 'zod'

import { EnvError } from './env'

const schema = z
  .object({
    S3_BUCKET: z.string().trim().optional(),
    S3_REGION: z.string().trim().optional(),
    /** For S3-compatible services (MinIO, R2, Scaleway…); empty for AWS. */
    S3_ENDPOINT: z.union([z.url(), z.literal('')]).optional(),
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    /** Key prefix inside the bucket (default `media`). */
    S3_PREFIX: z.string().optional(),
  })
  .transform((v) => ({ ...v, S3_BUCKET: v.S3_BUCKET || undefined }))

export type StorageSettings = {
  bucket: string
  region: string
  endpoint?: string
  forcePathStyle: boolean
  /** Undefined: use the AWS default credential chain (instance role, env, profile). */
  credentials?: { accessKeyId: string; secretAccessKey: string }
  prefix: string
}

/** The object storage settings from the environment, or undefined when it is off. */
export function storageSettings(
  source: Record<string, string | undefined | unknown>,
): StorageSettings | undefined {
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`)
    throw new EnvError(`Invalid object storage settings:\n${lines.join('\n')}`)
  }
  const env = parsed.data
  if (!env.S3_BUCKET) return undefined
  const region = env.S3_REGION || (env.S3_ENDPOINT ? 'auto' : undefined)
  if (!region) {
    throw new EnvError('S3_BUCKET is set but S3_REGION is not (or set S3_ENDPOINT for non-AWS).')
  }
  const hasId = Boolean(env.S3_ACCESS_KEY_ID)
  const hasSecret = Boolean(env.S3_SECRET_ACCESS_KEY)
  if (hasId !== hasSecret) {
    throw new EnvError(
      'Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (to use the AWS credential chain).',
    )
  }
  return {
    bucket: env.S3_BUCKET,
    region,
    endpoint: env.S3_ENDPOINT || undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    credentials: hasId
      ? { accessKeyId: env.S3_ACCESS_KEY_ID!, secretAccessKey: env.S3_SECRET_ACCESS_KEY! }
      : undefined,
    prefix: (env.S3_PREFIX ?? 'media').replace(/^\/+|\/+$/g, ''),
  }
}

/**
 * The storage plugins for `buildConfig({ plugins })`: none unless S3_BUCKET is set, else the S3
 * adapter for the `media` collection (local disk storage off). Loaded lazily, so that the AWS SDK
 * is only imported by deployments that use it.
 */
export async function storagePlugins(options: {
  databaseKind: 'mongodb' | 'sqlite'
  env: Record<string, string | undefined | unknown>
}): Promise<Plugin[]> {
  const settings = storageSettings(options.env)
  if (!settings) return []
  if (options.databaseKind !== 'mongodb') {
    throw new EnvError(
      'S3_BUCKET is set, but object storage is supported with MongoDB only (DATABASE_URL=mongodb://…). ' +
        'A single SQLite server keeps uploads on its disk; unset S3_BUCKET.',
    )
  }
  const { s3Storage } = await import('@payloadcms/storage-s3')
  return [
    s3Storage({
      bucket: settings.bucket,
      collections: { media: { prefix: settings.prefix } },
      config: {
        region: settings.region,
        endpoint: settings.endpoint,
        forcePathStyle: settings.forcePathStyle,
        credentials: settings.credentials,
      },
    }),
  ]
}
