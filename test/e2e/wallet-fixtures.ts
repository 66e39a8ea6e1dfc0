// Test fixtures for the wallet: a small OpenID4VCI issuer and an OpenID4VP verifier/registrar on 127.0.0.1,
// built from the shared libraries (real crypto, real HTTP, ephemeral ports).
import { randomBytes, randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import express from 'express'
import type { Express } from 'express'
import { SignJWT, compactVerify, decodeProtectedHeader, importJWK } from 'jose'
import type { CryptoKey, JWK } from 'jose'

type CryptoKeyPair = { publicKey: CryptoKey; privateKey: CryptoKey }
import { generateSigningKey } from '../../shared/keys/index.ts'
import { PID_CLAIMS_METADATA, PID_DISPLAY } from '../../shared/pid/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { createAccessCertificate, createRegistrationCertificate } from '../../shared/registration/index.ts'
import type { ClaimsPath } from '../../shared/registration/index.ts'
import { issueSdJwt } from '../../shared/sdjwt/index.ts'
import { encodeStatusList, signStatusListToken } from '../../shared/status-list/index.ts'
import { createRootCertificate, issueCertificate } from '../../shared/x509/index.ts'
import { openWallet } from '../../wallet/core/index.ts'
import type { Wallet, WalletConfig } from '../../wallet/core/index.ts'

export const VCT = 'urn:eid:test:pid:1'
export const NOW = () => Math.floor(Date.now() / 1000)

/** Synthetic person data; tests grep the wallet file for these values. */
export const PERSON = {
  given_name: 'Xiaoming',
  family_name: 'Zhangwei',
  birthdate: '1990-03-07',
  national_id: '990101199003071234',
  age_over_18: true,
  age_over_21: true,
  region: 'Testprovince',
}

/**
 * Identifiers of the fake issuers started in this test file (unless started `untrusted`): the wallets `tempWallet`
 * makes trust exactly these (the array is shared, so an issuer started later is trusted too).
 */
export const TRUSTED_FAKE_ISSUERS: string[] = []

export interface Listening {
  url: string
  close(): Promise<void>
}

/** Serves `app` on 127.0.0.1 with an ephemeral port. */
export async function listen(app: Express): Promise<Listening> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export interface FakeIssuer extends Listening {
  key: SigningKey
  /** A fresh offer (pre-authorized code, tx_code '123456') of `configs` (default `['pid']`). */
  offer(configs?: string[]): string
  /** The same, passed by reference (`credential_offer_uri`). */
  offerByReference(): string
  /** Sets the status of every credential issued so far (0 valid, 1 invalid, 2 suspended). */
  setStatus(value: number): void
  /** Misbehaviours for negative tests. */
  misbehave: { signWithOtherKey?: boolean; bindToOtherKey?: boolean; metadataIssuer?: string; credentialEndpoint?: string; statusDown?: boolean }
  issuedCount(): number
  /** The number of proofs of each credential request received. */
  proofCounts(): number[]
  /** Every request received, as `METHOD /path`, in order. */
  received: string[]
}

/** A minimal pre-authorized-code issuer: metadata, token (tx_code 123456), nonce, batch credential endpoint, status list. */
/** `batchSize: null` advertises no batch_credential_issuance at all. */
/** `display` publishes the PID's display metadata (credential and claim names in English and Chinese). */
/** `certifiedBy` certifies its signing key under that root (SAN: its URL, or `san`), published and signed with `x5c`. */
export async function startFakeIssuer(opts: { batchSize?: number | null; person?: Record<string, unknown>; untrusted?: boolean; display?: boolean; certifiedBy?: TestRoot; san?: { uri?: string[]; dns?: string[] } } = {}): Promise<FakeIssuer> {
  const person = opts.person ?? PERSON
  const key = await generateSigningKey('ES256')
  const otherKey = await generateSigningKey('ES256')
  const codes = new Set<string>()
  const tokens = new Set<string>()
  const nonces = new Set<string>()
  const statuses = new Uint8Array(1024)
  let issued = 0
  const proofCounts: number[] = []
  const misbehave: FakeIssuer['misbehave'] = {}
  const app = express()
  const received: string[] = []
  app.use((req, _res, next) => {
    received.push(`${req.method} ${req.path}`)
    next()
  })
  let url = ''
  app.get('/.well-known/openid-credential-issuer', (_req, res) => {
    res.json({
      credential_issuer: misbehave.metadataIssuer ?? url,
      credential_endpoint: misbehave.credentialEndpoint ?? `${url}/credential`,
      nonce_endpoint: `${url}/nonce`,
      ...(opts.batchSize === null ? {} : { batch_credential_issuance: { batch_size: opts.batchSize ?? 10 } }),
      credential_configurations_supported: {
        pid: {
          format: 'dc+sd-jwt',
          vct: VCT,
          proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } },
          ...(opts.display ? { credential_metadata: { display: PID_DISPLAY, claims: PID_CLAIMS_METADATA } } : {}),
        },
        pid_jwp: { format: 'jwp_bbs', proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } } },
      },
    })
  })
  app.get('/.well-known/oauth-authorization-server', (_req, res) => {
    res.json({ issuer: url, token_endpoint: `${url}/token` })
  })
  let x5c: string[] | undefined
  app.get('/.well-known/jwt-vc-issuer', (_req, res) => {
    res.json({ issuer: url, jwks: { keys: [{ ...key.publicJwk, kid: key.kid, ...(x5c ? { x5c } : {}) }] } })
  })
  app.post('/token', express.urlencoded({ extended: false }), (req, res) => {
    const body = req.body as Record<string, string>
    if (!codes.delete(body['pre-authorized_code'] ?? '') || body.tx_code !== '123456') {
      res.status(400).json({ error: 'invalid_grant' })
      return
    }
    const token = randomUUID()
    tokens.add(token)
    res.json({ access_token: token, token_type: 'Bearer', expires_in: 600 })
  })
  app.post('/nonce', (_req, res) => {
    const n = randomUUID()
    nonces.add(n)
    res.set('cache-control', 'no-store').json({ c_nonce: n })
  })
  app.post('/credential', express.json(), async (req, res) => {
    if (!tokens.delete((req.headers.authorization ?? '').replace(/^Bearer /, ''))) {
      res.status(401).json({ error: 'invalid_token' })
      return
    }
    const proofs = (req.body as { proofs: { jwt: string[] } }).proofs.jwt
    proofCounts.push(proofs.length)
    const credentials: { credential: string }[] = []
    for (const proof of proofs) {
      const jwk = decodeProtectedHeader(proof).jwk as JWK
      const { payload } = await compactVerify(proof, await importJWK(jwk, 'ES256'))
      const claims = JSON.parse(new TextDecoder().decode(payload)) as { aud: string; nonce: string }
      if (claims.aud !== url || !nonces.has(claims.nonce)) {
        res.status(400).json({ error: 'invalid_proof' })
        return
      }
      const holder = misbehave.bindToOtherKey ? (await generateSigningKey('ES256')).publicJwk : jwk
      const signer = misbehave.signWithOtherKey ? otherKey : key
      const idx = issued++
      const iat = NOW()
      credentials.push({
        credential: await issueSdJwt({
          payload: { iss: url, vct: VCT, iat, exp: iat + 86400 * 30, cnf: { jwk: holder }, status: { status_list: { idx, uri: `${url}/status-lists/1` } }, ...person },
          frame: { _sd: Object.keys(person) },
          signer: { alg: 'ES256', privateKey: signer.privateKey, kid: key.kid, ...(x5c ? { x5c } : {}) },
        }),
      })
    }
    res.json({ credentials })
  })
  app.get('/status-lists/1', async (_req, res) => {
    if (misbehave.statusDown) {
      res.status(503).end()
      return
    }
    const iat = NOW()
    const token = await signStatusListToken({
      sub: `${url}/status-lists/1`,
      iss: url,
      iat,
      exp: iat + 600,
      ttl: 60,
      list: encodeStatusList(statuses, 2),
      signer: { alg: 'ES256', privateKey: key.privateKey, kid: key.kid },
    })
    res.type('application/statuslist+jwt').send(token)
  })
  const byReference = new Map<string, unknown>()
  app.get('/offers/:id', (req, res) => {
    const offer = byReference.get(req.params.id)
    if (offer === undefined) res.status(404).end()
    else res.json(offer)
  })
  const l = await listen(app)
  url = l.url
  if (opts.certifiedBy) x5c = [await opts.certifiedBy.certify(key, opts.san ?? { uri: [url] })]
  if (!opts.untrusted) TRUSTED_FAKE_ISSUERS.push(url)
  const newOffer = (configs = ['pid']): unknown => {
    const code = randomBytes(16).toString('base64url')
    codes.add(code)
    return {
      credential_issuer: url,
      credential_configuration_ids: configs,
      grants: { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': { 'pre-authorized_code': code, tx_code: { input_mode: 'numeric', length: 6 } } },
    }
  }
  return {
    ...l,
    key,
    misbehave,
    issuedCount: () => issued,
    received,
    proofCounts: () => [...proofCounts],
    offer(configs) {
      return `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify(newOffer(configs)))}`
    },
    offerByReference() {
      const id = randomUUID()
      byReference.set(id, newOffer())
      return `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${url}/offers/${id}`)}`
    },
    setStatus(value) {
      statuses.fill(value, 0, issued)
    },
  }
}

/** A test root CA: its certificate (base64 DER and PEM) and a way to certify a key under it. */
export interface TestRoot {
  cert: string
  pem: string
  /** An end-entity certificate for `key` with these subject alternative names (none when both are empty). */
  certify(key: SigningKey, san: { uri?: string[]; dns?: string[] }): Promise<string>
}

/** A fresh self-signed root CA (P-256) valid from yesterday for a year. */
export async function testRoot(name: string): Promise<TestRoot> {
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
  const day = 86_400_000
  const notBefore = new Date(Date.now() - day)
  const notAfter = new Date(Date.now() + 365 * day)
  const cert = await createRootCertificate({ name, keys, notBefore, notAfter })
  const pem = `-----BEGIN CERTIFICATE-----\n${cert.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`
  return {
    cert,
    pem,
    certify: (key, san) => issueCertificate({
      subject: `${name} issuing`, subjectPublicKey: { kty: key.publicJwk.kty, crv: key.publicJwk.crv, x: key.publicJwk.x, y: key.publicJwk.y } as JWK,
      issuerCert: cert, issuerKey: keys.privateKey, notBefore, notAfter, san,
    }),
  }
}

export interface Service {
  name: string
  clientId: string
  accessCert: string
  key: CryptoKeyPair
  registration: string
}

export interface RequestOptions {
  dcql?: Record<string, unknown>
  /** Overrides of request object claims (e.g. `client_id`, `exp`, `verifier_info`). */
  claims?: Record<string, unknown>
  /** Sign with this key instead of the service's. */
  signingKey?: CryptoKey
  /** x5c to send instead of the service's access certificate. */
  x5c?: string[]
  /** client_id put in the openid4vp:// URI (default: the request's). */
  uriClientId?: string
}

export interface PostedResponse {
  requestId: string
  body: Record<string, string>
}

export interface FakeVerifier extends Listening {
  /** Registrar root certificate (base64 DER): the wallet's trust anchor. */
  registrarRoot: string
  /** The registrar's registration-certificate signer (its key and certificate chain), for tests crafting certificates. */
  registrationSigner: { alg: 'ES256'; privateKey: CryptoKey; kid: string; x5c: string[] }
  registerService(input: { name: string; allowedClaims: ClaimsPath[]; registrationExp?: number; purpose?: string; origins?: string[] | null; nbf?: number }): Promise<Service>
  /** Publishes a signed request object and returns `{ uri, nonce, state }`. */
  createRequest(service: Service, opts?: RequestOptions): Promise<{ uri: string; nonce: string; state: string }>
  responses: PostedResponse[]
  /** When set, direct_post answers 400 with this OAuth error. */
  reject: { error?: string; description?: string }
  /** The `redirect_uri` answered to a direct_post (default `javascript:alert(1)`, which a wallet must drop). */
  redirect: { uri?: string }
}

export const AGE_QUERY = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [VCT] }, claims: [{ path: ['age_over_18'] }] }] }

async function ecKeyPair(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
}

/** A registrar (root CA + registration signer) and a relying party serving request objects and taking direct_post responses. */
export async function startFakeVerifier(): Promise<FakeVerifier> {
  const notBefore = new Date(Date.now() - 3600_000)
  const notAfter = new Date(Date.now() + 86400_000)
  const rootKeys = await ecKeyPair()
  const registrarRoot = await createRootCertificate({ name: 'Test Registrar Root', keys: rootKeys, notBefore, notAfter })
  const signer = await generateSigningKey('ES256')
  const signerCert = await issueCertificate({
    subject: 'Test registration signer',
    subjectPublicKey: signer.publicJwk,
    issuerCert: registrarRoot,
    issuerKey: rootKeys.privateKey,
    notBefore,
    notAfter,
  })
  const requests = new Map<string, string>()
  const responses: PostedResponse[] = []
  const reject: FakeVerifier['reject'] = {}
  const redirect: FakeVerifier['redirect'] = {}
  const app = express()
  let url = ''
  app.get('/request/:id', (req, res) => {
    const jwt = requests.get(req.params.id)
    if (jwt === undefined) {
      res.status(404).end()
      return
    }
    res.type('application/oauth-authz-req+jwt').send(jwt)
  })
  app.post('/response/:id', express.urlencoded({ extended: false, limit: '1mb' }), (req, res) => {
    responses.push({ requestId: req.params.id, body: req.body as Record<string, string> })
    if (reject.error !== undefined) res.status(400).json({ error: reject.error, error_description: reject.description ?? 'rejected by the test verifier' })
    else res.json({ redirect_uri: redirect.uri ?? 'javascript:alert(1)' })
  })
  const l = await listen(app)
  url = l.url
  return {
    ...l,
    registrarRoot,
    registrationSigner: { alg: 'ES256', privateKey: signer.privateKey, kid: signer.kid, x5c: [signerCert] },
    responses,
    reject,
    redirect,
    async registerService({ name, allowedClaims, registrationExp, purpose, origins, nbf }) {
      const key = await ecKeyPair()
      const { certificate, clientId } = await createAccessCertificate({
        name,
        requestSigningJwk: key.publicKey,
        registrarCert: registrarRoot,
        registrarKey: rootKeys.privateKey,
        notBefore,
        notAfter,
      })
      const iat = NOW() - 60
      const registration = await createRegistrationCertificate({
        clientId,
        name,
        purpose: purpose ?? `${name} checks your age`,
        allowedClaims,
        // The registrar records where the service answers; `null` leaves origins out (an older certificate).
        ...(origins === null ? {} : { origins: origins ?? [url] }),
        ...(nbf !== undefined ? { nbf } : {}),
        iat: registrationExp !== undefined ? Math.min(iat, registrationExp - 1) : iat,
        exp: registrationExp ?? NOW() + 86400,
        signer: { alg: 'ES256', privateKey: signer.privateKey, kid: signer.kid, x5c: [signerCert] },
      })
      return { name, clientId, accessCert: certificate, key, registration }
    },
    async createRequest(service, opts = {}) {
      const id = randomUUID()
      const nonce = randomBytes(16).toString('base64url')
      const state = randomBytes(16).toString('base64url')
      const iat = NOW()
      const payload = {
        client_id: service.clientId,
        response_type: 'vp_token',
        response_mode: 'direct_post',
        response_uri: `${url}/response/${id}`,
        nonce,
        state,
        aud: 'https://self-issued.me/v2',
        dcql_query: opts.dcql ?? AGE_QUERY,
        verifier_info: [{ format: 'registration_cert', data: service.registration }],
        iat,
        exp: iat + 300,
        ...opts.claims,
      }
      const jwt = await new SignJWT(payload)
        .setProtectedHeader({ alg: 'ES256', typ: 'oauth-authz-req+jwt', x5c: opts.x5c ?? [service.accessCert] })
        .sign(opts.signingKey ?? service.key.privateKey)
      requests.set(id, jwt)
      const clientId = opts.uriClientId ?? String(payload.client_id)
      const uri = `openid4vp://?client_id=${encodeURIComponent(clientId)}&request_uri=${encodeURIComponent(`${url}/request/${id}`)}`
      return { uri, nonce, state }
    },
  }
}

/** A wallet in a fresh temporary folder trusting `registrarRoot`, allowed to use http on 127.0.0.1. */
export async function tempWallet(registrarRoot: string[] | string, extra: Partial<WalletConfig> = {}): Promise<{ wallet: Wallet; dir: string; config: WalletConfig; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'wallet-test-'))
  const config: WalletConfig = {
    dir,
    passphrase: 'correct horse battery staple',
    trustedRegistrar: registrarRoot,
    allowHttpHosts: ['127.0.0.1'],
    trustedIssuers: TRUSTED_FAKE_ISSUERS,
    // Cheap scrypt for speed; wallet-state-file.test.ts uses the default cost.
    kdf: { N: 1024, r: 8, p: 1 },
    ...extra,
  }
  return { wallet: await openWallet(config), dir, config, cleanup: () => rm(dir, { recursive: true, force: true }) }
}
