// One pino line per request: method, matched route pattern, status, error code, client_id, duration. Never bodies, queries or tokens.
import type { RequestHandler } from 'express'
import type { Logger } from 'pino'
import { routePattern } from '../../shared/errors/index.ts'

/** Logs each finished request with the route pattern (`/presentations/:id`), never the raw URL. */
export function accessLog(logger: Logger, clientId: string): RequestHandler {
  return (req, res, next) => {
    const started = performance.now()
    res.on('finish', () => {
      logger.info({
        method: req.method,
        route: routePattern(req),
        status: res.statusCode,
        code: typeof res.locals.errorCode === 'string' ? res.locals.errorCode : undefined,
        clientId,
        ms: Math.round((performance.now() - started) * 10) / 10,
      }, 'request')
    })
    next()
  }
}
