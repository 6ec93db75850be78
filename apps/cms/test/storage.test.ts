import { describe, expect, it } from 'vitest'

import { EnvError } from '../src/env'
import { storagePlugins, storageSettings } from '../src/storage'

describe('object storage settings', () => {
  it('should keep uploads on disk when S3_BUCKET is not set', async () => {
    expect(storageSettings({})).toBeUndefined()
    expect(await storagePlugins({ databaseKind: 'sqlite', env: {} })).toEqual([])
  })

  it('should read a complete S3 configuration', () => {
    expect(
      storageSettings({
        S3_BUCKET: 'km-media',
        S3_ENDPOINT: 'https://s3.example.org',
        S3_FORCE_PATH_STYLE: 'true',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_PREFIX: '/uploads/',
      }),
    ).toEqual({
      bucket: 'km-media',
      region: 'auto',
      endpoint: 'https://s3.example.org',
      forcePathStyle: true,
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
      prefix: 'uploads',
    })
  })

  it('should refuse half a configuration with a clear message', () => {
    expect(() => storageSettings({ S3_BUCKET: 'b' })).toThrow(EnvError)
    expect(() =>
      storageSettings({ S3_BUCKET: 'b', S3_REGION: 'eu-west-1', S3_ACCESS_KEY_ID: 'x' }),
    ).toThrow(/S3_SECRET_ACCESS_KEY/)
    expect(() => storageSettings({ S3_BUCKET: 'b', S3_ENDPOINT: 'not a url' })).toThrow(
      /S3_ENDPOINT/,
    )
  })

  it('should refuse object storage on SQLite and add the S3 plugin on MongoDB', async () => {
    const env = { S3_BUCKET: 'b', S3_REGION: 'eu-west-1' }
    await expect(storagePlugins({ databaseKind: 'sqlite', env })).rejects.toThrow(/MongoDB only/)
    const plugins = await storagePlugins({ databaseKind: 'mongodb', env })
    expect(plugins).toHaveLength(1)
    expect(typeof plugins[0]).toBe('function')
  })
})
