// The services under load: the production entry points (issuer/server.ts, verifier/server.ts) started as their own
// processes on 127.0.0.1 with file-backed stores in a temporary folder (SQLite) or a fresh schema each (PostgreSQL).
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { processTree } from './cpu.ts'

const repoRoot = fileURLToPath(new URL('../', import.meta.url))
const START_TIMEOUT_MS = 60_000

export type Backend = 'sqlite' | 'postgres'

/** One running service: its base URL and the pids whose CPU time is its cost (primary and cluster workers). */
export interface Service {
  url: string
  pids: number[]
}

export interface Services {
  backend: Backend
  issuer: Service
  verifier: Service
  adminToken: string
  apiKey: string
  /** Warnings and errors the services logged so far (pino level ≥ 40), counted by service, message and code. */
  warnings(): Record<string, number>
  /** Stops both services (SIGTERM, then SIGKILL after 10 s), drops the schemas, deletes the folder. */
  stop(): Promise<void>
}

async function freePort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>((resolve) => s.close(() => resolve()))
  return port
}

/** Sampling interval of --cpu-prof, microseconds (see startService). */
const CPU_PROF_INTERVAL_US = 10_000

interface Child {
  child: ChildProcess
  exited: Promise<void>
}

/**
 * `node --import tsx <entry>` in the repo, its output written to `logFile`; resolves once `<name> listening` was
 * logged `workers` times.
 */
async function startService(entry: string, name: string, workers: number, env: Record<string, string>, logFile: string, cpuProfDir?: string): Promise<Child> {
  // node:cluster forks the workers with this process's execArgv: --cpu-prof profiles them too. The sampling signal
  // (SIGPROF, every interval) cuts short the sleeps of SQLite's busy wait, which counts the sleeps it asked for, not
  // the time that passed: at node's default 1 ms interval a 5 s busy_timeout ran out after ~0.1 s and a contended
  // BEGIN IMMEDIATE failed (SQLITE_BUSY, a 500) only when profiled. At 10 ms the wait lasts ~10x longer.
  const prof = cpuProfDir !== undefined ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-interval=${CPU_PROF_INTERVAL_US}`] : []
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', entry], { cwd: repoRoot, env: { ...process.env, EID_DEMO: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const log = createWriteStream(logFile)
  child.stdout.pipe(log)
  child.stderr.pipe(log)
  let tail = ''
  let seen = 0
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  let onData = (_d: Buffer): void => undefined
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start within ${START_TIMEOUT_MS} ms:\n${tail}`)), START_TIMEOUT_MS)
    onData = (d: Buffer): void => {
      // keep only the last lines (the services log every request); count the "listening" lines as they pass
      const text = tail + d.toString('utf8')
      seen += text.split(`"msg":"${name} listening"`).length - tail.split(`"msg":"${name} listening"`).length
      tail = text.slice(-4000)
      if (seen >= workers) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${entry} exited (${String(code)}) during start-up:\n${tail}`))
    })
  })
  child.stdout.off('data', onData)
  child.stderr.off('data', onData)
  return { child, exited }
}

/**
 * Lines of a pino log at warn or above or naming an error `code`, counted by `name`, `msg`, `code` and `check` (the
 * services log no values).
 */
function logWarnings(file: string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    let entry: { level?: number; name?: string; msg?: string; code?: string; check?: string }
    try {
      entry = JSON.parse(line) as typeof entry
    } catch {
      continue // not a log line (or the one being written)
    }
    if ((entry.level ?? 0) < 40 && entry.code === undefined) continue
    const key = [entry.name, entry.msg, entry.code, entry.check].filter((x) => x !== undefined).join(' ')
    out[key] = (out[key] ?? 0) + 1
  }
  return out
}

async function stopChild(c: Child): Promise<void> {
  if (c.child.exitCode !== null || c.child.signalCode !== null) return
  c.child.kill('SIGTERM')
  const timer = setTimeout(() => c.child.kill('SIGKILL'), 10_000)
  await c.exited
  clearTimeout(timer)
}

/** A fresh schema in the server of `databaseUrl` and a URL selecting it (search_path). */
async function freshSchema(databaseUrl: string, tag: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `load_${tag}_${randomBytes(5).toString('hex')}`
  const admin = async (sql: string): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl })
    await c.connect()
    try {
      await c.query(sql)
    } finally {
      await c.end()
    }
  }
  await admin(`CREATE SCHEMA ${schema}`)
  const u = new URL(databaseUrl)
  u.searchParams.set('options', `-c search_path=${schema}`)
  return { url: u.toString(), drop: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) }
}

/**
 * Starts the issuer, then the verifier (which registers itself with the issuer's registrar), each with `workers`
 * processes, status checks on (the verifier's default), on `backend`. The issuer's per-IP rate limit is raised: all
 * load comes from one address.
 */
export async function startServices(o: { backend: Backend; workers: string; workerCount: number; databaseUrl?: string; cpuProfDir?: string }): Promise<Services> {
  const dir = mkdtempSync(join(tmpdir(), `eid-load-${o.backend}-`))
  const adminToken = randomBytes(24).toString('base64url')
  const apiKey = randomBytes(24).toString('base64url')
  const schemas: { url: string; drop(): Promise<void> }[] = []
  const children: Child[] = []
  const stop = async (): Promise<void> => {
    for (const c of children.reverse()) await stopChild(c)
    for (const s of schemas) await s.drop()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const databaseUrl = async (tag: string): Promise<string> => {
      if (o.backend === 'sqlite') return ''
      if (o.databaseUrl === undefined) throw new Error('the postgres backend needs DATABASE_URL')
      const s = await freshSchema(o.databaseUrl, tag)
      schemas.push(s)
      return s.url
    }
    const [issuerPort, verifierPort] = [await freePort(), await freePort()]
    const issuerUrl = `http://127.0.0.1:${issuerPort}`
    const verifierUrl = `http://127.0.0.1:${verifierPort}`
    const common = { HOST: '127.0.0.1', WORKERS: o.workers }
    const issuer = await startService('issuer/server.ts', 'issuer', o.workerCount, {
      ...common, ISSUER_PORT: String(issuerPort), ISSUER_URL: issuerUrl, ISSUER_ADMIN_TOKEN: adminToken,
      EID_DATA_DIR: join(dir, 'issuer-data'), ISSUER_RATE_LIMIT_PER_MINUTE: '100000000', DATABASE_URL: await databaseUrl('issuer'),
    }, join(dir, 'issuer.log'), o.cpuProfDir)
    children.push(issuer)
    const verifier = await startService('verifier/server.ts', 'verifier', o.workerCount, {
      ...common, VERIFIER_PORT: String(verifierPort), VERIFIER_URL: verifierUrl, VERIFIER_API_KEY: apiKey, ISSUER_URL: issuerUrl,
      ISSUER_ADMIN_TOKEN: adminToken, VERIFIER_RP_CLAIMS: 'age_over_18', EID_DATA_DIR: join(dir, 'verifier-data'), DATABASE_URL: await databaseUrl('verifier'),
    }, join(dir, 'verifier.log'), o.cpuProfDir)
    children.push(verifier)
    return {
      backend: o.backend,
      issuer: { url: issuerUrl, pids: processTree(issuer.child.pid as number) },
      verifier: { url: verifierUrl, pids: processTree(verifier.child.pid as number) },
      adminToken,
      apiKey,
      warnings: () => ({ ...logWarnings(join(dir, 'issuer.log')), ...logWarnings(join(dir, 'verifier.log')) }),
      stop,
    }
  } catch (err) {
    await stop()
    throw err
  }
}

/** The floor server (load/floor-server.ts) with `workers` processes on 127.0.0.1; `stop` ends it and deletes its log. */
export async function startFloor(o: { workers: string; workerCount: number; cpuProfDir?: string }): Promise<Service & { stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'eid-load-floor-'))
  const port = await freePort()
  try {
    const floor = await startService('load/floor-server.ts', 'floor', o.workerCount, { HOST: '127.0.0.1', WORKERS: o.workers, FLOOR_PORT: String(port) }, join(dir, 'floor.log'), o.cpuProfDir)
    return {
      url: `http://127.0.0.1:${port}`,
      pids: processTree(floor.child.pid as number),
      stop: async () => {
        await stopChild(floor)
        rmSync(dir, { recursive: true, force: true })
      },
    }
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    throw err
  }
}
