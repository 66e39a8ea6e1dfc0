// One pino line per request: method, matched route pattern, status, error code, client_id, duration. Never bodies, queries or tokens.
import type { RequestHandler } from 'express'
import type { Logger } from 'pino'
import { routePattern } from '../../shared/errors/index.ts'

/** The fields of one access line (the route is a pattern such as `/presentations/:id`, never the raw URL). */
export interface AccessFields {
  method: string | undefined
  route: string
  status: number
  code: unknown
  started: number
}

/** Writes one access line (shared by the express middleware and verifier/http/fast-routes.ts). */
export function logAccess(logger: Logger, clientId: string, f: AccessFields): void {
  logger.info({
    method: f.method,
    route: f.route,
    status: f.status,
    code: typeof f.code === 'string' ? f.code : undefined,
    clientId,
    ms: Math.round((performance.now() - f.started) * 10) / 10,
  }, 'request')
}

/** Logs each finished request with the route pattern (`/presentations/:id`), never the raw URL. */
export function accessLog(logger: Logger, clientId: string): RequestHandler {
  return (req, res, next) => {
    const started = performance.now()
    res.on('finish', () => {
      logAccess(logger, clientId, { method: req.method, route: routePattern(req), status: res.statusCode, code: res.locals.errorCode, started })
    })
    next()
  }
}
