// Test harness for the issuer: a real HTTP server on 127.0.0.1 (ephemeral port), captured pino logs, and a minimal wallet.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { SignJWT, exportJWK, generateKeyPair } from 'jose'
import type { CryptoKey, JWK } from 'jose'
import { pino } from 'pino'
import { createIssuerApp } from '../../issuer/app.ts'
import type { IssuerApp } from '../../issuer/app.ts'
import type { IssuerConfig } from '../../issuer/config.ts'

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef'

export interface RunningIssuer {
  url: string
  issuer: IssuerApp
  dataDir: string
  logs: string[]
  close(): Promise<void>
}

/** A fresh data folder under the OS temp dir. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'eid-issuer-'))
}

/**
 * Starts the issuer over HTTP on an ephemeral loopback port; logs are captured line by line.
 * `issuerPath` appends a path to the issuer identifier (the app itself still serves at the root).
 */
export async function startIssuer(opts: Partial<IssuerConfig> & { issuerPath?: string; port?: number } = {}): Promise<RunningIssuer> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve))
  const { issuerPath, port: _port, ...config } = opts
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${issuerPath ?? ''}`
  const logs: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(chunk.toString('utf8'))
      cb()
    },
  })
  const dataDir = config.dataDir ?? tempDataDir()
  const issuer = await createIssuerApp({
    issuerUrl: url,
    adminToken: ADMIN_TOKEN,
    logger: pino({ level: 'debug' }, stream),
    rateLimit: { max: 10_000, windowSeconds: 60 },
    ...config,
    dataDir,
  })
  server.on('request', issuer.handler)
  return {
    url,
    issuer,
    dataDir,
    logs,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await issuer.close()
    },
  }
}

export const PERSON = {
  national_id: '11010519491231002X',
  family_name: 'Zhang',
  given_name: 'Wei',
  address: { province: 'Beijing', city: 'Beijing', street: '1 Chaoyangmen Street' },
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers }
}

export async function postForm(url: string, params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', body: new URLSearchParams(params) })
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers }
}

export interface Enrollment {
  person_id: string
  credential_offer_uri: string
  credential_offer: { credential_issuer: string; grants: Record<string, { 'pre-authorized_code': string; tx_code?: unknown }> }
  tx_code: string
}

export async function enroll(url: string, person: Record<string, unknown> = PERSON): Promise<Enrollment & { code: string }> {
  const r = await postJson(`${url}/admin/enrollments`, person, { authorization: `Bearer ${ADMIN_TOKEN}` })
  if (r.status !== 201) throw new Error(`enroll failed: ${r.status} ${JSON.stringify(r.body)}`)
  const e = r.body as unknown as Enrollment
  const code = e.credential_offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']?.['pre-authorized_code']
  if (!code) throw new Error('no pre-authorized code')
  return { ...e, code }
}

export function tokenRequest(url: string, code: string, txCode: string | undefined, extra: Record<string, string> = {}) {
  return postForm(`${url}/token`, {
    grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
    'pre-authorized_code': code,
    ...(txCode === undefined ? {} : { tx_code: txCode }),
    ...extra,
  })
}

export async function accessToken(url: string, person: Record<string, unknown> = PERSON): Promise<string> {
  const e = await enroll(url, person)
  const r = await tokenRequest(url, e.code, e.tx_code)
  if (r.status !== 200) throw new Error(`token failed: ${JSON.stringify(r.body)}`)
  return r.body.access_token as string
}

export async function nonce(url: string): Promise<string> {
  const res = await fetch(`${url}/nonce`, { method: 'POST' })
  return ((await res.json()) as { c_nonce: string }).c_nonce
}

export interface HolderKey {
  privateKey: CryptoKey
  publicJwk: JWK
}

export async function holderKey(alg: 'ES256' | 'EdDSA' = 'ES256'): Promise<HolderKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  return { privateKey, publicJwk: await exportJWK(publicKey) }
}

/** A proof JWT signed with jose (independent of the code under test); `over` changes header or claims. */
export async function proofJwt(
  key: HolderKey,
  o: { aud: string; nonce?: string; iat?: number; header?: Record<string, unknown>; alg?: string },
): Promise<string> {
  const payload: Record<string, unknown> = { aud: o.aud, iat: o.iat ?? Math.floor(Date.now() / 1000) }
  if (o.nonce !== undefined) payload.nonce = o.nonce
  const alg = o.alg ?? (key.publicJwk.kty === 'OKP' ? 'EdDSA' : 'ES256')
  return new SignJWT(payload).setProtectedHeader({ alg, typ: 'openid4vci-proof+jwt', jwk: key.publicJwk, ...o.header }).sign(key.privateKey)
}

export function credentialRequest(url: string, token: string, proofs: string[], extra: Record<string, unknown> = {}) {
  return postJson(`${url}/credential`, { credential_configuration_id: 'pid_sd_jwt', proofs: { jwt: proofs }, ...extra }, { authorization: `Bearer ${token}` })
}
