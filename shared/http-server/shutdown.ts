// Graceful stop of an HTTP server: stop accepting, let in-flight requests finish (bounded), then drop what is left.
import type { Server, ServerResponse } from 'node:http'

/**
 * Stops accepting new connections, closes idle keep-alive connections, and waits for the requests in flight to be
 * answered (responses not yet started, those in `inFlight` included, carry `Connection: close`). After `graceMs` the remaining connections are dropped.
 * Resolves `true` when everything finished in time, `false` when connections had to be dropped.
 */
export function drainServer(server: Server, graceMs: number, inFlight: Iterable<ServerResponse> = []): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close')
    // responses still being written end their connection instead of keeping it alive
    server.on('request', (_req, res) => {
      if (!res.headersSent) res.setHeader('Connection', 'close')
    })
    const idle = setInterval(() => server.closeIdleConnections(), 50)
    const deadline = setTimeout(() => {
      if (done) return
      server.closeAllConnections()
      finish(false)
    }, graceMs)
    function finish(inTime: boolean): void {
      if (done) return
      done = true
      clearInterval(idle)
      clearTimeout(deadline)
      resolve(inTime)
    }
    server.close(() => finish(true))
    server.closeIdleConnections()
  })
}
