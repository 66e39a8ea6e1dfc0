// shared/registration: access certificate + x509_hash client_id, registration certificate creation and one rejection per check.
import { describe, expect, it, beforeAll } from 'vitest'
import { generateSigningKey } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import {
  REGISTRATION_CERTIFICATE_TYP, checkClientIdMatchesCertificate, clientIdForCertificate, createAccessCertificate,
  createRegistrationCertificate, verifyRegistrationCertificate,
} from '../../shared/registration/index.ts'
import { createRootCertificate, verifyCertificateChain } from '../../shared/x509/index.ts'
import { signJwsCompact } from '../../shared/keys/index.ts'

const now = 1_780_000_000
const notBefore = new Date((now - 86_400) * 1000)
const notAfter = new Date((now + 365 * 86_400) * 1000)

let registrar: SigningKey
let registrarRoot: string
let rp: SigningKey
let accessCert: string
let clientId: string

const registrarKey = () => Promise.resolve(registrar.publicJwk)
const decode = (jwt: string, i: number) => JSON.parse(Buffer.from(jwt.split('.')[i] as string, 'base64url').toString()) as Record<string, unknown>

beforeAll(async () => {
  registrar = await generateSigningKey('ES256')
  const registrarPublic = await crypto.subtle.importKey('jwk', registrar.publicJwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])
  registrarRoot = await createRootCertificate({ name: 'Demo Registrar', keys: { privateKey: registrar.privateKey, publicKey: registrarPublic }, notBefore, notAfter })
  rp = await generateSigningKey('ES256')
  ;({ certificate: accessCert, clientId } = await createAccessCertificate({
    name: 'Demo Shop', requestSigningJwk: rp.publicJwk, registrarCert: registrarRoot, registrarKey: registrar.privateKey, notBefore, notAfter,
  }))
})

function certificate(over: Partial<Parameters<typeof createRegistrationCertificate>[0]> = {}): Promise<string> {
  return createRegistrationCertificate({
    clientId, name: 'Demo Shop', purpose: 'Age check for alcohol sales', allowedClaims: [['age_over_18']],
    iat: now - 60, exp: now + 86_400, signer: { alg: registrar.alg, privateKey: registrar.privateKey, kid: registrar.kid }, issuer: 'https://issuer.example', ...over,
  })
}

describe('access certificate', () => {
  it('certifies the RP key under the registrar root; client_id is x509_hash of it', async () => {
    const chain = await verifyCertificateChain([accessCert], [registrarRoot], new Date(now * 1000))
    expect(chain.leafPublicJwk.x).toBe(rp.publicJwk.x)
    expect(clientId).toBe(clientIdForCertificate(accessCert))
    expect(clientId).toMatch(/^x509_hash:[A-Za-z0-9_-]{43}$/)
    expect(() => checkClientIdMatchesCertificate(clientId, accessCert)).not.toThrow()
  })

  it('rejects a client_id that is not the hash of the certificate: client_id_mismatch', () => {
    expect(() => checkClientIdMatchesCertificate(clientIdForCertificate(registrarRoot), accessCert)).toThrow(expect.objectContaining({ code: 'client_id_mismatch' }))
    expect(() => checkClientIdMatchesCertificate('redirect_uri:https://x', accessCert)).toThrow(expect.objectContaining({ code: 'client_id_mismatch' }))
  })
})

describe('registration certificate', () => {
  it('is an ETSI TS 119 475 registration certificate: typ rc-wrp+jwt, the registrar kid, and the documented claims', async () => {
    const jwt = await certificate()
    expect(REGISTRATION_CERTIFICATE_TYP).toBe('rc-wrp+jwt')
    expect(decode(jwt, 0)).toEqual({ alg: 'ES256', typ: REGISTRATION_CERTIFICATE_TYP, kid: registrar.kid })
    expect(decode(jwt, 1)).toEqual({
      iss: 'https://issuer.example', sub: clientId, name: 'Demo Shop',
      entitlements: ['https://uri.etsi.org/19475/Entitlement/Service_Provider'],
      purpose: [{ lang: 'en', value: 'Age check for alcohol sales' }],
      credentials: [{ format: 'dc+sd-jwt', claim: [{ path: ['age_over_18'] }] }],
      iat: now - 60, exp: now + 86_400,
    })
    const reg = await verifyRegistrationCertificate(jwt, { clientId, now, registrarKey })
    expect(reg).toEqual({ issuer: 'https://issuer.example', clientId, name: 'Demo Shop', purpose: 'Age check for alcohol sales', allowedClaims: [['age_over_18']], iat: now - 60, exp: now + 86_400 })
  })

  it('refuses to sign for a client_id that is not x509_hash: invalid_request', async () => {
    await expect(certificate({ clientId: 'https://rp.example' })).rejects.toMatchObject({ code: 'invalid_request' })
  })

  it('rejects a string that is not a JWT: registration_invalid', async () => {
    await expect(verifyRegistrationCertificate('abc', { clientId, now, registrarKey })).rejects.toMatchObject({ code: 'registration_invalid' })
    await expect(verifyRegistrationCertificate(42, { clientId, now, registrarKey })).rejects.toMatchObject({ code: 'registration_invalid' })
  })

  it('rejects a wrong typ: invalid_typ', async () => {
    const jwt = signJwsCompact({ typ: 'JWT', kid: registrar.kid }, decode(await certificate(), 1), registrar.privateKey, 'ES256')
    await expect(verifyRegistrationCertificate(jwt, { clientId, now, registrarKey })).rejects.toMatchObject({ code: 'invalid_typ' })
  })

  it('rejects alg none: alg_not_allowed', async () => {
    const [, payload] = (await certificate()).split('.')
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: REGISTRATION_CERTIFICATE_TYP })).toString('base64url')}.${payload}.`
    await expect(verifyRegistrationCertificate(none, { clientId, now, registrarKey })).rejects.toMatchObject({ code: 'alg_not_allowed' })
  })

  it('rejects a signature by another key: registration_signature_invalid', async () => {
    const jwt = await certificate({ signer: { alg: rp.alg, privateKey: rp.privateKey, kid: registrar.kid } })
    await expect(verifyRegistrationCertificate(jwt, { clientId, now, registrarKey })).rejects.toMatchObject({ code: 'registration_signature_invalid' })
  })

  it('rejects a tampered payload: registration_signature_invalid', async () => {
    const [h, , s] = (await certificate()).split('.')
    const widened = Buffer.from(JSON.stringify({ ...decode(await certificate(), 1), credentials: [{ format: 'dc+sd-jwt', claim: [{ path: ['national_id'] }] }] })).toString('base64url')
    await expect(verifyRegistrationCertificate(`${h}.${widened}.${s}`, { clientId, now, registrarKey })).rejects.toMatchObject({ code: 'registration_signature_invalid' })
  })

  it('rejects a payload missing credentials: registration_invalid', async () => {
    const { credentials: _drop, ...rest } = decode(await certificate(), 1)
    const jwt = signJwsCompact({ typ: REGISTRATION_CERTIFICATE_TYP, kid: registrar.kid }, rest, registrar.privateKey, 'ES256')
    await expect(verifyRegistrationCertificate(jwt, { clientId, now, registrarKey })).rejects.toMatchObject({ code: 'registration_invalid' })
  })

  it('rejects a certificate without the Service_Provider entitlement: registration_not_entitled', async () => {
    const payload = { ...decode(await certificate(), 1), entitlements: ['https://uri.etsi.org/19475/Entitlement/PID_Provider'] }
    const jwt = signJwsCompact({ typ: REGISTRATION_CERTIFICATE_TYP, kid: registrar.kid }, payload, registrar.privateKey, 'ES256')
    await expect(verifyRegistrationCertificate(jwt, { clientId, now, registrarKey })).rejects.toMatchObject({ code: 'registration_not_entitled' })
    const oid = { ...payload, entitlements: ['0.4.0.19475.1.1'] }
    const byOid = signJwsCompact({ typ: REGISTRATION_CERTIFICATE_TYP, kid: registrar.kid }, oid, registrar.privateKey, 'ES256')
    expect((await verifyRegistrationCertificate(byOid, { clientId, now, registrarKey })).name).toBe('Demo Shop')
  })

  it('reads the claims of every credentials entry, each once, with the formats the registrar names', async () => {
    const jwt = await certificate({
      allowedClaims: [['age_over_18'], ['region']],
      credentialFormats: [{ format: 'dc+sd-jwt', vctValues: ['urn:eid:pid:1'] }, { format: 'dc+jpt' }],
    })
    expect(decode(jwt, 1).credentials).toEqual([
      { format: 'dc+sd-jwt', meta: { vct_values: ['urn:eid:pid:1'] }, claim: [{ path: ['age_over_18'] }, { path: ['region'] }] },
      { format: 'dc+jpt', claim: [{ path: ['age_over_18'] }, { path: ['region'] }] },
    ])
    expect((await verifyRegistrationCertificate(jwt, { clientId, now, registrarKey })).allowedClaims).toEqual([['age_over_18'], ['region']])
  })

  it('rejects a certificate for another client_id: registration_client_mismatch', async () => {
    const jwt = await certificate()
    await expect(verifyRegistrationCertificate(jwt, { clientId: clientIdForCertificate(registrarRoot), now, registrarKey })).rejects.toMatchObject({ code: 'registration_client_mismatch' })
  })

  it('rejects an expired certificate: registration_expired', async () => {
    const jwt = await certificate({ iat: now - 7200, exp: now - 3600 })
    await expect(verifyRegistrationCertificate(jwt, { clientId, now, registrarKey })).rejects.toMatchObject({ code: 'registration_expired' })
  })

  it('rejects a certificate issued in the future: registration_not_yet_valid', async () => {
    const jwt = await certificate({ iat: now + 3600, exp: now + 7200 })
    await expect(verifyRegistrationCertificate(jwt, { clientId, now, registrarKey })).rejects.toMatchObject({ code: 'registration_not_yet_valid' })
  })

  it('rejects an oversized certificate: registration_invalid', async () => {
    await expect(verifyRegistrationCertificate('a'.repeat(20_000), { clientId, now, registrarKey })).rejects.toMatchObject({ code: 'registration_invalid' })
  })
})
