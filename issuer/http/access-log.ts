// One pino line per request: method, route pattern, status, error code, duration. Never bodies, queries, headers or tokens.
import type { RequestHandler } from 'express'
import type { Logger } from 'pino'
import { routePattern } from '../../shared/errors/index.ts'
import type { AnsweredRequest } from '../../shared/http-server/index.ts'

/** Writes one access line (shared by the express middleware and http/fast-routes.ts); `started` is a performance.now(). */
export function logAccess(logger: Logger, f: AnsweredRequest): void {
  const code = typeof f.code === 'string' ? f.code : undefined
  logger.info({ method: f.method, route: f.route, status: f.status, code, ms: Math.round((performance.now() - f.started) * 10) / 10 }, 'request')
}

/** Logs each finished request. The route is the matched pattern (`/admin/persons/:personId/revoke`), not the raw URL. */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now()
    res.on('finish', () => {
      logAccess(logger, { method: req.method, route: routePattern(req), status: res.statusCode, code: res.locals.errorCode, started })
    })
    next()
  }
}
