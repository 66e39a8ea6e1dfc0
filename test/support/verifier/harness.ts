// Test harness: a verifier on 127.0.0.1 (ephemeral port) with a local issuer, a registered relying party and a holder key;
// helpers to create a request, fetch it as a wallet would, present and post. For tests and benchmarks only.
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pino } from 'pino'
import { generateSigningKey } from '../../../shared/keys/index.ts'
import type { SigningKey } from '../../../shared/keys/index.ts'
import { verifyRequestObject } from '../../../shared/oid4vp/index.ts'
import type { RequestObjectPayload } from '../../../shared/oid4vp/index.ts'
import type { ClaimsPath } from '../../../shared/registration/index.ts'
import { presentSdJwt } from '../../../shared/sdjwt/index.ts'
import { createVerifierApp } from '../../../verifier/app.ts'
import type { VerifierApp } from '../../../verifier/app.ts'
import type { StatusChecker, VerifierConfig } from '../../../verifier/config.ts'
import { createTestRelyingParty } from './relying-party.ts'
import type { TestRelyingParty } from './relying-party.ts'
import { SAMPLE_PID_CLAIMS, startTestIssuer } from './test-issuer.ts'
import type { TestIssuer } from './test-issuer.ts'
import { WALLET_DCQL_FORMATS } from '../../../wallet/core/formats/index.ts'

export interface VerifierHarness {
  baseUrl: string
  apiKey: string
  verifier: VerifierApp
  issuer: TestIssuer
  rp: TestRelyingParty
  holder: SigningKey
  /** Seconds added to the wall clock (to expire sessions). */
  clock: { offset: number }
  now(): number
  /** Captured log lines (JSON). */
  logs: string[]
  /** A PID-shaped credential bound to `holder` (default claims: SAMPLE_PID_CLAIMS). */
  credential(claims?: Record<string, unknown>, opts?: Parameters<TestIssuer['issue']>[2]): Promise<string>
  /** `POST /presentations` with the API key; returns status and JSON. */
  createPresentation(body: unknown, apiKey?: string): Promise<{ status: number; json: Record<string, unknown> }>
  /** Fetches and verifies the request object of a created presentation, as a wallet does. */
  fetchRequest(created: Record<string, unknown>): Promise<RequestObjectPayload>
  /** A presentation of `sdJwt` for `request` disclosing `paths`, KB-JWT by `holder` (overridable). */
  present(sdJwt: string, paths: ClaimsPath[] | 'all', request: { client_id: string; nonce: string }, kb?: Partial<{ aud: string; nonce: string; iat: number; key: SigningKey }>): Promise<string>
  /** Posts a form-encoded direct_post body to the response endpoint. */
  post(form: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }>
  result(id: string): Promise<{ status: number; json: Record<string, unknown> }>
  close(): Promise<void>
}

/** Starts issuer and verifier; the relying party is registered for `allowedClaims`. */
export async function startVerifierHarness(opts: {
  allowedClaims?: ClaimsPath[]
  /** Default false (no revocation check); 'real' wires verifier/status's checker. */
  statusChecker?: StatusChecker | false | 'real'
  config?: Partial<VerifierConfig>
  dataDir?: string
} = {}): Promise<VerifierHarness> {
  const clock = { offset: 0 }
  const now = (): number => Math.floor(Date.now() / 1000) + clock.offset
  const logs: string[] = []
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(line) })
  const issuer = await startTestIssuer(now)
  const rp = await createTestRelyingParty({ now: now(), allowedClaims: opts.allowedClaims ?? [['age_over_18'], ['age_over_21'], ['region']] })
  const holder = await generateSigningKey('ES256')
  const apiKey = 'test-api-key-0123456789abcdef'
  // The verifier needs its URL before listening: bind the port with a bare server, then attach the app.
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const verifier = await createVerifierApp({
    dataDir: opts.dataDir ?? ':memory:',
    verifierUrl: baseUrl,
    apiKey,
    trustedIssuers: [{ issuer: issuer.issuer }],
    relyingParty: rp.credentials,
    registrarRoots: [rp.registrar.root],
    now,
    logger,
    ...(opts.statusChecker === 'real' ? {} : { statusChecker: opts.statusChecker ?? false }),
    ...opts.config,
  })
  server.on('request', verifier.handler) // the listener verifier/server.ts serves

  const json = async (res: Response): Promise<{ status: number; json: Record<string, unknown> }> => ({
    status: res.status,
    json: (await res.json()) as Record<string, unknown>,
  })

  return {
    baseUrl, apiKey, verifier, issuer, rp, holder, clock, now, logs,
    credential: (claims = { ...SAMPLE_PID_CLAIMS }, o) => issuer.issue(claims, holder.publicJwk, o),
    createPresentation: async (body, key = apiKey) => json(await fetch(`${baseUrl}/presentations`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body),
    })),
    async fetchRequest(created) {
      const res = await fetch(created.request_uri as string)
      if (res.status !== 200) throw new Error(`request_uri answered ${res.status}`)
      const clientId = new URL(created.authorization_request as string).searchParams.get('client_id') ?? ''
      const registrarKey = () => Promise.resolve(rp.registrar.key.publicJwk)
      // the wallet's DCQL parsers, so a dc+jpt (BBS) request reads as a wallet reads it
      return (await verifyRequestObject(await res.text(), { clientId, trustedRoots: [rp.registrar.root], now: now(), registrarKey, dcqlFormats: WALLET_DCQL_FORMATS })).payload
    },
    present: (sdJwt, paths, request, kb = {}) => {
      const key = kb.key ?? holder
      return presentSdJwt(sdJwt, paths, { privateKey: key.privateKey, alg: key.alg, aud: kb.aud ?? request.client_id, nonce: kb.nonce ?? request.nonce, iat: kb.iat ?? now() })
    },
    post: async (form) => json(await fetch(`${baseUrl}/responses`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(),
    })),
    result: async (id) => json(await fetch(`${baseUrl}/presentations/${id}`, { headers: { authorization: `Bearer ${apiKey}` } })),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await verifier.close()
      await issuer.close()
    },
  }
}
