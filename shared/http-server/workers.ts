// WORKERS: several processes of one service on one machine (node:cluster), sharing its port and its store.
import cluster from 'node:cluster'
import type { RequestListener } from 'node:http'
import { availableParallelism } from 'node:os'
import { serveApp } from './serve.ts'
import type { ServeOptions } from './serve.ts'

/**
 * Parses `WORKERS`: unset or '' is 1, `auto` is the number of cores, else a whole number from 1 to 64.
 * Throws an Error naming the variable for anything else.
 */
export function workerCount(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 1
  if (value.trim() === 'auto') return availableParallelism()
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error('WORKERS must be a whole number from 1 to 64, or auto')
  return n
}

/**
 * With `count` 1, runs `start` in this process. Otherwise this process becomes the cluster primary: it forks
 * `count` workers running this same entry script (each calls `start` and listens; node:cluster shares the port
 * between them), restarts a worker that dies unexpectedly (at most once a second), and on SIGTERM/SIGINT passes
 * the signal on and exits when every worker has stopped.
 */
export async function runWorkers(count: number, start: () => Promise<void>, log: (msg: string, fields?: Record<string, unknown>) => void): Promise<void> {
  if (count <= 1 || cluster.isWorker) return start()
  let stopping = false
  let lastRestart = 0
  const fork = (): void => {
    cluster.fork()
  }
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    log('worker exited; starting another', { pid: worker.process.pid, code, signal })
    const wait = Math.max(0, lastRestart + 1000 - Date.now())
    lastRestart = Date.now() + wait
    setTimeout(fork, wait)
  })
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return
    stopping = true
    const workers = Object.values(cluster.workers ?? {})
    if (workers.length === 0) process.exit(0)
    for (const w of workers) w?.process.kill(signal)
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
  log('starting workers', { workers: count })
  acceptInWorkers()
  for (let i = 0; i < count; i++) fork()
}

/**
 * Lets the workers accept connections themselves from the shared listening socket (SCHED_NONE) instead of the primary
 * accepting each one and handing it over (node's default round robin). The primary hands one connection at a time to
 * a worker and waits for that worker's event loop to acknowledge it before the next: when many keep-alive clients
 * connect at once to busy workers, the last of them waited for dozens of such round trips (their first requests were
 * the p99 tail of `npm run load`). UV_TCP_SINGLE_ACCEPT makes a worker pause after each accept (libuv), so a burst is
 * shared between the workers rather than taken whole by the first to wake. Called before the first fork (the workers
 * inherit the environment variable).
 */
function acceptInWorkers(): void {
  cluster.schedulingPolicy = cluster.SCHED_NONE
  process.env.UV_TCP_SINGLE_ACCEPT = '1'
}

/** An app built for `serveWorkers`: its handler, how to close it (store, timers), and fields for its "listening" line. */
export interface BuiltApp {
  handler: RequestListener
  close(): Promise<void>
  fields?: Record<string, unknown>
}

/**
 * Builds and serves the app (`serveApp`) in this process or in each of `count` workers (`runWorkers`). With several
 * workers the primary first builds the app once and closes it, so first-start work (keys, database schema) is done
 * once before the workers open the same files and database side by side.
 */
export async function serveWorkers(count: number, build: () => Promise<BuiltApp>, o: Omit<ServeOptions, 'handler' | 'close'>): Promise<void> {
  if (count > 1 && cluster.isPrimary) await (await build()).close()
  await runWorkers(
    count,
    async () => {
      const app = await build()
      await serveApp({ ...o, handler: app.handler, close: app.close, fields: { ...o.fields, ...app.fields } })
    },
    (msg, fields) => o.logger.info(fields ?? {}, msg),
  )
}
