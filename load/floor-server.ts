// The floor of `npm run load`: a bare node:http server (WORKERS processes, the verifier's cluster set-up) that does only
// the raw work of a direct_post, to show what this machine allows before any of the verifier's own work. It reads the
// form body, takes the one SD-JWT of vp_token, verifies the issuer signature (the key from x5c[0], kept per
// certificate as the verifier keeps its verified chains), imports the holder key of `cnf` and verifies the KB-JWT's
// signature, then answers 200. No other check (chain, disclosures, sd_hash, nonce, audience, status), no session, no
// store, no log line per request: it is a reference, not a verifier. Loopback only (HOST 127.0.0.1, FLOOR_PORT).
import { createPublicKey, verify, X509Certificate } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { runWorkers, workerCount } from '../shared/http-server/index.ts'

/** Largest body read, as the verifier's direct_post limit is of the same order. */
const MAX_BODY = 64 * 1024
const issuerKeys = new Map<string, KeyObject>()

function json(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>
}

function signed(jwt: string, key: KeyObject): boolean {
  const dot = jwt.lastIndexOf('.')
  return verify('sha256', Buffer.from(jwt.slice(0, dot)), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(jwt.slice(dot + 1), 'base64url'))
}

function issuerKey(x5c0: string): KeyObject {
  let key = issuerKeys.get(x5c0)
  if (key === undefined) {
    key = new X509Certificate(Buffer.from(x5c0, 'base64')).publicKey
    if (issuerKeys.size < 16) issuerKeys.set(x5c0, key)
  }
  return key
}

/** True when the body's presentation carries a valid issuer signature and a KB-JWT signed by its `cnf` key. */
function rawWork(body: string): boolean {
  const vpToken = JSON.parse(new URLSearchParams(body).get('vp_token') ?? '{}') as Record<string, unknown>
  const presentation = (Object.values(vpToken)[0] as unknown[] | undefined)?.[0]
  if (typeof presentation !== 'string') return false
  const parts = presentation.split('~')
  const issuerJwt = parts[0] ?? ''
  const kbJwt = parts.at(-1) ?? ''
  const [header, payload] = issuerJwt.split('.')
  const x5c = json(header).x5c as string[]
  if (!signed(issuerJwt, issuerKey(x5c[0] as string))) return false
  const cnf = json(payload).cnf as { jwk: Record<string, unknown> }
  return signed(kbJwt, createPublicKey({ key: cnf.jwk, format: 'jwk' }))
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = []
  let size = 0
  req.on('data', (c: Buffer) => {
    size += c.length
    if (size > MAX_BODY) req.destroy()
    else chunks.push(c)
  })
  req.on('end', () => {
    let ok = false
    try {
      ok = rawWork(Buffer.concat(chunks).toString('utf8'))
    } catch {
      ok = false
    }
    res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    res.end(ok ? '{"redirect_uri":"about:blank"}' : '{"code":"invalid_presentation"}')
  })
}

await runWorkers(workerCount(process.env.WORKERS), async () => {
  const server = createServer({ keepAliveTimeout: 5_000 }, handle)
  await new Promise<void>((resolve) => server.listen(Number(process.env.FLOOR_PORT), process.env.HOST ?? '127.0.0.1', resolve))
  console.log(JSON.stringify({ msg: 'floor listening', pid: process.pid }))
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
}, (msg, fields) => console.log(JSON.stringify({ msg, ...fields })))
