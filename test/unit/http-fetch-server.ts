// A local HTTP server for the http-fetch tests: routes by path, counts hits, plus raw socket answers.
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer as createTcpServer } from 'node:net'
import type { AddressInfo, Server as TcpServer, Socket } from 'node:net'

export type Handler = (req: IncomingMessage, res: ServerResponse) => void

export interface TestServer {
  origin: string
  routes: Map<string, Handler>
  hits: Map<string, number>
  close(): Promise<void>
}

/** An http server on 127.0.0.1 with an ephemeral port; unknown paths answer 404. */
export async function startServer(): Promise<TestServer> {
  const routes = new Map<string, Handler>()
  const hits = new Map<string, number>()
  const server: Server = createServer((req, res) => {
    const path = req.url ?? ''
    hits.set(path, (hits.get(path) ?? 0) + 1)
    const h = routes.get(path)
    if (h) h(req, res)
    else res.writeHead(404).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    routes,
    hits,
    close: () => new Promise((r) => {
      server.closeAllConnections()
      server.close(() => r())
    }),
  }
}

/** A TCP server that answers every request with `answer(socket)`: for responses http.Server will not send (lying lengths). */
export async function startRawServer(answer: (sock: Socket) => void): Promise<{ origin: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  const server: TcpServer = createTcpServer((sock) => {
    sockets.add(sock)
    sock.on('error', () => undefined)
    sock.on('close', () => sockets.delete(sock))
    sock.once('data', () => answer(sock))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => {
      for (const s of sockets) s.destroy()
      server.close(() => r())
    }),
  }
}
