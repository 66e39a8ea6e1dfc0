// A service's process life: listen once the app is built, stop gracefully on SIGTERM/SIGINT.
import type { RequestListener, Server, ServerResponse } from 'node:http'
import { boundedServer, listenOn } from './listen.ts'
import { drainServer } from './shutdown.ts'

/** The few logger methods used here (pino fits). */
export interface ServiceLogger {
  info(fields: Record<string, unknown>, msg: string): void
  warn(fields: Record<string, unknown>, msg: string): void
}

export interface ServeOptions {
  /** The service's name, for the log lines ("issuer listening"). */
  name: string
  host: string
  port: number
  /** The built app: the port opens only once it exists, so no connection is accepted that nobody answers. */
  handler: RequestListener
  logger: ServiceLogger
  /** Closes the app's store (pool) and timers; called after the server has drained. */
  close: () => Promise<void>
  /** How long in-flight requests may take to finish after SIGTERM (default 10 s). */
  graceMs?: number
  /** Fields for the "listening" log line. */
  fields?: Record<string, unknown>
}

/**
 * Opens `host:port` for an app that is already built, and on SIGTERM or SIGINT: stops accepting, lets in-flight
 * requests finish (at most `graceMs`), closes the app's store, exits 0. Resolves the listening server.
 */
export async function serveApp(o: ServeOptions): Promise<Server> {
  const server = boundedServer()
  const inFlight = new Set<ServerResponse>()
  server.on('request', (req, res) => {
    inFlight.add(res)
    res.on('close', () => inFlight.delete(res))
    o.handler(req, res)
  })
  const port = await listenOn(server, o.host, o.port)
  o.logger.info({ ...o.fields, host: o.host, port }, `${o.name} listening`)
  let stopping = false
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    o.logger.info({ signal }, 'stopping: finishing requests in flight')
    void drainServer(server, o.graceMs ?? 10_000, inFlight)
      .then((inTime) => {
        if (!inTime) o.logger.warn({}, 'requests still open after the grace period were dropped')
        return o.close()
      })
      .then(
        () => process.exit(0),
        () => process.exit(1),
      )
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  return server
}

/** Reads a grace period in milliseconds (`SHUTDOWN_GRACE_MS`); unset is 10 s. */
export function graceFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 10_000
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 600_000) throw new Error('SHUTDOWN_GRACE_MS must be a whole number of milliseconds up to 600000')
  return n
}
