/**
 * Runs one streaming export: check the CMS and the size before any byte, answer conditional
 * requests, then pump records from the SDK's iterator into a format sink until the end, the
 * client leaving (which aborts the SDK's requests), a failure (the sink's visible marker) or a
 * shutdown deadline.
 */
import { createHash } from 'node:crypto'
import type { Writable } from 'node:stream'

import { KnowledgeMapError } from '@repo/types'
import type { Request, Response } from 'express'
import type { Logger } from 'pino'

import { readAhead, watchWriteIdle } from './flow.js'
import { DestinationClosed, type ExportMeta, type Format, FORMATS, type Sink } from './formats.js'
import { cmsUnavailable, HttpProblem } from './problem.js'

/** Why a request's work was aborted. */
export class ClientGone extends Error {
  override readonly name = 'ClientGone'
  constructor() {
    super('The client closed the connection.')
  }
}
export class ShuttingDown extends Error {
  override readonly name = 'ShuttingDown'
  constructor() {
    super('The export service is shutting down.')
  }
}
export class WriteIdle extends Error {
  override readonly name = 'WriteIdle'
  constructor(ms: number) {
    super(`The client took no data for ${ms / 1000} s, so the export was stopped.`)
  }
}
export class RequestTimedOut extends Error {
  override readonly name = 'RequestTimedOut'
  constructor(ms: number) {
    super(`No answer could be started within ${ms} ms.`)
  }
}

/** The exports that are streaming right now, so a shutdown can wait for them. */
export class ActiveExports {
  private readonly running = new Map<AbortController, Promise<void>>()

  get size(): number {
    return this.running.size
  }

  track(controller: AbortController, work: Promise<void>): void {
    this.running.set(controller, work)
    void work.finally(() => this.running.delete(controller))
  }

  /** Resolves `true` when every running export has ended, `false` at the deadline. */
  async settled(deadlineMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), deadlineMs)
    })
    const all = Promise.allSettled([...this.running.values()]).then(() => true as const)
    try {
      return await Promise.race([all, deadline])
    } finally {
      clearTimeout(timer)
    }
  }

  /** Stops every running export; each ends its file with the incomplete marker. */
  abortAll(): Promise<PromiseSettledResult<void>[]> {
    const works = [...this.running.entries()].map(([controller, work]) => {
      controller.abort(new ShuttingDown())
      return work
    })
    return Promise.allSettled(works)
  }
}

/** Maps an error from the SDK to the problem answered before any byte was sent. */
export function problemFromError(err: unknown): HttpProblem | undefined {
  if (err instanceof HttpProblem) return err
  if (err instanceof KnowledgeMapError) {
    switch (err.code) {
      case 'network_error':
      case 'timeout':
      case 'server_error':
      case 'unauthorized':
      case 'not_found':
        return cmsUnavailable(`The CMS could not be read: ${err.message}`)
      case 'invalid_filter':
        return new HttpProblem(400, 'invalid-parameter', 'Invalid query parameter', err.message)
      case 'aborted':
        return undefined
      default:
        return new HttpProblem(
          502,
          'bad-gateway',
          'The CMS answered something unexpected',
          err.message,
        )
    }
  }
  return undefined
}

/** The detail written into an incomplete export's marker. */
function failureDetail(err: unknown, signal: AbortSignal): string {
  if (
    signal.aborted &&
    (signal.reason instanceof ShuttingDown || signal.reason instanceof WriteIdle)
  )
    return signal.reason.message
  if (err instanceof KnowledgeMapError) return `The CMS stopped answering (${err.code}).`
  return 'The export failed on the server.'
}

/** A filename: the view, its filter and today's date, e.g. `knowledge-products_theme-x_2026-11-29.csv`. */
export function exportFilename(view: string, query: string, format: Format, now: Date): string {
  const day = now.toISOString().slice(0, 10)
  const filter = [...new URLSearchParams(query).entries()]
    .map(([k, v]) => `${k}-${v}`)
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 80)
    .replace(/[-_]+$/, '')
  return `${view}${filter ? `_${filter}` : ''}_${day}.${FORMATS[format].extension}`
}

export type ExportPlan<T> = {
  req: Request
  res: Response
  logger: Logger
  active: ActiveExports
  signal: AbortSignal
  maxRows: number
  /** A writer blocked this long on a client that reads nothing stops the export. */
  writeIdleTimeoutMs: number
  meta: ExportMeta
  /** Cheap facts fetched before any byte: the row count and the latest change. */
  preflight: (signal: AbortSignal) => Promise<{ total: number; lastModified?: Date }>
  records: (signal: AbortSignal) => AsyncIterable<T>
  sink: (out: Writable) => Sink<T>
  /** Records to read ahead of the writer (default 200: two CMS pages). */
  readAhead?: number
  /** Goes into the ETag with the preflight facts (e.g. the BOM choice). */
  variant?: string
}

/**
 * Streams one export. Throws (for the error handler to answer) only before the first byte.
 */
export async function runExport<T>(plan: ExportPlan<T>): Promise<void> {
  const { req, res, signal, meta } = plan
  const { total, lastModified } = await plan.preflight(signal)
  if (total > plan.maxRows) {
    throw new HttpProblem(
      413,
      'export-too-large',
      'Export too large',
      `This view has ${total} records; one export holds at most ${plan.maxRows}. Narrow the filter (for example by year or theme) and export the parts.`,
    )
  }
  meta.total = total

  const etag = `W/"${createHash('sha256')
    .update(
      JSON.stringify([
        meta.view,
        meta.format,
        meta.query,
        plan.variant ?? '',
        total,
        lastModified?.toISOString() ?? '',
      ]),
    )
    .digest('base64url')
    .slice(0, 27)}"`
  res.setHeader('ETag', etag)
  if (lastModified) res.setHeader('Last-Modified', lastModified.toUTCString())
  res.setHeader('Cache-Control', 'private, no-cache')
  res.setHeader('Vary', 'Accept-Encoding')
  if (req.fresh) {
    res.status(304).end()
    return
  }

  const filename = exportFilename(meta.view, meta.query, meta.format, new Date(meta.generatedAt))
  res.setHeader('Content-Type', FORMATS[meta.format].contentType)
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`)
  res.setHeader('X-Total-Count', String(total))
  res.setHeader('X-Content-Type-Options', 'nosniff')
  if (req.method === 'HEAD') {
    res.status(200).end()
    return
  }

  // The first page is fetched before any byte, so a CMS that is down gets a 503, not a stub file.
  const iterator = readAhead(plan.records(signal), plan.readAhead ?? 200)
  let next: IteratorResult<T>
  try {
    next = await iterator.next()
  } catch (err) {
    await iterator.return?.()
    throw err
  }

  const counter = { rows: 0 }
  const abort = requestController(res)
  // A client that stops reading leaves the sink waiting for 'drain' for ever: the watch stops the
  // export (and with it the CMS's paging), and closes the connection if the marker is not taken.
  const onIdle = (second: boolean) => {
    if (second) {
      plan.logger.info({ rows: counter.rows }, 'export cut off: the client still reads nothing')
      res.destroy()
      return
    }
    plan.logger.warn({ rows: counter.rows }, 'export stopped: the client reads nothing')
    abort.abort(new WriteIdle(plan.writeIdleTimeoutMs))
  }
  if (res.socket) {
    watchWriteIdle(res.socket, plan.writeIdleTimeoutMs, () => res.writableFinished, onIdle)
  }
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(signal.reason as Error)
    if (signal.aborted) fail()
    else signal.addEventListener('abort', fail, { once: true })
  })
  aborted.catch(() => undefined)
  const unlessAborted = <R>(step: Promise<R>) => Promise.race([step, aborted])

  const work = (async () => {
    const sink = plan.sink(res)
    res.status(200)
    try {
      await unlessAborted(sink.begin())
      while (!next.done) {
        try {
          await unlessAborted(sink.row(next.value))
          counter.rows++
        } catch (err) {
          // Stopped while the row waits for the client: it is in the file already.
          if (signal.aborted && err === signal.reason) counter.rows++
          throw err
        }
        next = await unlessAborted(iterator.next())
      }
      await sink.end()
    } catch (err) {
      await iterator.return?.().catch(() => undefined)
      const clientGone =
        err instanceof DestinationClosed ||
        res.destroyed ||
        (signal.aborted && signal.reason instanceof ClientGone)
      if (clientGone) {
        plan.logger.info({ rows: counter.rows }, 'export stopped: the client went away')
        res.destroy()
        return
      }
      plan.logger.warn(
        { err, rows: counter.rows },
        'export incomplete: ending the file with the marker',
      )
      try {
        await sink.fail({ detail: failureDetail(err, signal), rows: counter.rows })
      } catch (markerErr) {
        plan.logger.warn({ err: markerErr }, 'could not write the incomplete marker')
        res.destroy()
      }
    }
  })()
  plan.active.track(requestController(res), work)
  await work
}

/** The request-scoped AbortController that the app's middleware keeps in `res.locals`. */
export function requestController(res: Response): AbortController {
  return res.locals.abort as AbortController
}
