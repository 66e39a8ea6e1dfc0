// GET /healthz (the process is up) and GET /readyz (it can answer: store reachable, keys loaded) for every service.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { EidError, toErrorResponse } from '../errors/index.ts'

/** What `/readyz` asks: resolves when the service can answer requests, throws (any error) when it cannot. */
export type ReadinessCheck = () => Promise<void>

/** How long `/readyz` waits for its check before answering 503. */
const READY_CHECK_TIMEOUT_MS = 2_000

/** Writes the 503 `not_ready` answer (OAuth-style JSON, `Retry-After` in seconds). */
export function sendNotReady(res: ServerResponse, why: string, retryAfterSeconds = 1): void {
  const { status, body } = toErrorResponse(new EidError('not_ready', why))
  res.statusCode = status
  res.setHeader('Retry-After', String(retryAfterSeconds))
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.end(JSON.stringify(body))
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.end(JSON.stringify(body))
}

/**
 * Middleware answering `GET /healthz` with 200 `{"status":"ok"}` whenever the process runs, and `GET /readyz` with
 * 200 `{"status":"ready"}` when `check` resolves within 2 s, else 503 `not_ready` (the reason is never the
 * underlying error, which may name hosts or files). Other paths go to `next`.
 */
export function healthRoutes(check: ReadinessCheck) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const path = (req.url ?? '').split('?')[0]
    if ((path !== '/healthz' && path !== '/readyz') || (req.method !== 'GET' && req.method !== 'HEAD')) return next()
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' })
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('readiness check timed out')), READY_CHECK_TIMEOUT_MS)
    })
    Promise.race([check(), timeout])
      .then(
        () => sendJson(res, 200, { status: 'ready' }),
        () => sendNotReady(res, 'the service cannot reach its store or keys'),
      )
      .finally(() => clearTimeout(timer))
  }
}
