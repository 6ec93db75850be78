/**
 * Starts the export service: `node dist/server.js`. It starts whether or not the CMS is up
 * (`/readyz` tells). On SIGTERM or SIGINT it stops accepting connections, lets running exports
 * finish until `SHUTDOWN_DEADLINE_MS`, ends the ones still running with their incomplete marker,
 * and exits 0.
 */
import { createServer } from 'node:http'

import { createApp } from './app.js'
import { EnvError, loadConfig } from './env.js'
import { ActiveExports } from './exporter.js'
import { createLogger } from './logger.js'

function main(): void {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  const logger = createLogger(config)
  const activeExports = new ActiveExports()
  let shuttingDown = false
  const app = createApp({ config, logger, activeExports, isShuttingDown: () => shuttingDown })

  const server = createServer(app)
  // Time allowed to receive a request (its headers and body) from the client.
  server.requestTimeout = config.requestTimeoutMs
  server.headersTimeout = Math.min(config.requestTimeoutMs, 60_000)
  server.keepAliveTimeout = 5_000

  server.on('error', (err) => {
    logger.fatal({ err }, 'the server could not start')
    process.exit(1)
  })
  server.listen(config.port, config.host, () => {
    logger.info(
      { port: config.port, cms: config.cmsUrl },
      `export service listening on :${config.port}`,
    )
  })

  const shutdown = async (signal: string) => {
    if (shuttingDown) return
    shuttingDown = true
    logger.info(
      { signal, activeExports: activeExports.size, deadlineMs: config.shutdownDeadlineMs },
      'shutting down: no new connections; waiting for running exports',
    )
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeIdleConnections()
    const finished = await activeExports.settled(config.shutdownDeadlineMs)
    if (!finished) {
      logger.warn({ activeExports: activeExports.size }, 'deadline reached: ending running exports')
      await activeExports.abortAll()
    }
    server.closeIdleConnections()
    // Whatever is still open (keep-alive sockets mid-request) is cut after a short grace period.
    const grace = setTimeout(() => server.closeAllConnections(), 1_000)
    grace.unref()
    await closed
    clearTimeout(grace)
    logger.info('stopped')
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

main()
