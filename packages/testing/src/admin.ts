/**
 * Signed-in REST access to a running CMS for test fixtures: what a test used to do with the
 * in-process Local API (find, create, update), done the way any client does it, over HTTP with
 * the admin's token. Tests of other apps use this instead of importing the CMS.
 */

type Where = Record<string, unknown>
export type Doc = Record<string, unknown> & { id: string | number }

export class CmsRequestError extends Error {
  override name = 'CmsRequestError'
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what} answered ${status}: ${body.slice(0, 500)}`)
  }
}

export type AdminApi = {
  find(args: {
    collection: string
    where?: Where
    limit?: number
    depth?: number
    draft?: boolean
    sort?: string
  }): Promise<{ docs: Doc[]; totalDocs: number }>
  create(args: {
    collection: string
    data: Record<string, unknown>
    draft?: boolean
    depth?: number
  }): Promise<Doc>
  update(args: {
    collection: string
    id: string | number
    data: Record<string, unknown>
    draft?: boolean
  }): Promise<Doc>
  delete(args: { collection: string; id: string | number }): Promise<void>
  /** The `Authorization` header value, for requests a test builds itself. */
  authorization: string
}

/** Logs in as `credentials` (a user of the `users` collection) and returns the admin API. */
export async function adminApi(
  baseUrl: string,
  credentials: { email: string; password: string },
  fetchImpl: typeof fetch = fetch,
): Promise<AdminApi> {
  const login = await fetchImpl(`${baseUrl}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  })
  const loginBody = await login.text()
  if (!login.ok) throw new CmsRequestError(login.status, loginBody, 'login')
  const { token } = JSON.parse(loginBody) as { token: string }
  const authorization = `JWT ${token}`

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetchImpl(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new CmsRequestError(res.status, text, `${method} ${path}`)
    return (text ? JSON.parse(text) : undefined) as T
  }
  const query = (params: Record<string, string | number | boolean | undefined>) => {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, String(v))
    const s = q.toString()
    return s ? `?${s}` : ''
  }

  return {
    authorization,
    find: ({ collection, where, limit, depth, draft, sort }) =>
      call(
        'GET',
        `/api/${collection}${query({
          where: where ? JSON.stringify(where) : undefined,
          limit,
          depth,
          draft,
          sort,
        })}`,
      ),
    create: async ({ collection, data, draft, depth }) =>
      (await call<{ doc: Doc }>('POST', `/api/${collection}${query({ draft, depth })}`, data)).doc,
    update: async ({ collection, id, data, draft }) =>
      (
        await call<{ doc: Doc }>(
          'PATCH',
          `/api/${collection}/${encodeURIComponent(String(id))}${query({ draft })}`,
          data,
        )
      ).doc,
    delete: async ({ collection, id }) => {
      await call('DELETE', `/api/${collection}/${encodeURIComponent(String(id))}`)
    },
  }
}
