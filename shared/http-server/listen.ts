// Listening sockets that never leave a request unanswered: 503 `not_ready` until the app is attached, bounded slow clients.
import { createServer } from 'node:http'
import type { RequestListener, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sendNotReady } from './health.ts'

/** A bound HTTP server answering 503 `not_ready` (with `Retry-After: 1`) until `serve` attaches the app. */
export interface OpenPort {
  server: Server
  port: number
  /** The base URL clients use (a wildcard bind address becomes 127.0.0.1). No trailing slash. */
  url: string
  /** Attaches the app (call once); from then on every request goes to it. */
  serve(handler: RequestListener): void
  /** Stops accepting, drops idle and open connections, resolves when closed. */
  close(): Promise<void>
}

/** Hostname to put in URLs for a bind address: wildcard binds are reached on loopback. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

/** An HTTP server with bounded slow clients: a body or header that never finishes must not hold a connection for 5 minutes. */
export function boundedServer(): Server {
  return createServer({ requestTimeout: 30_000, headersTimeout: 10_000 })
}

/** Listens on `host:port` (port 0: any free port); rejects on EADDRINUSE and the like. Resolves the bound port. */
export async function listenOn(server: Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return (server.address() as AddressInfo).port
}

/**
 * Binds `host:port` before the app exists (the app needs its own URL, which a port 0 only gives once bound).
 * Until `serve` is called every request is answered at once with 503 `not_ready` and `Retry-After: 1`, never
 * left hanging.
 */
export async function openPort(host: string, port: number, publicUrl?: string): Promise<OpenPort> {
  const server = boundedServer()
  let handler: RequestListener | undefined
  server.on('request', (req, res) => {
    if (handler) handler(req, res)
    else sendNotReady(res, 'the service is starting')
  })
  const bound = await listenOn(server, host, port)
  return {
    server,
    port: bound,
    url: (publicUrl ?? `http://${urlHost(host)}:${bound}`).replace(/\/+$/, ''),
    serve(h) {
      handler = h
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}
