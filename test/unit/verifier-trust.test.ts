// Verifier trust: issuer keys from /.well-known/jwt-vc-issuer (cached, bounded, issuer-bound) or x5c chains to configured roots.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSigningKey } from '../../shared/keys/index.ts'
import { createRootCertificate, issueCertificate } from '../../shared/x509/index.ts'
import { createBoundedFetcher } from '../../shared/http-fetch/index.ts'
import { createIssuerKeyResolver, jwtVcIssuerMetadataUrl } from '../../shared/trust/index.ts'
import { SAMPLE_PID_CLAIMS, startTestIssuer, startVerifierHarness } from '../support/verifier/index.ts'
import type { TestIssuer } from '../support/verifier/index.ts'
import type { CryptoKey } from '../../shared/keys/index.ts'

const now = () => Math.floor(Date.now() / 1000)
const fetch = createBoundedFetcher({ timeoutMs: 1000, maxBytes: 4096 })
let issuer: TestIssuer

beforeAll(async () => {
  issuer = await startTestIssuer(now)
})
afterAll(() => issuer.close())

/** A one-route server answering `/.well-known/jwt-vc-issuer` with `body`. */
async function metadataServer(body: (origin: string) => string): Promise<{ origin: string; close(): Promise<void> }> {
  let origin = ''
  const s = createServer((_req, res) => res.end(body(origin)))
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(s.address() as AddressInfo).port}`
  return { origin, close: () => new Promise((resolve) => s.close(() => resolve())) }
}

describe('issuer key resolution', () => {
  it('puts the well-known segment between host and path', () => {
    expect(jwtVcIssuerMetadataUrl('https://a.example/tenant/1').href).toBe('https://a.example/.well-known/jwt-vc-issuer/tenant/1')
    expect(jwtVcIssuerMetadataUrl('https://a.example').href).toBe('https://a.example/.well-known/jwt-vc-issuer')
  })

  it('fetches the JWKS once and serves later kids from the cache', async () => {
    const r = createIssuerKeyResolver({ trustedIssuers: [{ issuer: issuer.issuer }], now, fetch, cacheSeconds: 300 })
    const before = issuer.fetches()
    await r.forCredential({ kid: issuer.key.kid }, { iss: issuer.issuer })
    await r.forCredential({ kid: issuer.key.kid }, { iss: issuer.issuer })
    expect(issuer.fetches() - before).toBe(1)
  })

  it('does not refetch for an unknown kid within 30 s: issuer_key_unknown', async () => {
    const r = createIssuerKeyResolver({ trustedIssuers: [{ issuer: issuer.issuer }], now, fetch, cacheSeconds: 300 })
    await r.forCredential({ kid: issuer.key.kid }, { iss: issuer.issuer })
    const before = issuer.fetches()
    await expect(r.forCredential({ kid: 'unknown' }, { iss: issuer.issuer })).rejects.toMatchObject({ code: 'issuer_key_unknown' })
    expect(issuer.fetches()).toBe(before)
  })

  it('rejects a header without kid or x5c: issuer_key_unknown', async () => {
    const r = createIssuerKeyResolver({ trustedIssuers: [{ issuer: issuer.issuer }], now, fetch, cacheSeconds: 300 })
    await expect(r.forCredential({}, { iss: issuer.issuer })).rejects.toMatchObject({ code: 'issuer_key_unknown' })
  })

  it('rejects metadata naming another issuer: issuer_metadata_invalid', async () => {
    const m = await metadataServer(() => JSON.stringify({ issuer: 'https://evil.example', jwks: { keys: [issuer.key.publicJwk] } }))
    try {
      const r = createIssuerKeyResolver({ trustedIssuers: [{ issuer: m.origin }], now, fetch, cacheSeconds: 300 })
      await expect(r.forCredential({ kid: issuer.key.kid }, { iss: m.origin })).rejects.toMatchObject({ code: 'issuer_metadata_invalid' })
    } finally {
      await m.close()
    }
  })

  it('rejects an oversized metadata document: upstream_fetch_failed', async () => {
    const m = await metadataServer((origin) => JSON.stringify({ issuer: origin, jwks: { keys: [] }, pad: 'x'.repeat(10_000) }))
    try {
      const r = createIssuerKeyResolver({ trustedIssuers: [{ issuer: m.origin }], now, fetch, cacheSeconds: 300 })
      await expect(r.forCredential({ kid: 'k' }, { iss: m.origin })).rejects.toMatchObject({ code: 'upstream_fetch_failed' })
    } finally {
      await m.close()
    }
  })

  it('rejects a jwks_uri on another origin: url_not_allowed', async () => {
    const m = await metadataServer((origin) => JSON.stringify({ issuer: origin, jwks_uri: 'http://127.0.0.2:1/jwks' }))
    try {
      const r = createIssuerKeyResolver({ trustedIssuers: [{ issuer: m.origin }], now, fetch, cacheSeconds: 300 })
      await expect(r.forCredential({ kid: 'k' }, { iss: m.origin })).rejects.toMatchObject({ code: 'url_not_allowed' })
    } finally {
      await m.close()
    }
  })

  it('rejects an unreachable issuer: upstream_fetch_failed', async () => {
    const r = createIssuerKeyResolver({ trustedIssuers: [{ issuer: 'http://127.0.0.1:1' }], now, fetch, cacheSeconds: 300 })
    await expect(r.forCredential({ kid: 'k' }, { iss: 'http://127.0.0.1:1' })).rejects.toMatchObject({ code: 'upstream_fetch_failed' })
  })

  it('rejects an issuer not on the trust list: issuer_untrusted', async () => {
    const r = createIssuerKeyResolver({ trustedIssuers: [{ issuer: issuer.issuer }], now, fetch, cacheSeconds: 300 })
    await expect(r.forCredential({ kid: issuer.key.kid }, { iss: 'https://other.example' })).rejects.toMatchObject({ code: 'issuer_untrusted' })
    await expect(r.forCredential({ kid: issuer.key.kid }, {})).rejects.toMatchObject({ code: 'issuer_untrusted' })
  })
})

describe('credentials signed with an x5c chain to a configured issuer root', () => {
  it('verifies a credential whose x5c chains to the issuer root (no JWKS fetch); rejects another root (x5c_untrusted) or a leaf naming another issuer (issuer_certificate_mismatch)', async () => {
    const t = now()
    const nb = new Date((t - 3600) * 1000)
    const na = new Date((t + 86_400) * 1000)
    const makeRoot = async () => {
      const k = await generateSigningKey('ES256')
      const pub = await crypto.subtle.importKey('jwk', k.publicJwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])
      return { key: k, cert: await createRootCertificate({ name: 'Authority Root', keys: { privateKey: k.privateKey, publicKey: pub }, notBefore: nb, notAfter: na }) }
    }
    const root = await makeRoot()
    const rogue = await makeRoot()
    const iss = await startTestIssuer(now)
    const v = await startVerifierHarness({ config: { trustedIssuers: [{ issuer: iss.issuer, rootCertificates: [root.cert] }] } })
    try {
      const certify = (r: { key: { privateKey: CryptoKey }; cert: string }) =>
        issueCertificate({ subject: 'Issuing key', subjectPublicKey: iss.key.publicJwk, issuerCert: r.cert, issuerKey: r.key.privateKey, notBefore: nb, notAfter: na })
      const named = (san: { dns?: string[]; uri?: string[] }) =>
        issueCertificate({ subject: 'Issuing key', subjectPublicKey: iss.key.publicJwk, issuerCert: root.cert, issuerKey: root.key.privateKey, notBefore: nb, notAfter: na, san })
      const cases = [
        [await certify(root), 'verified'],
        [await named({ uri: [iss.issuer] }), 'verified'],
        [await named({ dns: ['127.0.0.1'] }), 'verified'],
        [await certify(rogue), 'x5c_untrusted'],
        [await named({ uri: ['https://other-issuer.example'] }), 'issuer_certificate_mismatch'],
      ] as const
      for (const [x5c, expected] of cases) {
        const created = await v.createPresentation({ preset: 'age_over_18' })
        const req = await v.fetchRequest(created.json)
        const cred = await iss.issue({ ...SAMPLE_PID_CLAIMS }, v.holder.publicJwk, { x5c: [x5c], noKid: true })
        const post = await v.post({ vp_token: JSON.stringify({ pid: [await v.present(cred, [['age_over_18']], req)] }), state: req.state })
        if (expected === 'verified') expect(post.status).toBe(200)
        else expect(post.json.code).toBe(expected)
      }
      expect(iss.fetches()).toBe(0)
    } finally {
      await v.close()
      await iss.close()
    }
  })
})
