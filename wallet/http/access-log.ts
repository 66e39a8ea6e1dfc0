// The wallet's access log: method, route pattern, status, code and time; never paths, queries, bodies or cookies.
import type { RequestHandler } from 'express'
import type { Logger } from 'pino'
import { routePattern } from '../../shared/errors/index.ts'

/**
 * Logs method, route pattern (`/consent/:id`; never the raw path, which the sender chooses and may
 * hold an ID number, nor the query, which may carry a request_uri), status, code and time; never bodies.
 */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint()
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      logger.info({ method: req.method, route: routePattern(req), status: res.statusCode, code: res.locals.errorCode as unknown, ms: Math.round(ms) }, 'request')
    })
    next()
  }
}
