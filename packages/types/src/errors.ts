/**
 * What went wrong, as a stable machine-readable code:
 *
 * | code               | when                                                          | status       |
 * |--------------------|---------------------------------------------------------------|--------------|
 * | `not_found`        | the CMS answered 404, or `get(slug)` found no record          | 404          |
 * | `bad_request`      | the CMS answered 400 (e.g. an unknown programme in the matrix) | 400          |
 * | `unauthorized`     | the CMS answered 401 or 403 (e.g. a wrong API key)            | 401 / 403    |
 * | `server_error`     | the CMS answered 5xx                                          | 5xx          |
 * | `http_error`       | any other non-2xx answer                                      | the status   |
 * | `network_error`    | `fetch` itself failed (DNS, refused connection, …)            | 0            |
 * | `timeout`          | no answer within `timeoutMs`                                  | 0            |
 * | `aborted`          | the caller's `AbortSignal` fired                               | 0            |
 * | `invalid_json`     | a 2xx answer whose body is not JSON                           | the status   |
 * | `invalid_response` | JSON that does not match the schema (the CMS and SDK drifted) | the status   |
 * | `invalid_filter`   | the filter passed to the SDK is not valid                     | 0            |
 */
export type KnowledgeMapErrorCode =
  | 'not_found'
  | 'bad_request'
  | 'unauthorized'
  | 'server_error'
  | 'http_error'
  | 'network_error'
  | 'timeout'
  | 'aborted'
  | 'invalid_json'
  | 'invalid_response'
  | 'invalid_filter'

/**
 * The one error the SDK throws. Every failure (HTTP errors, network errors, timeouts, malformed
 * JSON, responses that fail validation, invalid filters) becomes a `KnowledgeMapError`.
 *
 * @example
 * try {
 *   await client.products.get('no-such-product')
 * } catch (err) {
 *   if (err instanceof KnowledgeMapError && err.status === 404) notFound()
 *   else throw err
 * }
 */
export class KnowledgeMapError extends Error {
  override readonly name = 'KnowledgeMapError'
  /** The HTTP status of the answer, or 0 when there was no answer (network, timeout, abort). */
  readonly status: number
  /** What went wrong; see `KnowledgeMapErrorCode`. */
  readonly code: KnowledgeMapErrorCode
  /**
   * More about the failure: the CMS's error body, the validation issues (`{ path, message }[]`),
   * or the filter issues (`{ param, message }[]`).
   */
  readonly details: unknown
  /** The URL requested, when there was a request. */
  readonly url: string | undefined

  constructor(
    message: string,
    init: {
      status?: number
      code: KnowledgeMapErrorCode
      details?: unknown
      url?: string
      cause?: unknown
    },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause })
    this.status = init.status ?? 0
    this.code = init.code
    this.details = init.details
    this.url = init.url
  }
}

/** The error code for a non-2xx HTTP status. */
export function codeForStatus(status: number): KnowledgeMapErrorCode {
  if (status === 404) return 'not_found'
  if (status === 400) return 'bad_request'
  if (status === 401 || status === 403) return 'unauthorized'
  if (status >= 500) return 'server_error'
  return 'http_error'
}
