// shared/trust and shared/status-check through both callers: the verifier's wiring and the wallet's get the same
// fault from the same local issuer and must reject it with the same code (and details.check).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isEidError } from '../../shared/errors/index.ts'
import { generateSigningKey } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { encodeStatusList, signStatusListToken } from '../../shared/status-list/index.ts'
import { createVerifierIssuerKeys, createVerifierStatusChecker } from '../../verifier/flows/issuer-trust.ts'
import { walletIssuerKeys } from '../../wallet/core/issuer-keys.ts'
import { createStatusLookup } from '../../wallet/core/status.ts'
import { startServer } from './http-fetch-server.ts'
import type { TestServer } from './http-fetch-server.ts'

let server: TestServer
let key: SigningKey
let rogue: SigningKey
const clock = 1_800_000_000
const now = () => clock
let tenant = 0

beforeAll(async () => {
  server = await startServer()
  key = await generateSigningKey('ES256')
  rogue = await generateSigningKey('ES256')
})
afterAll(() => server.close())

/** One caller of the shared modules, as the service wires it. */
interface Caller {
  name: string
  credentialKey(trusted: string[], header: Record<string, unknown>, iss: string): Promise<unknown>
  bbsKey(trusted: string[], issuer: string, kid: string): Promise<unknown>
  status(issuer: string, claim: unknown): Promise<void>
}

const limits = { timeoutMs: 2000, maxBytes: 64 * 1024 }

const verifier: Caller = {
  name: 'verifier',
  credentialKey: (trusted, header, iss) => keysForVerifier(trusted).forCredential(header, { iss }),
  bbsKey: (trusted, issuer, kid) => keysForVerifier(trusted).forIssuer(issuer, { kid }),
  status: (issuer, claim) => createVerifierStatusChecker({ now, fetchTimeoutMs: limits.timeoutMs }, keysForVerifier([issuer])).check({ issuer, status: claim }),
}
function keysForVerifier(trusted: string[]) {
  return createVerifierIssuerKeys({ trustedIssuers: trusted.map((issuer) => ({ issuer })), now, fetchTimeoutMs: limits.timeoutMs, maxFetchBytes: limits.maxBytes, jwksCacheSeconds: 300 })
}

const walletCtx = { now, policy: { allowHttpHosts: ['127.0.0.1'] }, limits }
const wallet: Caller = {
  name: 'wallet',
  credentialKey: (trusted, header, iss) => walletIssuerKeys(walletCtx, trusted).forCredential(header, { iss }),
  bbsKey: (trusted, issuer, kid) => walletIssuerKeys(walletCtx, trusted).forIssuer(issuer, { kid }),
  status: (issuer, claim) => createStatusLookup(walletCtx, walletIssuerKeys(walletCtx, [issuer])).check(issuer, claim),
}

/** A fresh issuer path on the test server (so no cache carries over between cases). */
function newIssuer(): { issuer: string; path: string } {
  tenant += 1
  return { issuer: `${server.origin}/t${tenant}`, path: `/t${tenant}` }
}
function serveJson(path: string, body: unknown, status = 200): void {
  server.routes.set(path, (_req, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body)))
}
function serveMetadata(issuer: string, path: string, md: (issuer: string) => unknown = (i) => ({ issuer: i, jwks: { keys: [key.publicJwk] } })): void {
  serveJson(`/.well-known/jwt-vc-issuer${path}`, md(issuer))
}

/** The EidError code (and details.check) a promise rejects with; fails the test when it resolves. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (err) {
    if (!isEidError(err)) throw err
    const check = (err.details as { check?: string } | undefined)?.check
    return check === undefined ? err.code : `${err.code}/${check}`
  }
  throw new Error('accepted')
}

/** Runs `fault` through both callers and asserts both reject with `expected`. */
async function bothReject(expected: string, fault: (c: Caller) => Promise<unknown>): Promise<void> {
  const codes = { verifier: await codeOf(fault(verifier)), wallet: await codeOf(fault(wallet)) }
  expect(codes).toEqual({ verifier: expected, wallet: expected })
}

describe('issuer keys: same fault, same code in verifier and wallet', () => {
  it('resolves a published kid on both sides (the baseline the faults depart from)', async () => {
    const { issuer, path } = newIssuer()
    serveMetadata(issuer, path)
    for (const c of [verifier, wallet]) {
      expect(await c.credentialKey([issuer], { kid: key.kid }, issuer)).toMatchObject({ kid: key.kid })
    }
  })

  it('issuer_untrusted: a credential of an issuer not on the list', async () => {
    const { issuer, path } = newIssuer()
    serveMetadata(issuer, path)
    await bothReject('issuer_untrusted', (c) => c.credentialKey([issuer], { kid: key.kid }, `${issuer}-other`))
  })

  it('issuer_key_unknown: a kid the issuer does not publish (SD-JWT and BBS lookups alike)', async () => {
    const { issuer, path } = newIssuer()
    serveMetadata(issuer, path)
    await bothReject('issuer_key_unknown', (c) => c.credentialKey([issuer], { kid: 'not-published' }, issuer))
    await bothReject('issuer_key_unknown', (c) => c.bbsKey([issuer], issuer, 'not-published'))
  })

  it('issuer_key_unknown: a header with neither kid nor x5c', async () => {
    const { issuer, path } = newIssuer()
    serveMetadata(issuer, path)
    await bothReject('issuer_key_unknown', (c) => c.credentialKey([issuer], {}, issuer))
  })

  it('issuer_metadata_invalid: metadata naming another issuer, not JSON, or with no keys', async () => {
    const a = newIssuer()
    serveMetadata(a.issuer, a.path, () => ({ issuer: 'https://evil.example', jwks: { keys: [key.publicJwk] } }))
    await bothReject('issuer_metadata_invalid', (c) => c.credentialKey([a.issuer], { kid: key.kid }, a.issuer))
    const b = newIssuer()
    serveJson(`/.well-known/jwt-vc-issuer${b.path}`, '{not json')
    await bothReject('issuer_metadata_invalid', (c) => c.credentialKey([b.issuer], { kid: key.kid }, b.issuer))
    const d = newIssuer()
    serveMetadata(d.issuer, d.path, (i) => ({ issuer: i }))
    await bothReject('issuer_metadata_invalid', (c) => c.credentialKey([d.issuer], { kid: key.kid }, d.issuer))
  })

  it('upstream_fetch_failed: metadata missing (HTTP 404) or too large', async () => {
    const a = newIssuer()
    await bothReject('upstream_fetch_failed', (c) => c.credentialKey([a.issuer], { kid: key.kid }, a.issuer))
    const b = newIssuer()
    serveMetadata(b.issuer, b.path, (i) => ({ issuer: i, jwks: { keys: [key.publicJwk] }, pad: 'x'.repeat(limits.maxBytes) }))
    await bothReject('upstream_fetch_failed', (c) => c.credentialKey([b.issuer], { kid: key.kid }, b.issuer))
  })

  it('url_not_allowed: a jwks_uri on another origin; a jwks_uri on the origin is followed', async () => {
    const a = newIssuer()
    serveMetadata(a.issuer, a.path, (i) => ({ issuer: i, jwks_uri: 'http://127.0.0.2:1/jwks' }))
    await bothReject('url_not_allowed', (c) => c.credentialKey([a.issuer], { kid: key.kid }, a.issuer))
    const b = newIssuer()
    serveMetadata(b.issuer, b.path, (i) => ({ issuer: i, jwks_uri: `${server.origin}${b.path}/jwks` }))
    serveJson(`${b.path}/jwks`, { keys: [key.publicJwk] })
    for (const c of [verifier, wallet]) expect(await c.credentialKey([b.issuer], { kid: key.kid }, b.issuer)).toMatchObject({ kid: key.kid })
  })
})

describe('status lists: same fault, same code in verifier and wallet', () => {
  const STATUSES = [0, 1, 2, 3]
  interface TokenOpts { sub?: string; iat?: number; exp?: number; ttl?: number; signer?: SigningKey }
  const token = (uri: string, o: TokenOpts = {}) =>
    signStatusListToken({
      sub: o.sub ?? uri, iat: o.iat ?? clock, exp: o.exp ?? clock + 3600, ttl: o.ttl ?? 300, list: encodeStatusList(STATUSES, 2),
      signer: { alg: 'ES256', privateKey: (o.signer ?? key).privateKey, kid: (o.signer ?? key).kid },
    })
  const serveList = (path: string, body: string, type = 'application/statuslist+jwt') =>
    server.routes.set(path, (_req, res) => res.writeHead(200, { 'content-type': type }).end(body))
  const claim = (uri: string, idx: number) => ({ status_list: { idx, uri } })

  /** A fresh issuer with metadata and one status list served at `<issuer>/status/1`. */
  async function listIssuer(o: TokenOpts & { type?: string } = {}): Promise<{ issuer: string; path: string; uri: string }> {
    const { issuer, path } = newIssuer()
    serveMetadata(issuer, path)
    const uri = `${issuer}/status/1`
    serveList(`${path}/status/1`, await token(uri, o), o.type)
    return { issuer, path, uri }
  }

  it('VALID passes on both sides; the wallet shows it as valid', async () => {
    const { issuer, uri } = await listIssuer()
    await verifier.status(issuer, claim(uri, 0))
    await wallet.status(issuer, claim(uri, 0))
    expect(await createStatusLookup(walletCtx, walletIssuerKeys(walletCtx, [issuer])).statusOf(issuer, claim(uri, 1))).toBe('revoked')
  })

  it('credential_revoked, credential_suspended, status_index_out_of_range', async () => {
    const { issuer, uri } = await listIssuer()
    await bothReject('credential_revoked', (c) => c.status(issuer, claim(uri, 1)))
    await bothReject('credential_suspended', (c) => c.status(issuer, claim(uri, 2)))
    await bothReject('status_index_out_of_range', (c) => c.status(issuer, claim(uri, 4096)))
  })

  it('url_not_allowed: a list off the issuer origin, outside its path, or with user info', async () => {
    const { issuer, path } = await listIssuer()
    await bothReject('url_not_allowed', (c) => c.status(issuer, claim(`http://127.0.0.2:1${path}/status/1`, 0)))
    await bothReject('url_not_allowed', (c) => c.status(issuer, claim(`${server.origin}/elsewhere/status/1`, 0)))
    await bothReject('url_not_allowed', (c) => c.status(issuer, claim(`${server.origin.replace('//', '//u:p@')}${path}/status/1`, 0)))
  })

  it('status_list_invalid: wrong media type, sub of another list, expired, signed by an unpublished key', async () => {
    const typed = await listIssuer({ type: 'application/json' })
    await bothReject('status_list_invalid/content_type', (c) => c.status(typed.issuer, claim(typed.uri, 0)))
    const sub = await listIssuer({ sub: 'https://other.example/status/1' })
    await bothReject('status_list_invalid/sub', (c) => c.status(sub.issuer, claim(sub.uri, 0)))
    const old = await listIssuer({ iat: clock - 7200, exp: clock - 3600 })
    await bothReject('status_list_invalid/exp', (c) => c.status(old.issuer, claim(old.uri, 0)))
    const signed = await listIssuer({ signer: rogue })
    await bothReject('status_list_invalid/key', (c) => c.status(signed.issuer, claim(signed.uri, 0)))
  })

  it('status_list_unavailable: no list at the uri; the wallet shows unknown', async () => {
    const { issuer } = await listIssuer()
    await bothReject('status_list_unavailable/http_status', (c) => c.status(issuer, claim(`${issuer}/status/404`, 0)))
    expect(await createStatusLookup(walletCtx, walletIssuerKeys(walletCtx, [issuer])).statusOf(issuer, claim(`${issuer}/status/404`, 0))).toBe('unknown')
  })

  it('status_claim_invalid: a malformed status claim', async () => {
    const { issuer } = await listIssuer()
    await bothReject('status_claim_invalid', (c) => c.status(issuer, { status_list: { idx: -1, uri: `${issuer}/status/1` } }))
  })
})
