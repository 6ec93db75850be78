/**
 * Where the query guard (`queryGuard.ts`) and the depth caps plug into Payload:
 * - `withQueryGuard` wraps the Next REST route handlers, so a bad request is refused before
 *   Payload parses it;
 * - `badQueryAfterError` (root `afterError` hook) answers 400 instead of 500 when a request that
 *   did reach Payload failed and its query is one the guard refuses (e.g. through
 *   `handleEndpoints` directly, as the tests' in-process fetch does);
 * - `capAnonymousDepth` (collection `beforeOperation` hook): an anonymous REST read costs at most
 *   what the SDK's does: depth 0 unless asked, and at most `ANONYMOUS_MAX_DEPTH`.
 */
import {
  APIError,
  type AfterErrorHook,
  type CollectionBeforeOperationHook,
  type CollectionConfig,
  type SanitizedConfig,
} from 'payload'
import { MAX_ITERATE_PAGE } from '@repo/types'

import { checkRestRequest, type GuardOptions, problemBody, problemResponse } from './queryGuard'

/** The depth of the SDK's requests (see `QUERY_SHAPES` in @repo/types). */
export const ANONYMOUS_MAX_DEPTH = 1
/** Payload's `maxDepth` for everyone (editors included). */
export const MAX_DEPTH = 3

const optionsCache = new WeakMap<SanitizedConfig, GuardOptions>()

export function guardOptions(config: SanitizedConfig): GuardOptions {
  let options = optionsCache.get(config)
  if (!options) {
    const collections = new Map<string, Set<string>>()
    for (const c of config.collections) {
      const routes = new Set<string>()
      for (const e of c.endpoints || []) {
        const first = e.path.split('/')[1]
        if (first && !first.startsWith(':')) routes.add(`${e.method.toUpperCase()} ${first}`)
      }
      collections.set(c.slug, routes)
    }
    options = {
      idType: config.db.defaultIDType === 'number' ? 'number' : 'text',
      collections,
      maxDepth: config.maxDepth,
      maxLimit: MAX_ITERATE_PAGE,
      apiRoute: config.routes.api,
    }
    optionsCache.set(config, options)
  }
  return options
}

type RouteHandler = (request: Request, context: never) => Promise<Response>

/** A Next route handler that refuses a bad request with a 400 (or 404) problem first. */
export function withQueryGuard<H extends RouteHandler>(
  config: Promise<SanitizedConfig> | SanitizedConfig,
  handler: H,
): H {
  return (async (request: Request, context: never) => {
    const problem = checkRestRequest(
      new URL(request.url),
      request.method,
      guardOptions(await config),
    )
    return problem ? problemResponse(problem) : handler(request, context)
  }) as H
}

export const badQueryAfterError: AfterErrorHook = ({ req }) => {
  if (!req?.url || !req.payload) return
  let problem
  try {
    problem = checkRestRequest(
      new URL(req.url),
      req.method ?? 'GET',
      guardOptions(req.payload.config),
    )
  } catch {
    return
  }
  if (problem) return { status: problem.status, response: problemBody(problem) }
}

export const capAnonymousDepth: CollectionBeforeOperationHook = ({
  args,
  collection,
  operation,
  req,
}) => {
  if (req.payloadAPI !== 'REST' || req.user || operation !== 'read') return args
  // Only the request's own read: not the auth strategy's user lookup, nor other collections.
  if (req.routeParams?.collection !== collection.slug) return args
  const asked = req.query?.depth
  if (asked === undefined) return args.depth === undefined ? { ...args, depth: 0 } : args
  if (args.depth === Number(asked) && Number(asked) > ANONYMOUS_MAX_DEPTH) {
    throw new APIError(
      `depth may be at most ${ANONYMOUS_MAX_DEPTH} without signing in; ask for related fields with populate.`,
      400,
      { param: 'depth' },
      true,
    )
  }
  return args
}

/** Adds `capAnonymousDepth` to each collection's `beforeOperation` hooks. */
export function withAnonymousDepthCap(collections: CollectionConfig[]): CollectionConfig[] {
  return collections.map((c) => ({
    ...c,
    hooks: {
      ...c.hooks,
      beforeOperation: [...(c.hooks?.beforeOperation ?? []), capAnonymousDepth],
    },
  }))
}

/** The largest GraphQL request body read. */
export const MAX_GRAPHQL_BODY = 100 * 1024

/**
 * A GraphQL route handler that refuses a body that is not a GraphQL-over-HTTP request (JSON with
 * a `query` string, optional `variables` object and `operationName` string) with a 400 problem;
 * Payload's handler throws on such a body, which Next answers with a 500.
 */
export function withGraphqlGuard(handler: RouteHandler): RouteHandler {
  return async (request, context) => {
    const bad = (param: string, message: string) => problemResponse({ status: 400, param, message })
    const type = request.headers.get('content-type') ?? ''
    if (!/^application\/(json|graphql-response\+json)\b/i.test(type)) {
      return bad(
        'content-type',
        'Send the GraphQL request as JSON (Content-Type: application/json).',
      )
    }
    const text = await request.clone().text()
    if (text.length > MAX_GRAPHQL_BODY) {
      return bad('body', `A GraphQL request may hold at most ${MAX_GRAPHQL_BODY} characters.`)
    }
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return bad('body', 'The request body must be JSON: {"query": "…", "variables": {…}}.')
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return bad('body', 'The request body must be a JSON object with a "query" string.')
    }
    const { query, variables, operationName } = body as Record<string, unknown>
    if (typeof query !== 'string' || query.trim() === '') {
      return bad('query', '"query" must be a GraphQL document (a string).')
    }
    if (
      variables !== undefined &&
      variables !== null &&
      (typeof variables !== 'object' || Array.isArray(variables))
    ) {
      return bad('variables', '"variables" must be an object.')
    }
    if (
      operationName !== undefined &&
      operationName !== null &&
      typeof operationName !== 'string'
    ) {
      return bad('operationName', '"operationName" must be a string.')
    }
    return handler(request, context)
  }
}
