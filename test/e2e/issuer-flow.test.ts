// E2E over HTTP: enroll → offer → token → nonce → batch of 3 → each credential verifies (JWKS and x5c) with the right claims; logs hold no secrets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JWK } from 'jose'
import { decodeSdJwt, verifySdJwt } from '../../shared/sdjwt/index.ts'
import { verifyCertificateChain } from '../../shared/x509/index.ts'
import { leakedSecrets } from '../support/leaks.ts'
import { PID_VCT } from '../../shared/pid/index.ts'
import type { RunningIssuer } from './issuer-harness.ts'
import { PERSON, credentialRequest, enroll, holderKey, nonce, proofJwt, startIssuer, tokenRequest } from './issuer-harness.ts'

let run: RunningIssuer
const secrets: string[] = []
const credentials: string[] = []
const keys: JWK[] = []

beforeAll(async () => {
  run = await startIssuer()
  const e = await enroll(run.url)
  expect(e.credential_offer_uri).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/)
  expect(JSON.stringify(e.credential_offer)).not.toContain(e.tx_code)
  const t = await tokenRequest(run.url, e.code, e.tx_code)
  expect(t.status).toBe(200)
  const token = t.body.access_token as string
  const n = await nonce(run.url)
  const holders = await Promise.all([holderKey(), holderKey('EdDSA'), holderKey()])
  const proofs = await Promise.all(holders.map((k) => proofJwt(k, { aud: run.url, nonce: n })))
  const c = await credentialRequest(run.url, token, proofs)
  expect(c.status, JSON.stringify(c.body)).toBe(200)
  for (const x of c.body.credentials as { credential: string }[]) credentials.push(x.credential)
  keys.push(...holders.map((h) => h.publicJwk))
  secrets.push(PERSON.national_id, PERSON.family_name, PERSON.given_name, PERSON.address.street, e.code, e.tx_code, token, n)
})
afterAll(async () => run.close())

describe('issuer e2e', () => {
  it('publishes OpenID4VCI issuer metadata and AS metadata', async () => {
    const m = (await (await fetch(`${run.url}/.well-known/openid-credential-issuer`)).json()) as Record<string, unknown>
    expect(m).toMatchObject({
      credential_issuer: run.url,
      credential_endpoint: `${run.url}/credential`,
      nonce_endpoint: `${run.url}/nonce`,
      batch_credential_issuance: { batch_size: 10 },
      credential_configurations_supported: {
        pid_sd_jwt: {
          format: 'dc+sd-jwt',
          vct: PID_VCT,
          cryptographic_binding_methods_supported: ['jwk'],
          proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256', 'EdDSA'] } },
          credential_metadata: { display: expect.any(Array), claims: expect.arrayContaining([expect.objectContaining({ path: ['age_over_18'] })]) },
        },
      },
    })
    const as = (await (await fetch(`${run.url}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>
    expect(as).toMatchObject({ issuer: run.url, token_endpoint: `${run.url}/token`, grant_types_supported: ['urn:ietf:params:oauth:grant-type:pre-authorized_code', 'refresh_token'] })
  })

  it('issues one credential per proof', () => {
    expect(credentials).toHaveLength(3)
  })

  it('each credential verifies against the published JWKS', async () => {
    const meta = (await (await fetch(`${run.url}/.well-known/jwt-vc-issuer`)).json()) as { issuer: string; jwks: { keys: JWK[] } }
    expect(meta.issuer).toBe(run.url)
    for (const sdJwt of credentials) {
      const v = await verifySdJwt(sdJwt, {
        now: Math.floor(Date.now() / 1000),
        expectedVct: PID_VCT,
        resolveIssuerKey: async (h) => {
          const k = meta.jwks.keys.find((j) => j.kid === h.kid)
          if (!k) throw new Error('unknown kid')
          return k
        },
      })
      expect(v.claims.iss).toBe(run.url)
    }
  })

  it('each credential verifies against its x5c chain to the authority root', async () => {
    const pki = (await (await fetch(`${run.url}/pki`)).json()) as { authority_root: string }
    const pem = await (await fetch(`${run.url}/pki/authority-root.pem`)).text()
    expect(pem.replace(/-----[A-Z ]+-----|\s/g, '')).toBe(pki.authority_root)
    for (const sdJwt of credentials) {
      const v = await verifySdJwt(sdJwt, {
        now: Math.floor(Date.now() / 1000),
        resolveIssuerKey: async (h) => (await verifyCertificateChain(h.x5c ?? [], [pki.authority_root], new Date())).leafPublicJwk,
      })
      expect(v.header.kid).toBeTypeOf('string')
    }
  })

  it('carries the derived claims, every one selectively disclosable', async () => {
    const meta = (await (await fetch(`${run.url}/.well-known/jwt-vc-issuer`)).json()) as { jwks: { keys: JWK[] } }
    const v = await verifySdJwt(credentials[0] ?? '', { now: Math.floor(Date.now() / 1000), resolveIssuerKey: async () => meta.jwks.keys.find((k) => k.kty === 'EC') as JWK })
    expect(v.claims).toMatchObject({
      vct: PID_VCT,
      given_name: 'Wei',
      family_name: 'Zhang',
      birthdate: '1949-12-31',
      birth_year: 1949,
      sex: 2,
      nationality: 'CN',
      address: PERSON.address,
      region: { code: '11', name: expect.any(String) },
      age_over_14: true,
      age_over_16: true,
      age_over_18: true,
      age_over_21: true,
      age_over_60: true,
      age_over_65: true,
      national_id: PERSON.national_id,
    })
    const decoded = decodeSdJwt(credentials[0] ?? '')
    const top = decoded.disclosures.filter((d) => d.path.length === 1).map((d) => d.name)
    for (const c of ['given_name', 'family_name', 'birthdate', 'birth_year', 'sex', 'nationality', 'address', 'region', 'national_id', 'age_over_18']) {
      expect(top).toContain(c)
    }
    expect(decoded.disclosures.filter((d) => d.path[0] === 'address' && d.path.length === 2)).toHaveLength(3)
    const sd = decoded.payload._sd as string[]
    expect(sd.length).toBeGreaterThan(top.length) // decoys
  })

  it('binds each credential to its own proof key, with distinct salts and unlinkable times', () => {
    const decoded = credentials.map((c) => decodeSdJwt(c))
    decoded.forEach((d, i) => {
      const cnf = (d.payload.cnf as { jwk: JWK }).jwk
      expect(cnf.x).toBe(keys[i]?.x)
      expect(cnf).not.toHaveProperty('d')
    })
    const salts = decoded.flatMap((d) => d.disclosures.map((x) => x.salt))
    expect(new Set(salts).size).toBe(salts.length)
    const iats = new Set(decoded.map((d) => d.payload.iat))
    const exps = new Set(decoded.map((d) => d.payload.exp))
    expect(iats.size).toBe(1)
    expect(exps.size).toBe(1)
    expect((decoded[0]?.payload.iat as number) % 86400).toBe(0)
    const idx = decoded.map((d) => (d.payload.status as { status_list: { idx: number; uri: string } }).status_list)
    expect(new Set(idx.map((s) => s.idx)).size).toBe(3)
    for (const s of idx) expect(s.uri.startsWith(run.url)).toBe(true)
  })

  it('the status list referenced by a credential is served', async () => {
    const s = (decodeSdJwt(credentials[0] ?? '').payload.status as { status_list: { uri: string } }).status_list
    const res = await fetch(s.uri)
    expect(res.status).toBe(200)
  })

  it('logs name routes and status but no ID number, claim value, code or token', () => {
    const all = run.logs.join('\n')
    expect(all).toContain('/credential')
    expect(leakedSecrets(all, secrets), 'a secret leaked into the logs').toEqual([])
    expect(all).not.toContain('1949-12-31')
  })
})
