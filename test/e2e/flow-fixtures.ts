// Fixtures of the flow e2e tests: the issuer and one verifier per service (scripts/lib/stack.ts, the npm start wiring)
// on 127.0.0.1 ephemeral ports with temp data folders, captured pino logs, one clock for all, the wallet core,
// and a second holder that runs OpenID4VCI itself (so tests can build presentations directly with shared/sdjwt).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { SignJWT, decodeJwt } from 'jose'
import { pino } from 'pino'
import type { Logger } from 'pino'
import { generateResidentId } from '../../shared/cnid/index.ts'
import { generateSigningKey } from '../../shared/keys/index.ts'
import { PID_CONFIGURATION_ID } from '../../shared/pid/index.ts'
import { decodeSdJwt, presentSdJwt } from '../../shared/sdjwt/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { enrollPerson } from '../../scripts/lib/demo-person.ts'
import type { DemoPerson } from '../../scripts/lib/demo-person.ts'
import { installFetchRecorder } from '../../scripts/lib/fetch-recorder.ts'
import type { FetchRecorder } from '../../scripts/lib/fetch-recorder.ts'
import { createPresentation, presentationResult } from '../../scripts/lib/rp-client.ts'
import type { CreatedPresentation, PresentationResult } from '../../scripts/lib/rp-client.ts'
import { startIssuer, startService } from '../../scripts/lib/stack.ts'
import type { RunningIssuer, RunningVerifier, ServiceSpec } from '../../scripts/lib/stack.ts'
import type { IssuerConfig } from '../../issuer/app.ts'
import type { VerifierConfig } from '../../verifier/config.ts'
import { openWallet } from '../../wallet/core/index.ts'
import type { Wallet } from '../../wallet/core/index.ts'

export const ADMIN_TOKEN = 'flow-admin-token-0123456789abcdef'
export const API_KEY = 'flow-verifier-api-key-0123456789'

/** A synthetic adult with names that occur nowhere else (so a grep for them is meaningful). */
export function flowPerson(): DemoPerson {
  return { national_id: generateResidentId({ birthdate: '1988-04-23' }), family_name: 'Quanfeizhu', given_name: 'Lanxinyue' }
}

/** The strings that must never reach a verifier's store or logs unless a kyc query asked for them. */
export function secretsOf(p: DemoPerson): string[] {
  return [p.national_id, p.national_id.slice(0, 17), p.family_name, p.given_name]
}

/** A pino logger writing JSON lines into `lines`. */
export function capturedLogger(lines: string[]): Logger {
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString('utf8'))
      cb()
    },
  })
  return pino({ level: 'debug' }, stream)
}

/** Every file under `dir` (recursively), with its bytes. */
export async function filesUnder(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const out: { path: string; bytes: Buffer }[] = []
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    out.push({ path, bytes: await readFile(path) })
  }
  return out
}

/** Which of `needles` occur (as UTF-8) in which file under `dir`. */
export async function occurrences(dir: string, needles: string[]): Promise<string[]> {
  const hits: string[] = []
  for (const f of await filesUnder(dir)) for (const n of needles) if (f.bytes.includes(Buffer.from(n, 'utf8'))) hits.push(`${n} in ${f.path}`)
  return hits
}

/** One clock (epoch seconds) for every service and the wallet; `advance` lets status list caches expire. */
export interface Clock {
  now(): number
  advance(seconds: number): void
  /** Stops the clock following real time (only `advance` moves it then): for checks at an exact second. */
  freeze(): void
}

export function testClock(): Clock {
  let offset = 0
  let frozenAt: number | undefined
  const real = (): number => frozenAt ?? Math.floor(Date.now() / 1000)
  return { now: () => real() + offset, advance: (s) => void (offset += s), freeze: () => void (frozenAt = real()) }
}

export interface Flow {
  root: string
  clock: Clock
  person: DemoPerson
  personId: string
  issuer: RunningIssuer
  issuerLogs: string[]
  services: Record<string, RunningVerifier & { logs: string[] }>
  wallet: Wallet
  recorder: FetchRecorder
  ask(service: string, body: unknown): Promise<CreatedPresentation>
  result(service: string, id: string): Promise<PresentationResult>
  close(): Promise<void>
}

/**
 * Starts the issuer and a verifier per entry of `services` (each registered at the issuer's registrar with its
 * own data folder and captured logs), enrolls a synthetic person, and lets a fresh wallet accept the offer.
 */
export async function startFlow(
  services: Record<string, ServiceSpec>,
  opts: { statusTtlSeconds?: number; issuerExtra?: Partial<IssuerConfig>; verifierExtra?: Partial<VerifierConfig> } = {},
): Promise<Flow> {
  const root = await mkdtemp(join(tmpdir(), 'eid-flow-'))
  const clock = testClock()
  const recorder = installFetchRecorder()
  const issuerLogs: string[] = []
  const issuer = await startIssuer({ host: '127.0.0.1', port: 0, dataDir: join(root, 'issuer-data'), adminToken: ADMIN_TOKEN, logger: capturedLogger(issuerLogs), now: clock.now, extra: { rateLimit: { max: 10_000, windowSeconds: 60 }, ...(opts.statusTtlSeconds ? { statusTtlSeconds: opts.statusTtlSeconds } : {}), ...opts.issuerExtra } })
  const running: Flow['services'] = {}
  for (const [key, spec] of Object.entries(services)) {
    const logs: string[] = []
    const v = await startService({ host: '127.0.0.1', port: 0, dataDir: join(root, `service-${key}`), apiKey: API_KEY, issuer, spec, logger: capturedLogger(logs), now: clock.now, ...(opts.verifierExtra ? { extra: opts.verifierExtra } : {}) })
    running[key] = { ...v, logs }
  }
  const person = flowPerson()
  const enrollment = await enrollPerson(issuer.url, ADMIN_TOKEN, person)
  const wallet = await openWallet({ dir: join(root, 'wallet'), passphrase: 'flow test passphrase', trustedRegistrar: issuer.registrarRootUrl, trustedIssuers: [issuer.url], allowHttpHosts: ['127.0.0.1'], now: clock.now, kdf: { N: 1024, r: 8, p: 1 } })
  await recorder.as('wallet', () => wallet.accept(enrollment.credential_offer_uri, { txCode: enrollment.tx_code }))
  const svc = (key: string): RunningVerifier => {
    const s = running[key]
    if (!s) throw new Error(`no service ${key}`)
    return s
  }
  return {
    root,
    clock,
    person,
    personId: enrollment.person_id,
    issuer,
    issuerLogs,
    services: running,
    wallet,
    recorder,
    ask: (key, body) => recorder.as(`${key} backend`, () => createPresentation(svc(key).url, API_KEY, body)),
    result: (key, id) => recorder.as(`${key} backend`, () => presentationResult(svc(key).url, API_KEY, id)),
    async close() {
      recorder.uninstall()
      for (const s of Object.values(running)) await s.close()
      await issuer.close()
      await rm(root, { recursive: true, force: true })
    },
  }
}

/** A holder outside the wallet: its own keys, credentials obtained over OpenID4VCI (pre-authorized code + tx_code). */
export interface DirectHolder {
  credentials: { sdJwt: string; key: SigningKey }[]
}

/** Enrolls `person` again (a fresh offer for the same person) and runs token, nonce and a batch credential request. */
export async function issueDirectly(issuerUrl: string, person: DemoPerson, count: number, now: number): Promise<DirectHolder> {
  const e = await enrollPerson(issuerUrl, ADMIN_TOKEN, person)
  const code = e.credential_offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']?.['pre-authorized_code']
  if (code === undefined) throw new Error('offer without a pre-authorized code')
  const token = await fetch(`${issuerUrl}/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': code, tx_code: e.tx_code }),
  })
  const { access_token } = (await token.json()) as { access_token: string }
  const { c_nonce } = (await (await fetch(`${issuerUrl}/nonce`, { method: 'POST' })).json()) as { c_nonce: string }
  const keys = await Promise.all(Array.from({ length: count }, () => generateSigningKey('ES256')))
  const proofs = await Promise.all(
    keys.map((k) =>
      new SignJWT({ aud: issuerUrl, nonce: c_nonce, iat: now })
        .setProtectedHeader({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: k.publicJwk })
        .sign(k.privateKey),
    ),
  )
  const res = await fetch(`${issuerUrl}/credential`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
    body: JSON.stringify({ credential_configuration_id: PID_CONFIGURATION_ID, proofs: { jwt: proofs } }),
  })
  if (res.status !== 200) throw new Error(`credential request failed: ${res.status} ${await res.text()}`)
  const { credentials } = (await res.json()) as { credentials: { credential: string }[] }
  return {
    credentials: credentials.map((c) => {
      const cnf = (decodeSdJwt(c.credential).payload.cnf as { jwk: { x: string; y: string } }).jwk
      const key = keys.find((k) => k.publicJwk.x === cnf.x && k.publicJwk.y === cnf.y)
      if (key === undefined) throw new Error('a credential is bound to none of the proof keys')
      return { sdJwt: c.credential, key }
    }),
  }
}

/**
 * Answers an `openid4vp://` request as a wallet would (fetch the request object, KB-JWT with its client_id and nonce,
 * direct_post with its state) but with no wallet checks, disclosing exactly `paths` of `cred`.
 */
export async function answerDirectly(
  authorizationRequest: string,
  cred: DirectHolder['credentials'][number],
  paths: (string | number | null)[][],
  now: number,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const requestUri = new URL(authorizationRequest).searchParams.get('request_uri') ?? ''
  const request = decodeJwt(await (await fetch(requestUri)).text())
  const token = await presentSdJwt(cred.sdJwt, paths, { privateKey: cred.key.privateKey, alg: cred.key.alg, aud: String(request.client_id), nonce: String(request.nonce), iat: now })
  const res = await fetch(String(request.response_uri), {
    method: 'POST',
    body: new URLSearchParams({ vp_token: JSON.stringify({ pid: [token] }), state: String(request.state) }),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
