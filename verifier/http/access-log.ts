// One pino line per request: method, matched route pattern, status, error code, client_id, duration, and for a direct_post
// the presentation's id and outcome (claim names, never values). Never bodies, queries or tokens.
import type { RequestHandler } from 'express'
import type { Logger } from 'pino'
import { routePattern } from '../../shared/errors/index.ts'
import type { PresentationLogFields } from '../flows/direct-post.ts'

/** The fields of one access line (the route is a pattern such as `/presentations/:id`, never the raw URL). */
export interface AccessFields {
  method: string | undefined
  route: string
  status: number
  code: unknown
  started: number
  /** A direct_post's presentation, once its outcome was recorded. */
  presentation?: PresentationLogFields | undefined
  /** The connection closed before the answer was sent. */
  aborted?: boolean
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
    presentation: f.presentation,
    aborted: f.aborted,
  }, 'request')
}

/**
 * Logs each request with the route pattern (`/presentations/:id`), never the raw URL, once its connection is done with
 * it (`close`: also when the client went away before the answer, so a recorded presentation outcome is never unlogged).
 */
export function accessLog(logger: Logger, clientId: string): RequestHandler {
  return (req, res, next) => {
    const started = performance.now()
    res.on('close', () => {
      const presentation = res.locals.presentation as PresentationLogFields | undefined
      logAccess(logger, clientId, { method: req.method, route: routePattern(req), status: res.statusCode, code: res.locals.errorCode, started, presentation, ...(res.writableFinished ? {} : { aborted: true }) })
    })
    next()
  }
}
