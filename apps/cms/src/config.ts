import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { buildConfig, type DatabaseAdapterObj, type SanitizedConfig } from 'payload'
import sharp from 'sharp'

import { Insights } from './collections/Insights'
import { KnowledgeProducts } from './collections/KnowledgeProducts'
import { LearningNeeds } from './collections/LearningNeeds'
import { createMedia } from './collections/Media'
import { Organisations } from './collections/Organisations'
import { Partnerships } from './collections/Partnerships'
import { Programmes } from './collections/Programmes'
import { ReviewEvents } from './collections/ReviewEvents'
import { NeedReviews } from './collections/NeedReviews'
import { serialisedWrite } from './lib/writes'
import { SuggestionDecisions } from './suggest/decisions'
import {
  queueSuggestionRecompute,
  readSuggestionStatus,
  SuggestedCoverage,
  SuggestionStatus,
} from './suggest/snapshot'
import { SearchMisses } from './collections/SearchMisses'
import { Themes } from './collections/Themes'
import { createUsers } from './collections/Users'
import { badQueryAfterError, MAX_DEPTH, withAnonymousDepthCap } from './api/guard'
import { changesEndpoints } from './endpoints/changes'
import { facetsEndpoint } from './endpoints/facets'
import { importEndpoint } from './endpoints/import'
import { mapMatrixEndpoint } from './endpoints/mapMatrix'
import { proposalsEndpoint } from './endpoints/proposals'
import { searchMissesEndpoints } from './endpoints/searchMisses'
import { type Env, getEnv } from './env'
import { productSearchEndpoint, productStreamEndpoint, searchEndpoint } from './endpoints/search'
import { ensureMongoSearchIndexes } from './search/mongodb'
import { backfillChangeLogIfEmpty } from './changes/backfill'
import { MapCellDates } from './collections/MapCellDates'
import { MapChanges } from './collections/MapChanges'
import { storagePlugins } from './storage'
import { migrations } from './migrations'
import { jobsConfig } from './review/jobs'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export type ConfigOptions = {
  env?: Env
  /** Overrides `DATABASE_URL` (tests use a temporary SQLite file or a MongoDB database per suite). */
  databaseUrl?: string
  /** Where uploads are written; defaults to `./data/media` under the working directory. */
  mediaDir?: string
  /** Payload's log level; tests silence it. */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent'
}

/**
 * The database adapter for a URL. SQLite always builds its schema from the committed migrations
 * (never a schema push, which would drop the FTS5 search tables the migrations create).
 */
export function createDatabaseAdapter(url: string): DatabaseAdapterObj {
  if (/^mongodb(\+srv)?:\/\//.test(url)) {
    return mongooseAdapter({
      url,
      connectOptions: { serverSelectionTimeoutMS: 5000 },
      transactionOptions: { writeConcern: { w: 'majority' } },
    })
  }
  return sqliteAdapter({
    client: { url },
    migrationDir: path.resolve(dirname, 'migrations'),
    push: false,
    // Every save is one transaction with its recounts, review event and search index. libsql runs
    // each as BEGIN IMMEDIATE on a connection of its own; this process serialises them
    // (`writeLock`, lib/writes.ts) and other processes wait up to the busy timeout, then retry.
    transactionOptions: { behavior: 'immediate' },
    busyTimeout: 10_000,
    wal: url.startsWith('file:') ? true : undefined,
    prodMigrations: migrations,
  })
}

/** Builds the Payload config. `payload.config.ts` calls it with the process environment. */
export async function createConfig(options: ConfigOptions = {}): Promise<SanitizedConfig> {
  const env = options.env ?? getEnv()
  const databaseUrl = options.databaseUrl ?? env.DATABASE_URL
  const mediaDir = path.resolve(options.mediaDir ?? env.MEDIA_DIR ?? 'data/media')
  return buildConfig({
    serverURL: env.SERVER_URL,
    secret: env.PAYLOAD_SECRET,
    admin: {
      user: 'users',
      importMap: { baseDir: dirname },
      meta: { titleSuffix: ' · Knowledge Map CMS' },
      components: {
        beforeDashboard: ['/components/ReviewQueueSummary#ReviewQueueSummary'],
        afterNavLinks: ['/components/ReviewNavLinks#ReviewNavLinks'],
        views: {
          reviewQueue: {
            Component: '/components/ReviewQueueView#ReviewQueueView',
            path: '/review',
            meta: { title: 'Review queue' },
          },
          import: {
            Component: '/components/ImportView#ImportView',
            path: '/import',
            meta: { title: 'Bulk import' },
          },
          dueForReview: {
            Component: '/components/DueForReviewView#DueForReviewView',
            path: '/due-for-review',
            meta: { title: 'Needs due for review' },
          },
          unmetSearches: {
            Component: '/components/UnmetSearchesView#UnmetSearchesView',
            path: '/unmet-searches',
            meta: { title: 'Unmet searches' },
          },
          suggestionsTriage: {
            Component: '/components/SuggestionsTriageView#SuggestionsTriageView',
            path: '/suggestions-triage',
            meta: { title: 'Suggestions triage' },
          },
        },
      },
    },
    collections: withAnonymousDepthCap([
      KnowledgeProducts,
      LearningNeeds,
      Insights,
      Partnerships,
      Programmes,
      Themes,
      Organisations,
      createMedia({ staticDir: mediaDir }),
      createUsers({ cookieSecure: env.cookieSecure }),
      ReviewEvents,
      SearchMisses,
      NeedReviews,
      SuggestionDecisions,
      MapChanges,
      MapCellDates,
      SuggestedCoverage,
    ]),
    globals: [SuggestionStatus],
    maxDepth: MAX_DEPTH,
    hooks: { afterError: [badQueryAfterError] },
    endpoints: [
      mapMatrixEndpoint,
      facetsEndpoint,
      productSearchEndpoint,
      searchEndpoint,
      productStreamEndpoint,
      ...changesEndpoints,
      importEndpoint,
      proposalsEndpoint(env.REVALIDATE_SECRET),
      ...searchMissesEndpoints(env.REVALIDATE_SECRET, {
        enabled: env.UNMET_SEARCHES === 'on',
        retentionDays: env.UNMET_SEARCH_RETENTION_DAYS,
      }),
    ],
    onInit: async (payload) => {
      // MongoDB: the text indexes (SQLite's FTS5 tables come with the migrations).
      if (payload.db.name === 'mongoose') {
        await ensureMongoSearchIndexes(payload)
        // SQLite fills the changelog in a migration; MongoDB has none, so once here.
        await backfillChangeLogIfEmpty(payload)
      }
      // A database that never had its suggestions computed (one migrated from before they
      // existed) gets them from the job runner.
      const status = await readSuggestionStatus(payload).catch(() => null)
      if (status && status.state === 'idle' && !status.computedAt) {
        await serialisedWrite(payload, () => queueSuggestionRecompute(payload, 'first start'))
      }
    },
    db: createDatabaseAdapter(databaseUrl),
    cors: env.corsOrigins,
    csrf: env.csrfOrigins,
    sharp,
    // Over the limit: 413, nothing stored (never a truncated file).
    upload: { limits: { fileSize: env.MAX_UPLOAD_BYTES }, abortOnLimit: true },
    jobs: jobsConfig({
      autoRun: env.NODE_ENV !== 'test',
      serialised: !/^mongodb(\+srv)?:\/\//.test(databaseUrl),
    }),
    graphQL: { disablePlaygroundInProduction: true },
    telemetry: false,
    plugins: await storagePlugins({ databaseKind: env.databaseKind, env }),
    logger: options.logLevel ? { options: { level: options.logLevel } } : undefined,
    typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  })
}
