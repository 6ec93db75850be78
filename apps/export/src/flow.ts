/**
 * Flow control between the CMS's pages and the client's socket: read a little ahead of the
 * writer, and notice a client that takes nothing.
 */
import type { Socket } from 'node:net'

/**
 * Reads up to `max` records ahead of the consumer, so the CMS's next page is being fetched while
 * the current one is written. A failure of the source is raised only after the records that came
 * before it, so an incomplete file holds every row that arrived.
 */
export function readAhead<T>(source: AsyncIterable<T>, max: number): AsyncIterableIterator<T> {
  const it = source[Symbol.asyncIterator]()
  const queue: T[] = []
  let finished = false
  let failed = false
  let failure: unknown
  let stopped = false
  let wakeConsumer: (() => void) | undefined
  let wakeProducer: (() => void) | undefined
  const wake = (which: 'consumer' | 'producer') => {
    const fn = which === 'consumer' ? wakeConsumer : wakeProducer
    if (which === 'consumer') wakeConsumer = undefined
    else wakeProducer = undefined
    fn?.()
  }

  void (async () => {
    try {
      while (!stopped) {
        if (queue.length >= max) {
          await new Promise<void>((resolve) => (wakeProducer = resolve))
          continue
        }
        const next = await it.next()
        if (next.done) break
        queue.push(next.value)
        wake('consumer')
      }
    } catch (err) {
      failed = true
      failure = err
    } finally {
      finished = true
      wake('consumer')
    }
    // Stopped by the consumer while the source was idle: let it clean up.
    if (stopped && !failed) await it.return?.()?.catch(() => undefined)
  })()

  return {
    [Symbol.asyncIterator]() {
      return this
    },
    async next(): Promise<IteratorResult<T>> {
      for (;;) {
        if (queue.length > 0) {
          const value = queue.shift() as T
          wake('producer')
          return { value, done: false }
        }
        if (finished) {
          if (failed) {
            failed = false
            throw failure
          }
          return { value: undefined, done: true }
        }
        await new Promise<void>((resolve) => (wakeConsumer = resolve))
      }
    },
    async return(): Promise<IteratorResult<T>> {
      stopped = true
      queue.length = 0
      wake('producer')
      return { value: undefined, done: true }
    },
  }
}

/**
 * Calls `onIdle(false)` once `socket` has had bytes waiting for `ms` without the client taking
 * any, then `onIdle(true)` if it takes none for `ms` more. Stops by itself when the socket closes,
 * or once `finished()` and nothing is waiting; returns the function that stops it sooner.
 */
export function watchWriteIdle(
  socket: Socket,
  ms: number,
  finished: () => boolean,
  onIdle: (second: boolean) => void,
): () => void {
  let taken = -1
  let since = 0
  let fired = 0
  const timer = setInterval(
    () => {
      const waiting = socket.writableLength
      if (socket.destroyed || (waiting === 0 && finished())) return stop()
      // Bytes handed to the kernel so far: written, less what still waits in the socket's buffer.
      const sent = socket.bytesWritten - waiting
      const now = Date.now()
      if (waiting === 0 || sent !== taken) {
        taken = sent
        since = now
        return
      }
      if (now - since < ms) return
      since = now
      fired++
      onIdle(fired > 1)
      if (fired > 1) stop()
    },
    Math.max(10, Math.floor(ms / 5)),
  )
  timer.unref()
  const stop = () => clearInterval(timer)
  return stop
}
