// Service life cycle: no request is left hanging during start-up (npm start's early port answers 503 not_ready;
// server.ts opens its port only once the app is built), /healthz and /readyz, SIGTERM drains in-flight requests
// and exits 0, WORKERS starts several processes on one port.
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openPort, workerCount } from '../../shared/http-server/index.ts'
import { freePort, startProcess } from '../support/processes.ts'
import type { ServiceProcess } from '../support/processes.ts'

const dirs: string[] = []
const running: ServiceProcess[] = []
afterAll(async () => {
  for (const p of running) await p.kill()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'eid-lifecycle-'))
  dirs.push(d)
  return d
}

type Outcome = { kind: 'answered'; status: number; code?: string; retryAfter?: string } | { kind: 'refused' } | { kind: 'hung' }

/**
 * How long a probe waits for its answer before calling it hung. The claim is "never left hanging", not "fast": a
 * request parked forever is what this catches, so the deadline is generous enough that a busy machine (start-up
 * compiling and generating keys on a shared CPU) cannot pass for a hang.
 */
const HANG_MS = 20_000

/** One GET with the HANG_MS deadline: answered (status, error code), refused (nothing listens yet), or hung. */
function probe(port: number, path: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, timeout: HANG_MS }, (res) => {
      let body = ''
      res.on('data', (d: Buffer) => (body += d.toString()))
      res.on('end', () => {
        let code: string | undefined
        try {
          code = (JSON.parse(body) as { code?: string }).code
        } catch {
          code = undefined
        }
        resolve({ kind: 'answered', status: res.statusCode ?? 0, ...(code ? { code } : {}), ...(res.headers['retry-after'] ? { retryAfter: res.headers['retry-after'] } : {}) })
      })
    })
    req.on('timeout', () => {
      req.destroy()
      resolve({ kind: 'hung' })
    })
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED' ? { kind: 'refused' } : { kind: 'hung' }))
    req.end()
  })
}

/** Probes `path` every 20 ms from now until `done()` (or 60 s), without waiting for earlier probes. */
async function probeDuringStart(port: number, path: string, done: () => boolean): Promise<Outcome[]> {
  const pending: Promise<Outcome>[] = []
  const deadline = Date.now() + 60_000
  while (!done() && Date.now() < deadline) {
    pending.push(probe(port, path))
    await new Promise((r) => setTimeout(r, 20))
  }
  pending.push(probe(port, path))
  return Promise.all(pending)
}

describe('start-up', () => {
  it('a port opened before its app answers 503 not_ready with Retry-After, then the app', async () => {
    const p = await openPort('127.0.0.1', 0)
    try {
      const early = await probe(p.port, '/anything')
      expect(early).toEqual({ kind: 'answered', status: 503, code: 'not_ready', retryAfter: '1' })
      p.serve((_req, res) => res.end('app'))
      expect(await probe(p.port, '/anything')).toMatchObject({ kind: 'answered', status: 200 })
    } finally {
      await p.close()
    }
  })

  it('issuer/server.ts: requests during start-up are refused or answered, never left hanging; /healthz and /readyz then 200', async () => {
    const port = await freePort()
    const s = startProcess('issuer/server.ts', { EID_DATA_DIR: tempDir(), ISSUER_PORT: String(port), ISSUER_ADMIN_TOKEN: 'lifecycle-admin-token-0123456789', EID_DEMO: '' })
    running.push(s)
    let up = false
    const listening = s.waitFor('issuer listening').then(() => (up = true))
    const outcomes = await probeDuringStart(port, '/readyz', () => up)
    await listening
    expect(outcomes.filter((o) => o.kind === 'hung')).toEqual([])
    // before the port opens nothing is accepted; once it is open the app answers at once
    for (const o of outcomes) expect(o.kind === 'refused' || (o.kind === 'answered' && o.status === 200)).toBe(true)
    expect(outcomes.at(-1)).toMatchObject({ kind: 'answered', status: 200 })
    expect(await probe(port, '/healthz')).toMatchObject({ kind: 'answered', status: 200 })
    s.child.kill('SIGTERM')
    expect(await s.exited).toBe(0)
  }, 30_000 + HANG_MS)

  it('npm start: requests in the first seconds get 503 not_ready or the answer, never hang', async () => {
    const [issuerPort, verifierPort, walletPort, shopPort] = [await freePort(), await freePort(), await freePort(), await freePort()]
    const s = startProcess('scripts/start.ts', {
      EID_DATA_DIR: tempDir(),
      ISSUER_PORT: String(issuerPort),
      VERIFIER_PORT: String(verifierPort),
      WALLET_PORT: String(walletPort),
      SHOP_PORT: String(shopPort),
      ISSUER_ADMIN_TOKEN: '',
      VERIFIER_API_KEY: '',
      WALLET_PASSPHRASE: '',
      LOG_LEVEL: 'warn',
    })
    running.push(s)
    let up = false
    let failed: unknown
    const started = s.waitFor('e-ID demo is running', 60_000).then(
      () => (up = true),
      (err: unknown) => {
        failed = err
        up = true // stop probing
      },
    )
    const [issuer, verifier] = await Promise.all([
      probeDuringStart(issuerPort, '/.well-known/openid-credential-issuer', () => up),
      probeDuringStart(verifierPort, '/healthz', () => up),
    ])
    await started
    if (failed !== undefined) throw failed
    for (const outcomes of [issuer, verifier]) {
      expect(outcomes.filter((o) => o.kind === 'hung')).toEqual([])
      for (const o of outcomes) {
        if (o.kind !== 'answered') continue
        if (o.status === 503) expect(o).toMatchObject({ code: 'not_ready', retryAfter: '1' })
        else expect(o.status).toBe(200)
      }
      expect(outcomes.at(-1)).toMatchObject({ kind: 'answered', status: 200 })
    }
    expect(await probe(walletPort, '/readyz')).toMatchObject({ kind: 'answered', status: 200 })
    s.child.kill('SIGTERM')
    expect(await s.exited).toBe(0)
  }, 90_000 + HANG_MS)
})

describe('graceful shutdown', () => {
  it('SIGTERM: new connections are refused, the request in flight is answered, the process exits 0', async () => {
    const port = await freePort()
    const s = startProcess('issuer/server.ts', { EID_DATA_DIR: tempDir(), ISSUER_PORT: String(port), ISSUER_ADMIN_TOKEN: 'lifecycle-admin-token-0123456789', EID_DEMO: '' })
    running.push(s)
    await s.waitFor('issuer listening')
    // a token request whose body is still arriving when SIGTERM comes
    const body = 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Apre-authorized_code&pre-authorized_code=unknown&tx_code=123456'
    const answered = new Promise<{ status: number; code?: string; connection?: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/token', method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length) } },
        (res) => {
          let text = ''
          res.on('data', (d: Buffer) => (text += d.toString()))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(text) as { code?: string }).code, connection: res.headers.connection }))
        },
      )
      req.on('error', reject)
      req.write(body.slice(0, 20))
      setTimeout(() => {
        s.child.kill('SIGTERM')
        void s
          .waitFor('stopping: finishing requests in flight', 5000)
          .then(async () => {
            expect(await probe(port, '/healthz')).toEqual({ kind: 'refused' })
            req.end(body.slice(20))
          })
          .catch(reject)
      }, 200)
    })
    const res = await answered
    expect(res).toMatchObject({ status: 400, connection: 'close' })
    expect(typeof res.code).toBe('string')
    expect(await s.exited).toBe(0)
  })
})

describe('WORKERS', () => {
  it('WORKERS=2 starts two issuer processes on one port; SIGTERM stops them all', async () => {
    const port = await freePort()
    const s = startProcess('issuer/server.ts', { EID_DATA_DIR: tempDir(), ISSUER_PORT: String(port), ISSUER_ADMIN_TOKEN: 'lifecycle-admin-token-0123456789', EID_DEMO: '', WORKERS: '2' })
    running.push(s)
    const deadline = Date.now() + 45_000
    const pids = (): Set<number> => new Set([...s.output().matchAll(/"pid":(\d+)[^\n]*"msg":"issuer listening"/g)].map((m) => Number(m[1])))
    while (pids().size < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(pids().size).toBe(2)
    expect(pids().has(s.child.pid ?? -1)).toBe(false)
    const answers = await Promise.all(Array.from({ length: 8 }, () => probe(port, '/readyz')))
    for (const a of answers) expect(a).toMatchObject({ kind: 'answered', status: 200 })
    s.child.kill('SIGTERM')
    expect(await s.exited).toBe(0)
    for (const pid of pids()) expect(() => process.kill(pid, 0)).toThrow()
  }, 60_000)

  it('WORKERS is a count from 1 to 64 or auto (the cores); anything else is refused', () => {
    expect(workerCount(undefined)).toBe(1)
    expect(workerCount('3')).toBe(3)
    expect(workerCount('auto')).toBe(availableParallelism())
    for (const bad of ['many', '0', '65', '1.5', '-2']) expect(() => workerCount(bad)).toThrow('WORKERS must be a whole number from 1 to 64, or auto')
  })
})
