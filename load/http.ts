// The load client's HTTP: node:http with keep-alive connections (one per concurrent client), and a runner that sends
// prepared requests at a fixed concurrency and records each one's latency.
import { Agent, request } from 'node:http'

export interface Reply {
  status: number
  body: string
}

export interface Client {
  /** One request on a kept-alive connection; resolves with the status and the whole body. */
  send(method: 'GET' | 'POST', url: string, body?: string, headers?: Record<string, string>): Promise<Reply>
  close(): void
}

/** A client holding at most `connections` kept-alive sockets. */
export function keepAliveClient(connections: number): Client {
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections })
  // URLs repeat (one endpoint per level): parsed once, so the client spends its CPU on sending, not on parsing
  const targets = new Map<string, { host: string; port: string; path: string }>()
  const target = (url: string): { host: string; port: string; path: string } => {
    let t = targets.get(url)
    if (t === undefined) {
      const u = new URL(url)
      t = { host: u.hostname, port: u.port, path: `${u.pathname}${u.search}` }
      if (targets.size < 1024) targets.set(url, t)
    }
    return t
  }
  return {
    send(method, url, body, headers = {}) {
      return new Promise<Reply>((resolve, reject) => {
        const req = request({ ...target(url), method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
          res.on('error', reject)
        })
        req.on('error', reject)
        req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${new URL(url).pathname} timed out`)))
        req.end(body)
      })
    },
    close: () => agent.destroy(),
  }
}

export interface RunResult<T> {
  /** Results of the items that were sent, in completion order. */
  results: T[]
  /** Latency of each sent item, milliseconds. */
  latenciesMs: number[]
  seconds: number
}

/**
 * Runs `send` over `items` with `concurrency` in flight until every item was sent or `maxSeconds` passed (items not
 * started by then are left out). Timing covers the first start to the last completion.
 */
export async function runAtConcurrency<I, T>(items: I[], concurrency: number, maxSeconds: number, send: (item: I) => Promise<T>): Promise<RunResult<T>> {
  const results: T[] = []
  const latenciesMs: number[] = []
  let next = 0
  const started = performance.now()
  const deadline = started + maxSeconds * 1000
  const lane = async (): Promise<void> => {
    while (next < items.length && performance.now() < deadline) {
      const item = items[next++] as I
      const t0 = performance.now()
      results.push(await send(item))
      latenciesMs.push(performance.now() - t0)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane))
  return { results, latenciesMs, seconds: (performance.now() - started) / 1000 }
}

/**
 * Open loop: starts item i at `i / rate` seconds (the wallets arrive at a fixed rate, whatever the answers' speed), with at
 * most `maxInFlight` in flight (a start waits for a free slot), until every item was started or `maxSeconds` passed.
 * Each latency runs from the item's scheduled start, not its actual one, so time queued behind a slow answer counts
 * (no coordinated omission).
 */
export async function runAtRate<I, T>(items: I[], rate: number, maxInFlight: number, maxSeconds: number, send: (item: I) => Promise<T>): Promise<RunResult<T>> {
  const results: T[] = []
  const latenciesMs: number[] = []
  const started = performance.now()
  const deadline = started + maxSeconds * 1000
  let inFlight = 0
  let freed: (() => void) | undefined
  const running: Promise<void>[] = []
  for (let i = 0; i < items.length; i++) {
    const due = started + (i * 1000) / rate
    if (due >= deadline) break
    const wait = due - performance.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, Math.ceil(wait)))
    while (inFlight >= maxInFlight) await new Promise<void>((r) => { freed = r })
    inFlight++
    running.push((async () => {
      try {
        results.push(await send(items[i] as I))
        latenciesMs.push(performance.now() - due)
      } finally {
        inFlight--
        const f = freed
        freed = undefined
        f?.()
      }
    })())
  }
  await Promise.all(running)
  return { results, latenciesMs, seconds: (performance.now() - started) / 1000 }
}

/** The `p`-th percentile (0-100) of `values` (nearest rank); NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number
}
