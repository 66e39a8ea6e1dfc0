// One pino line per request: method, route pattern, status, error code, duration. Never bodies, queries, headers or tokens.
import type { RequestHandler } from 'express'
import type { Logger } from 'pino'
import { routePattern } from '../../shared/errors/index.ts'

/** Logs each finished request. The route is the matched pattern (`/admin/persons/:personId/revoke`), not the raw URL. */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint()
    res.on('finish', () => {
      const route = routePattern(req)
      const code = typeof res.locals.errorCode === 'string' ? res.locals.errorCode : undefined
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      logger.info({ method: req.method, route, status: res.statusCode, code, ms: Math.round(ms * 10) / 10 }, 'request')
    })
    next()
  }
}
