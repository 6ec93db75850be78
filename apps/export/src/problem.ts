/**
 * RFC 9457 problem details: every error this service answers is `application/problem+json`.
 */
import type { Response } from 'express'
import { z } from 'zod'

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'

/** The body of an error answer. */
export const ProblemSchema = z.object({
  /** A URI naming the kind of problem (`about:blank` when the status says it all). */
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  /** The request path. */
  instance: z.string().optional(),
  /** The bad query parameter, for 400s. */
  param: z.string().optional(),
  /** Every bad query parameter with its message, for 400s. */
  errors: z.array(z.object({ param: z.string(), message: z.string() })).optional(),
  /** The request id (also in the `X-Request-Id` header and the logs). */
  requestId: z.string().optional(),
})
export type Problem = z.infer<typeof ProblemSchema>

const TYPE_BASE = 'urn:knowledge-map:problem:'

/** An error that becomes a problem+json answer. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem'
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Partial<Pick<Problem, 'param' | 'errors'>> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title)
  }

  toProblem(instance?: string, requestId?: string): Problem {
    return {
      type: `${TYPE_BASE}${this.slug}`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...this.extra,
      ...(requestId ? { requestId } : {}),
    }
  }
}

export const badParameter = (param: string, message: string, all?: Problem['errors']) =>
  new HttpProblem(
    400,
    'invalid-parameter',
    'Invalid query parameter',
    param ? `${param}: ${message}` : message,
    { param, errors: all ?? [{ param, message }] },
  )

export const notFound = (detail: string) => new HttpProblem(404, 'not-found', 'Not found', detail)

export const cmsUnavailable = (detail: string) =>
  new HttpProblem(
    503,
    'cms-unavailable',
    'The CMS is unavailable',
    detail,
    {},
    { 'Retry-After': '10' },
  )

/** Writes a problem answer (only while no byte of another answer has been sent). */
export function sendProblem(res: Response, problem: HttpProblem): void {
  const requestId = typeof res.req.id === 'string' ? res.req.id : String(res.req.id ?? '')
  res.status(problem.status)
  for (const [k, v] of Object.entries(problem.headers)) res.setHeader(k, v)
  res.removeHeader('Content-Disposition')
  res.removeHeader('ETag')
  res.removeHeader('Last-Modified')
  res.setHeader('Content-Type', PROBLEM_CONTENT_TYPE)
  res.setHeader('Cache-Control', 'no-store')
  res.end(JSON.stringify(problem.toProblem(res.req.path, requestId || undefined)))
}
