// Running a service's hot routes on plain node:http ahead of express: answering one request with the service's own
// error middleware (the same status, code and headers as its express routes) and handing the rest to the express app.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import type { ErrorRequestLike, ErrorResponseLike } from '../errors/index.ts'
import { sendNoStore } from './plain-body.ts'

/** A service's error middleware (shared/errors errorMiddleware with the service's options). */
export type FastErrorMiddleware = (err: unknown, req: ErrorRequestLike, res: ErrorResponseLike, next: (err?: unknown) => void) => void

/** A fast-routes middleware: answers its routes, passes every other request to `next`. */
export type FastRoutes = (req: IncomingMessage, res: ServerResponse, next: () => void) => void

/** What the access line of an answered request gets. */
export interface AnsweredRequest {
  method: string | undefined
  route: string
  status: number
  code: unknown
  started: number
}

/** The path of a request target (`/credential?x` → `/credential`), as a fast path matches it. */
export function requestPath(url: string | undefined): string {
  const target = url ?? ''
  const q = target.indexOf('?')
  return q === -1 ? target : target.slice(0, q)
}

/**
 * Runs `answer` for the request matched as `route`; an error it throws is answered by `onError` exactly as the express
 * error middleware would answer it (the route pattern, `res.locals.errorCode`, status, headers, JSON body). When the
 * answer is done, `onAnswered` gets the fields of the access line.
 */
export function answerFast(
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  o: { onError: FastErrorMiddleware; onAnswered: (a: AnsweredRequest) => void },
  answer: () => Promise<void>,
): void {
  const started = performance.now()
  const locals: Record<string, unknown> = {}
  answer()
    .catch((err: unknown) => {
      let status = 500
      const headers: Record<string, string> = {}
      o.onError(err, { baseUrl: '', path: route, route: { path: route } }, {
        headersSent: res.headersSent,
        locals,
        status: (code: number) => { status = code },
        set: (field: string, value: string) => { headers[field] = value },
        json: (body: unknown) => {
          for (const [k, v] of Object.entries(headers)) res.setHeader(k, v)
          sendNoStore(res, status, 'application/json; charset=utf-8', JSON.stringify(body))
        },
      }, () => req.socket.destroy())
    })
    .finally(() => o.onAnswered({ method: req.method, route, status: res.statusCode, code: locals.errorCode, started }))
}

/**
 * A service's request listener: `fast` first, the express `app` for every request it passes on. A request answered by
 * `fast` never enters express (no prototype swap of req/res, no router walk).
 */
export function fastThenApp(fast: FastRoutes, app: RequestListener): RequestListener {
  return (req, res) => fast(req, res, () => void app(req, res))
}
