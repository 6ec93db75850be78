/**
 * The export service as an Express app, without `listen()` (see `server.ts`), so tests drive it
 * with supertest and an in-process CMS.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

import {
  createClient,
  type Id,
  KnowledgeMapError,
  type KnowledgeMapClient,
  type LearningNeed,
  type Product,
  type ProductRef,
} from '@repo/types'
import express, {
  type ErrorRequestHandler,
  type Express,
  type NextFunction,
  type Request,
  type Response,
} from 'express'
import { rateLimit } from 'express-rate-limit'
import helmet from 'helmet'
import type { Logger } from 'pino'
import { pinoHttp } from 'pino-http'

import { isView, VIEWS, type View } from './catalog.js'
import type { Config } from './env.js'
import {
  ActiveExports,
  ClientGone,
  problemFromError,
  RequestTimedOut,
  runExport,
} from './exporter.js'
import {
  bibSink,
  csvSink,
  endOut,
  type ExportMeta,
  type Format,
  FORMATS,
  jsonSink,
  ndjsonSink,
  risSink,
  type Sink,
  xlsxSink,
} from './formats.js'
import { createLogger } from './logger.js'
import { openApiDocument } from './openapi.js'
import { badParameter, cmsUnavailable, HttpProblem, notFound, sendProblem } from './problem.js'
import { parseLearningNeedQuery, parseMapQuery, parseProductQuery } from './queries.js'
import {
  learningNeedColumns,
  matrixColumns,
  matrixRows,
  productColumns,
  suggestedNeedsOf,
  type LearningNeedExport,
  type ViewContext,
} from './views.js'

export type AppDeps = {
  config: Config
  /** The SDK client; by default one for `config.cmsUrl` using `fetch`. */
  client?: KnowledgeMapClient
  /** The `fetch` the default client uses (tests pass the in-process CMS's). */
  fetch?: typeof fetch
  logger?: Logger
  /** Shared with `server.ts`, which waits for running exports on shutdown. */
  activeExports?: ActiveExports
  /** Whether the service is shutting down (then `/readyz` answers 503). */
  isShuttingDown?: () => boolean
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** The raw query string of a request, without `?`. */
const rawQuery = (req: Request) => {
  const i = req.originalUrl.indexOf('?')
  return i === -1 ? '' : req.originalUrl.slice(i + 1)
}

export function createApp(deps: AppDeps): Express {
  const { config } = deps
  const logger = deps.logger ?? createLogger(config)
  const active = deps.activeExports ?? new ActiveExports()
  const client =
    deps.client ??
    createClient({ baseUrl: config.cmsUrl, fetch: deps.fetch, timeoutMs: config.cmsTimeoutMs })

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.trustProxy)
  app.set('query parser', false)

  app.use(
    pinoHttp({
      logger,
      genReqId(req: IncomingMessage, res: ServerResponse) {
        const given = req.headers['x-request-id']
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
        res.setHeader('X-Request-Id', id)
        return id
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel(_req, res, err) {
        if (err || res.statusCode >= 500) return 'error'
        if (res.statusCode >= 400) return 'warn'
        return 'info'
      },
    }),
  )
  app.use(
    helmet({
      // Public, read-only data: other origins (the site, notebooks) may fetch it.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  )
  app.use((req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', '*')
    res.setHeader(
      'Access-Control-Expose-Headers',
      'Content-Disposition, ETag, Last-Modified, X-Total-Count, X-Request-Id',
    )
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS')
      res.setHeader('Access-Control-Allow-Headers', 'If-None-Match, If-Modified-Since')
      res.setHeader('Access-Control-Max-Age', '600')
      res.status(204).end()
      return
    }
    next()
  })

  // One AbortController per request: fired when the client goes away (the SDK's requests stop)
  // or when no answer was started in time (504).
  app.use((req, res, next) => {
    const controller = new AbortController()
    res.locals.abort = controller
    const timer = setTimeout(() => {
      if (res.headersSent) return
      controller.abort(new RequestTimedOut(config.requestTimeoutMs))
      sendProblem(
        res,
        new HttpProblem(
          504,
          'timeout',
          'Timed out',
          `No answer could be started within ${config.requestTimeoutMs} ms.`,
        ),
      )
    }, config.requestTimeoutMs)
    timer.unref()
    res.on('finish', () => clearTimeout(timer))
    res.on('close', () => {
      clearTimeout(timer)
      if (!res.writableFinished) controller.abort(new ClientGone())
    })
    next()
  })

  const signalOf = (res: Response) => (res.locals.abort as AbortController).signal

  app.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store')
    res.json({
      status: 'ok',
      uptimeSeconds: Math.round(process.uptime()),
      activeExports: active.size,
    })
  })

  app.get('/readyz', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store')
    if (deps.isShuttingDown?.()) {
      sendProblem(res, cmsUnavailable('The export service is shutting down.'))
      return
    }
    const started = performance.now()
    try {
      await client.programmes.list(
        { limit: 1 },
        {
          signal: AbortSignal.any([signalOf(res), AbortSignal.timeout(config.readyTimeoutMs)]),
        },
      )
      res.json({
        status: 'ready',
        cms: 'reachable',
        latencyMs: Math.round(performance.now() - started),
      })
    } catch (err) {
      if (res.headersSent || res.destroyed) return
      // The CMS's address stays in the logs: it is often an internal one.
      req.log.warn({ err, cms: config.cmsUrl }, 'readyz: the CMS cannot be read')
      sendProblem(res, cmsUnavailable('The CMS cannot be read.'))
    }
  })

  app.get('/openapi.json', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300')
    res.json(openApiDocument())
  })

  const limiter = rateLimit({
    windowMs: config.rateLimitWindowMs,
    limit: config.rateLimitMax,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) =>
      sendProblem(
        res,
        new HttpProblem(
          429,
          'rate-limited',
          'Too many requests',
          `At most ${config.rateLimitMax} exports per ${Math.round(config.rateLimitWindowMs / 1000)} s from one address. Try again later.`,
        ),
      ),
  })

  const viewContext = async (signal: AbortSignal): Promise<ViewContext> => {
    const readProgrammes = async () => {
      const programmes = new Map<Id, string>()
      for await (const p of client.programmes.iterate({ limit: 100 }, { signal })) {
        programmes.set(p.id, p.name)
      }
      return programmes
    }
    // Both at once, and both awaited: when the CMS is down, neither failure goes unhandled.
    const [programmes, suggested] = await Promise.all([
      readProgrammes(),
      client.map.matrix({ mode: 'suggested' }, { signal }),
    ])
    return {
      siteUrl: config.siteUrl,
      cmsPublicUrl: config.cmsPublicUrl,
      programmes,
      suggestedNeeds: suggestedNeedsOf(suggested),
    }
  }

  /** The export's own URL, on the configured public origin (never the Host header). */
  const exportUrl = (req: Request) => `${config.publicUrl}${req.originalUrl}`

  // Exports streaming now, per client address (the rate limit counts starts, this counts load).
  const perAddress = new Map<string, number>()
  let inFlight = 0
  const admit = (req: Request, res: Response): HttpProblem | undefined => {
    const address = req.ip ?? 'unknown'
    if (inFlight >= config.maxConcurrentExports) {
      res.setHeader('Retry-After', '10')
      return new HttpProblem(
        503,
        'busy',
        'Too many exports',
        `${config.maxConcurrentExports} exports are running; try again in a few seconds.`,
      )
    }
    const mine = perAddress.get(address) ?? 0
    if (mine >= config.maxExportsPerAddress) {
      res.setHeader('Retry-After', '5')
      return new HttpProblem(
        429,
        'too-many-exports',
        'Too many exports at once',
        `At most ${config.maxExportsPerAddress} exports at a time from one address; wait for one to finish.`,
      )
    }
    perAddress.set(address, mine + 1)
    inFlight++
    res.once('close', () => {
      inFlight--
      const left = (perAddress.get(address) ?? 1) - 1
      if (left > 0) perAddress.set(address, left)
      else perAddress.delete(address)
    })
    return undefined
  }

  app.get('/v1/:file', limiter, async (req: Request<{ file: string }>, res, next) => {
    try {
      const match = /^([a-z-]+)\.([a-z]+)$/.exec(req.params.file)
      const view = match?.[1] ?? ''
      const format = match?.[2] ?? ''
      if (!isView(view)) throw notFound(`No export ${req.path}. See /openapi.json.`)
      const formats: readonly string[] = VIEWS[view].formats
      if (!formats.includes(format)) {
        throw notFound(
          `${view} cannot be exported as "${format}". Use ${formats.map((f) => `.${f}`).join(', ')}.`,
        )
      }
      const refused = admit(req, res)
      if (refused) throw refused
      await exportView(req, res, view, format as Format)
    } catch (err) {
      next(err)
    }
  })

  async function exportView(req: Request, res: Response, view: View, format: Format) {
    const signal = signalOf(res)
    const raw = rawQuery(req)
    const csv = format === 'csv'
    const meta: ExportMeta = {
      view,
      format,
      query: '',
      generatedAt: new Date().toISOString(),
      url: exportUrl(req),
    }
    const common = {
      req,
      res,
      logger: req.log,
      active,
      signal,
      maxRows: config.exportMaxRows,
      writeIdleTimeoutMs: config.writeIdleTimeoutMs,
      meta,
    }
    const pageSize = config.exportPageSize

    if (view === 'knowledge-products') {
      const parsed = parseProductQuery(raw, csv)
      meta.query = parsed.query
      let ctx: ViewContext | undefined
      await runExport<Product>({
        ...common,
        variant: `bom=${parsed.bom}&delimiter=${parsed.delimiter}`,
        async preflight(s) {
          const [latest, context] = await Promise.all([
            client.products.search(
              { ...parsed.filter, sort: '-updatedAt', page: 1, limit: 1 },
              { signal: s },
            ),
            format === 'csv' || format === 'xlsx' ? viewContext(s) : undefined,
          ])
          ctx = context
          const updated = latest.docs[0]?.updatedAt
          return { total: latest.totalDocs, lastModified: updated ? new Date(updated) : undefined }
        },
        // The CMS's NDJSON stream: cursor-paged in the database, pulled as the client reads.
        records: (s) => client.products.stream(parsed.filter, { signal: s }),
        sink: (out): Sink<Product> => {
          switch (format) {
            case 'csv':
              return csvSink(out, productColumns(ctx!), {
                bom: parsed.bom,
                delimiter: parsed.delimiter,
              })
            case 'xlsx':
              return xlsxSink(out, productColumns(ctx!), {
                ...meta,
                sheetName: VIEWS[view].sheetName,
              })
            case 'json':
              return jsonSink(out, meta)
            case 'ndjson':
              return ndjsonSink(out)
            case 'ris':
              return risSink(out, config)
            case 'bib':
              return bibSink(out, meta, config)
          }
        },
      })
      return
    }

    if (view === 'learning-needs') {
      const parsed = parseLearningNeedQuery(raw, csv)
      meta.query = parsed.query
      const filter = parsed.filter
      const ctx: ViewContext = {
        siteUrl: config.siteUrl,
        cmsPublicUrl: config.cmsPublicUrl,
        programmes: new Map(),
        suggestedNeeds: new Map(),
      }
      await runExport<LearningNeedExport>({
        ...common,
        variant: `bom=${parsed.bom}&delimiter=${parsed.delimiter}`,
        async preflight(s) {
          // Products change a need's "addressed by" without touching the need: the latest
          // product change counts too.
          const [latestNeed, latestProduct] = await Promise.all([
            client.learningNeeds.list(
              { ...parsed.filter, sort: '-updatedAt', page: 1, limit: 1 },
              { signal: s },
            ),
            client.products.list({ sort: '-updatedAt', page: 1, limit: 1 }, { signal: s }),
          ])
          const times = [latestNeed.docs[0]?.updatedAt, latestProduct.docs[0]?.updatedAt]
            .filter((t): t is string => Boolean(t))
            .map((t) => new Date(t).getTime())
          return {
            total: latestNeed.totalDocs,
            lastModified: times.length > 0 ? new Date(Math.max(...times)) : undefined,
          }
        },
        records: (s) => needsWithProducts(client, filter, pageSize, s),
        sink: (out): Sink<LearningNeedExport> => {
          if (format === 'csv')
            return csvSink(out, learningNeedColumns(ctx), {
              bom: parsed.bom,
              delimiter: parsed.delimiter,
            })
          if (format === 'xlsx') {
            return xlsxSink(out, learningNeedColumns(ctx), {
              ...meta,
              sheetName: VIEWS[view].sheetName,
            })
          }
          return jsonSink(out, meta)
        },
      })
      return
    }

    // The map is a small, bounded document: fetched whole, then written.
    const parsed = parseMapQuery(raw, csv)
    meta.query = parsed.query
    let matrix
    try {
      matrix = await client.map.matrix(parsed.filter, { signal })
    } catch (err) {
      // The CMS refuses an unknown programme with a 400 (the query is otherwise checked here).
      if (err instanceof KnowledgeMapError && err.code === 'bad_request') {
        throw badParameter(parsed.filter.programme ? 'programme' : 'axis', err.message)
      }
      throw err
    }
    meta.total = matrix.rows.length
    const rows = matrixRows(matrix)
    await runExport({
      ...common,
      variant: `${parsed.bom}:${parsed.delimiter}:${JSON.stringify(matrix)}`,
      preflight: async () => ({ total: matrix.rows.length }),
      records: async function* () {
        yield* rows
      },
      sink: (out) => {
        if (format === 'csv')
          return csvSink(out, matrixColumns(matrix), {
            bom: parsed.bom,
            delimiter: parsed.delimiter,
          })
        let written = false
        return {
          async begin() {},
          async row() {},
          async end() {
            if (written) return
            written = true
            await endOut(out, `${JSON.stringify({ ...matrix, export: meta })}\n`)
          },
          async fail() {
            out.destroy()
          },
        }
      },
    })
  }

  // Known paths with another method: 405; anything else: 404. Both problem+json.
  app.all(['/healthz', '/readyz', '/openapi.json', '/v1/:file'], (_req, res) => {
    res.setHeader('Allow', 'GET, HEAD, OPTIONS')
    sendProblem(res, new HttpProblem(405, 'method-not-allowed', 'Method not allowed', 'Use GET.'))
  })
  app.use((req, res) => {
    sendProblem(res, notFound(`Nothing at ${req.path}. See /openapi.json for the endpoints.`))
  })

  const onError: ErrorRequestHandler = (
    err: unknown,
    req: Request,
    res: Response,
    _next: NextFunction,
  ) => {
    const problem = problemFromError(err)
    if (res.headersSent) {
      req.log.warn({ err }, 'error after the answer started')
      res.destroy()
      return
    }
    if (res.destroyed || signalOf(res).aborted) {
      if (!res.destroyed && !res.headersSent) res.destroy()
      return
    }
    if (problem) {
      if (problem.status >= 500) req.log.warn({ err }, problem.title)
      sendProblem(res, problem)
      return
    }
    const status = (err as { status?: number }).status
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendProblem(
        res,
        new HttpProblem(status, 'bad-request', 'Bad request', (err as Error).message),
      )
      return
    }
    req.log.error({ err }, 'unexpected error')
    sendProblem(
      res,
      new HttpProblem(
        500,
        'internal',
        'Internal server error',
        'Something went wrong in the export service.',
      ),
    )
  }
  app.use(onError)

  return app
}

/** Each learning need, with the published products that address it (a join, not a copy). */
async function* needsWithProducts(
  client: KnowledgeMapClient,
  filter: Parameters<KnowledgeMapClient['learningNeeds']['iterate']>[0],
  pageSize: number,
  signal: AbortSignal,
): AsyncGenerator<LearningNeedExport> {
  // The map's suggestions, once for the whole export (a need's strong suggestions, not links).
  const suggestedMap = await client.map.matrix({ mode: 'suggested' }, { signal })
  const suggestedFor = new Map(
    suggestedMap.rows.map((r) => [String(r.id), r.suggested?.products ?? []]),
  )
  for await (const need of client.learningNeeds.iterate(filter, { signal, pageSize })) {
    const addressedBy: ProductRef[] = []
    for await (const p of client.products.stream(
      { learningNeeds: [need.slug], sort: 'title' },
      { signal },
    )) {
      addressedBy.push({ id: p.id, slug: p.slug, title: p.title, type: p.type, year: p.year })
    }
    yield {
      ...(need as LearningNeed),
      addressedBy,
      suggested: suggestedFor.get(String(need.id)) ?? [],
    }
  }
}

export { FORMATS }
