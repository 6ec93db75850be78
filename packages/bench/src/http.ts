import http from 'node:http'

import autocannon from 'autocannon'

export type LoadRun = { latencies: number[]; rps: number; requests: number; errors: number }

/**
 * `connections` clients hammer `url` for `seconds` (autocannon, one request in flight each).
 * Every response's latency is kept, so percentiles are exact (autocannon's own table has no p95).
 * Any non-2xx answer or socket error fails the run.
 */
export async function load(url: string, connections: number, seconds: number): Promise<LoadRun> {
  const latencies: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, pipelining: 1 },
      (err: Error | null, res: autocannon.Result) => (err ? reject(err) : resolve(res)),
    )
    instance.on('response', (_client, _status, _bytes, time) => {
      latencies.push(time)
    })
  })
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`,
    )
  }
  return {
    latencies,
    rps: result.requests.total / (result.duration || seconds),
    requests: result.requests.total,
    errors: result.errors,
  }
}

export type Timing = { status: number; ttfbMs: number; totalMs: number; bytes: number }

/**
 * One GET: time to the first byte of the body (TTFB), to the end, and the body's size. Node's
 * http client, no keep-alive, so each request pays its own connection like a first visit.
 */
export function timeRequest(url: string, headers: Record<string, string> = {}): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const start = performance.now()
    let ttfb = -1
    let bytes = 0
    const req = http.get(
      url,
      { headers: { 'Accept-Encoding': 'identity', ...headers }, agent: false },
      (res) => {
        res.on('data', (chunk: Buffer) => {
          if (ttfb < 0) ttfb = performance.now() - start
          bytes += chunk.length
        })
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ttfbMs: ttfb < 0 ? performance.now() - start : ttfb,
            totalMs: performance.now() - start,
            bytes,
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.setTimeout(120_000, () => req.destroy(new Error(`timeout: ${url}`)))
  })
}
