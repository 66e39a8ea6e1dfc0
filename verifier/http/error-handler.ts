// The verifier's error middleware and 404: OAuth-style JSON with a stable code (RFC 6749 §5.2); logs the code, never the body.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express'
import type { Logger } from 'pino'
import { EidError, errorMiddleware } from '../../shared/errors/index.ts'
import type { ErrorMiddlewareOptions, ErrorRequestLike, ErrorResponseLike } from '../../shared/errors/index.ts'

/** The options of the verifier's error middleware: a 401 names the verifier realm. */
export function verifierErrorOptions<Req extends ErrorRequestLike, Res extends ErrorResponseLike>(logger: Logger): ErrorMiddlewareOptions<Req, Res> {
  return { logger, wwwAuthenticate: () => 'Bearer realm="verifier"' }
}

/** Maps every error through `toErrorResponse` (shared `errorMiddleware`); a 401 names the verifier realm. */
export function verifierErrorHandler(logger: Logger): ErrorRequestHandler {
  return errorMiddleware<Request, Response>(verifierErrorOptions(logger))
}

/** Unmatched routes: 404 `not_found`. */
export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new EidError('not_found', 'no such endpoint'))
}
