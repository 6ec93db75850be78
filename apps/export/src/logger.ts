import { pino, type Logger } from 'pino'

import type { Config } from './env.js'

/** The service's structured logger (JSON lines on stdout). */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'export' },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
  })
}
