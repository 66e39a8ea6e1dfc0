// Listening sockets for the services: bind first (so a port 0 becomes a real port), then hand the app the URL.
import { createServer } from 'node:http'
import type { RequestListener, Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A bound HTTP server waiting for its request handler. */
export interface OpenPort {
  server: Server
  port: number
  /** The base URL clients use (a wildcard bind address becomes 127.0.0.1). No trailing slash. */
  url: string
  /** Attaches the app (call once). */
  serve(handler: RequestListener): void
  /** Stops accepting, drops idle and open connections, resolves when closed. */
  close(): Promise<void>
}

/** Hostname to put in URLs for a bind address: wildcard binds are reached on loopback. */
export function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

/** Binds `host:port` (port 0: any free port). Rejects on EADDRINUSE and the like. */
export async function openPort(host: string, port: number, publicUrl?: string): Promise<OpenPort> {
  // bound slow clients: a body or header that never finishes must not hold a connection for 5 minutes
  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const bound = (server.address() as AddressInfo).port
  return {
    server,
    port: bound,
    url: (publicUrl ?? `http://${urlHost(host)}:${bound}`).replace(/\/+$/, ''),
    serve(handler) {
      server.on('request', handler)
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}
