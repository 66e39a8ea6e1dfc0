// One error middleware for every service (RFC 6749 §5.2 bodies via toErrorResponse), typed structurally: no express import.
import { EidError } from './eid-error.ts'
import { toErrorResponse } from './http.ts'
import type { ErrorResponse } from './http.ts'

/** What the middleware reads of a request (express's Request has it). */
export interface ErrorRequestLike {
  baseUrl: string
  path: string
  route?: { path?: unknown }
}

/** What the middleware uses of a response (express's Response has it). */
export interface ErrorResponseLike {
  headersSent: boolean
  locals: Record<string, unknown>
  status(code: number): unknown
  set(field: string, value: string): unknown
  json(body: unknown): unknown
}

/** The logger call used for 5xx (pino's Logger has it). */
export interface ErrorLoggerLike {
  error(fields: Record<string, unknown>, message: string): void
}

export interface ErrorMiddlewareOptions<Req extends ErrorRequestLike, Res extends ErrorResponseLike> {
  logger: ErrorLoggerLike
  /** The WWW-Authenticate challenge of a 401 (RFC 6750 §3), from the response body; none when absent. */
  wwwAuthenticate?: (body: ErrorResponse['body']) => string
  /** Also log a 5xx that is an EidError (an expected failure such as `upstream_fetch_failed`); default true. */
  logExpected5xx?: boolean
  /** Writes status and body; default `res.status(status); res.json(body)`. E.g. an HTML page for browsers. */
  render?: (req: Req, res: Res, response: ErrorResponse) => void
}

/** The matched route pattern (`/presentations/:id`), or `unmatched`: never the raw path, which the sender chooses. */
export function routePattern(req: ErrorRequestLike): string {
  return typeof req.route?.path === 'string' ? `${req.baseUrl}${req.route.path}` : 'unmatched'
}

/**
 * A database driver's error code (better-sqlite3's `SQLITE_BUSY`, a PostgreSQL SQLSTATE such as `40001`): a fixed
 * identifier, never a value, so the log line of an unexpected 500 says which storage condition caused it.
 */
function driverCode(err: unknown): { driverCode?: string } {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^(SQLITE_[A-Z_]{1,40}|[0-9A-Z]{5})$/.test(code) ? { driverCode: code } : {}
}

/**
 * Builds the error middleware (four parameters, as express requires): maps the error through
 * `toErrorResponse`, leaves its code in `res.locals.errorCode` for the access log, logs a 5xx (unless
 * `logExpected5xx` is false and it is an EidError) with route, code and the error's class only (never a
 * message, body or value), sends `Cache-Control: no-store`.
 * If the headers are already sent, the error goes on to `next` (express then closes the connection).
 */
export function errorMiddleware<Req extends ErrorRequestLike, Res extends ErrorResponseLike>(
  opts: ErrorMiddlewareOptions<Req, Res>,
): (err: unknown, req: Req, res: Res, next: (err?: unknown) => void) => void {
  return (err, req, res, next) => {
    if (res.headersSent) {
      next(err)
      return
    }
    const response = toErrorResponse(err)
    const { status, body } = response
    res.locals.errorCode = body.code
    if (status >= 500 && (opts.logExpected5xx !== false || !(err instanceof EidError))) {
      opts.logger.error({ route: routePattern(req), code: body.code, errorName: err instanceof Error ? err.name : typeof err, ...driverCode(err) }, 'request failed')
    }
    if (status === 401 && opts.wwwAuthenticate) res.set('WWW-Authenticate', opts.wwwAuthenticate(body))
    res.set('Cache-Control', 'no-store')
    if (opts.render) {
      opts.render(req, res, response)
      return
    }
    res.status(status)
    res.json(body)
  }
}
