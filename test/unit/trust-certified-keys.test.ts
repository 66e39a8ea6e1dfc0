// shared/trust certifiedIssuerKeys (a wallet's issuer roots, WALLET_TRUSTED_ISSUERS) and requireIssuerName: a key is
// certified for an issuer only through an x5c to a trusted root whose leaf names that issuer and certifies that key.
import { describe, expect, it } from 'vitest'
import { generateSigningKey } from '../../shared/keys/index.ts'
import type { JWK, SigningKey } from '../../shared/keys/index.ts'
import { certifiedIssuerKeys, createIssuerKeyResolver } from '../../shared/trust/index.ts'
import { createRootCertificate, issueCertificate } from '../../shared/x509/index.ts'

const ISSUER = 'https://id.example'
const t = Math.floor(Date.now() / 1000)
const now = new Date(t * 1000)
const nb = new Date((t - 3600) * 1000)
const na = new Date((t + 86_400) * 1000)

async function root(): Promise<{ key: SigningKey; cert: string }> {
  const key = await generateSigningKey('ES256')
  const publicKey = await crypto.subtle.importKey('jwk', key.publicJwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])
  return { key, cert: await createRootCertificate({ name: 'Issuer Root', keys: { privateKey: key.privateKey, publicKey }, notBefore: nb, notAfter: na }) }
}

const bare = (j: JWK): JWK => ({ kty: j.kty, crv: j.crv, x: j.x, y: j.y })

async function published(r: { key: SigningKey; cert: string }, san: { uri?: string[]; dns?: string[] }, certified?: SigningKey): Promise<{ jwk: JWK; key: SigningKey }> {
  const key = await generateSigningKey('ES256')
  const cert = await issueCertificate({ subject: 'Issuing key', subjectPublicKey: bare((certified ?? key).publicJwk), issuerCert: r.cert, issuerKey: r.key.privateKey, notBefore: nb, notAfter: na, san })
  return { key, jwk: { ...key.publicJwk, kid: key.kid, x5c: [cert] } }
}

describe('certifiedIssuerKeys', () => {
  it('keeps the keys whose x5c chains to a root and names the issuer (URI or DNS name), leaves out every other', async () => {
    const trusted = await root()
    const other = await root()
    const byUri = await published(trusted, { uri: [ISSUER] })
    const byDns = await published(trusted, { dns: ['id.example'] })
    const refused = [
      await published(trusted, {}),
      await published(trusted, { uri: ['https://other.example'], dns: ['other.example'] }),
      await published(other, { uri: [ISSUER] }),
      await published(trusted, { uri: [ISSUER] }, await generateSigningKey('ES256')),
      { jwk: { ...(await generateSigningKey('ES256')).publicJwk, kid: 'no-x5c' } },
    ]
    const keys = await certifiedIssuerKeys(ISSUER, [byUri.jwk, ...refused.map((r) => r.jwk), byDns.jwk], [trusted.cert], now)
    expect(keys.map((k) => k.kid)).toEqual([byUri.jwk.kid, byDns.jwk.kid])
  })

  it('none certified: issuer_untrusted', async () => {
    const trusted = await root()
    const other = await root()
    for (const jwks of [[], [(await published(other, { uri: [ISSUER] })).jwk], [(await published(trusted, {})).jwk]]) {
      await expect(certifiedIssuerKeys(ISSUER, jwks, [trusted.cert], now)).rejects.toMatchObject({ code: 'issuer_untrusted' })
    }
    await expect(certifiedIssuerKeys(ISSUER, [(await published(trusted, { uri: [ISSUER] })).jwk], [], now)).rejects.toMatchObject({ code: 'issuer_untrusted' })
  })
})

describe('requireIssuerName in the resolver', () => {
  it('an x5c leaf without subject alternative names: issuer_certificate_mismatch when required, accepted for a per-issuer root', async () => {
    const trusted = await root()
    const { jwk } = await published(trusted, {})
    const fetch = () => Promise.reject(new Error('no fetch expected'))
    const resolver = (requireIssuerName: boolean) => createIssuerKeyResolver({ trustedIssuers: [{ issuer: ISSUER, rootCertificates: [trusted.cert], requireIssuerName }], now: () => t, fetch, cacheSeconds: 60 })
    await expect(resolver(true).forIssuer(ISSUER, { x5c: jwk.x5c })).rejects.toMatchObject({ code: 'issuer_certificate_mismatch' })
    await expect(resolver(false).forIssuer(ISSUER, { x5c: jwk.x5c })).resolves.toBeDefined()
  })
})
