// shared/oid4vp request objects: creation, and verification as a wallet does it, with one rejection test per check.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { signJwsCompact } from '../../shared/keys/index.ts'
import type { JWK } from '../../shared/keys/index.ts'
import {
  REQUEST_OBJECT_TYP, SELF_ISSUED_AUDIENCE, SD_JWT_VC_VP_FORMAT, authorizationRequestUri, authorizationRequestUriFor, createRequestObject, deriveResponseKey, presetQuery,
  requestObjectSigner, responseEncryptionMetadata, verifyRequestObject,
} from '../../shared/oid4vp/index.ts'
import type { CreateRequestObjectInput } from '../../shared/oid4vp/index.ts'
import { PID_VCT } from '../../shared/pid/index.ts'
import { createRegistrationCertificate } from '../../shared/registration/index.ts'
import { createTestRegistrar, createTestRelyingParty } from '../support/verifier/index.ts'
import type { TestRelyingParty } from '../support/verifier/index.ts'

const now = Math.floor(Date.now() / 1000)
let rp: TestRelyingParty
let registrarKey: () => Promise<JWK>

const decode = (jwt: string, i: number) => JSON.parse(Buffer.from(jwt.split('.')[i] as string, 'base64url').toString()) as Record<string, unknown>

function input(over: Partial<CreateRequestObjectInput> = {}): CreateRequestObjectInput {
  return {
    clientId: rp.clientId, responseUri: 'https://verifier.example/responses', nonce: 'n-0123456789abcdef0123', state: 's-0123456789abcdef0123',
    dcqlQuery: presetQuery('age_over_18', PID_VCT), registrationCertificate: rp.credentials.registrationCertificate, iat: now, exp: now + 300,
    signer: rp.credentials.signingKey, x5c: rp.credentials.accessCertificateChain, ...over,
  }
}
const verify = (jwt: unknown, over: Partial<Parameters<typeof verifyRequestObject>[1]> = {}) =>
  verifyRequestObject(jwt, { clientId: rp.clientId, trustedRoots: [rp.registrar.root], now, registrarKey, ...over })

/** Re-signs `payload` with the RP key and chain: for payloads createRequestObject would not produce. */
const resign = (payload: Record<string, unknown>, header: Record<string, unknown> = {}) =>
  signJwsCompact({ typ: REQUEST_OBJECT_TYP, x5c: rp.credentials.accessCertificateChain, ...header }, payload, rp.signingKey.privateKey, 'ES256')

beforeAll(async () => {
  rp = await createTestRelyingParty({ now, allowedClaims: [['age_over_18']] })
  registrarKey = () => Promise.resolve(rp.registrar.key.publicJwk)
})

describe('createRequestObject', () => {
  it('has typ oauth-authz-req+jwt, x5c, and every OpenID4VP parameter', () => {
    const jwt = createRequestObject(input())
    expect(decode(jwt, 0)).toEqual({ alg: 'ES256', typ: 'oauth-authz-req+jwt', x5c: rp.credentials.accessCertificateChain })
    expect(decode(jwt, 1)).toMatchObject({
      client_id: rp.clientId, response_type: 'vp_token', response_mode: 'direct_post', response_uri: 'https://verifier.example/responses',
      nonce: 'n-0123456789abcdef0123', state: 's-0123456789abcdef0123', dcql_query: presetQuery('age_over_18', PID_VCT),
      verifier_info: [{ format: 'registration_cert', data: rp.credentials.registrationCertificate }], aud: 'https://self-issued.me/v2', exp: now + 300,
    })
  })

  it('the prepared signer encodes the same header and payload as signing the payload object, for every response mode and alg', async () => {
    const ed = await createTestRelyingParty({ now, allowedClaims: [['age_over_18']], registrar: rp.registrar, alg: 'EdDSA' })
    const encryption = responseEncryptionMetadata(deriveResponseKey(new Uint8Array(32).fill(7), 'resp-x'))
    const cases: CreateRequestObjectInput[] = [
      input(),
      input({ responseEncryption: encryption, vpFormatsSupported: { 'dc+sd-jwt': SD_JWT_VC_VP_FORMAT, 'dc+jpt': { alg: ['BBS'] } } }),
      input({ clientId: ed.clientId, signer: ed.credentials.signingKey, x5c: ed.credentials.accessCertificateChain, registrationCertificate: ed.credentials.registrationCertificate }),
      input({
        nonce: 'n-"é"\\\u2028-0123456789abcdef', state: 's-目的</script>-0123456789abcdef',
        dcqlQuery: { ...presetQuery('age_over_18', PID_VCT), credential_sets: [{ options: [['pid']], purpose: 'Zweck "目的" \\ \u2028 </script>' }] },
      }),
    ]
    for (const c of cases) {
      const prepared = requestObjectSigner(c)(c)
      const payload = {
        iss: c.clientId, aud: SELF_ISSUED_AUDIENCE, client_id: c.clientId, response_type: 'vp_token', response_mode: c.responseEncryption ? 'direct_post.jwt' : 'direct_post',
        response_uri: c.responseUri, nonce: c.nonce, state: c.state, dcql_query: c.dcqlQuery,
        client_metadata: { vp_formats_supported: c.vpFormatsSupported ?? { 'dc+sd-jwt': SD_JWT_VC_VP_FORMAT }, ...(c.responseEncryption ?? {}) },
        verifier_info: [{ format: 'registration_cert', data: c.registrationCertificate }], iat: c.iat, exp: c.exp,
      }
      const plain = signJwsCompact({ typ: REQUEST_OBJECT_TYP, x5c: c.x5c }, payload, c.signer.privateKey, c.signer.alg)
      expect(prepared.slice(0, prepared.lastIndexOf('.'))).toBe(plain.slice(0, plain.lastIndexOf('.')))
      expect(createRequestObject(c).slice(0, plain.lastIndexOf('.'))).toBe(plain.slice(0, plain.lastIndexOf('.')))
      // the query's JSON text handed in (verifier/flows/request-object.ts keeps it per stored query): the same bytes
      const withJson = requestObjectSigner(c)({ ...c, dcqlQueryJson: JSON.stringify(c.dcqlQuery) })
      expect(withJson.slice(0, withJson.lastIndexOf('.'))).toBe(plain.slice(0, plain.lastIndexOf('.')))
      const verified = await verify(prepared, { clientId: c.clientId })
      expect(verified.payload.nonce).toBe(c.nonce)
    }
  })

  it('the authorization request URI carries client_id and request_uri', () => {
    const u = new URL(authorizationRequestUri({ clientId: rp.clientId, requestUri: 'https://v.example/requests/1' }))
    expect([u.protocol, u.searchParams.get('client_id'), u.searchParams.get('request_uri')]).toEqual(['openid4vp:', rp.clientId, 'https://v.example/requests/1'])
  })

  it('the prepared authorization request URI is the same string for any suffix (base64url ids appended, others encoded in full)', () => {
    const cases = [
      { clientId: rp.clientId, requestUriBase: 'https://v.example/requests/' },
      { clientId: 'x509_hash:a+b/c=&d', requestUriBase: 'http://127.0.0.1:4002/r?x=1&y=', scheme: 'haip' },
    ]
    for (const c of cases) {
      const uriOf = authorizationRequestUriFor(c)
      const full = (suffix: string) => authorizationRequestUri({ clientId: c.clientId, requestUri: `${c.requestUriBase}${suffix}`, ...(c.scheme ? { scheme: c.scheme } : {}) })
      fc.assert(fc.property(fc.oneof(fc.base64String(), fc.string(), fc.stringMatching(/^[A-Za-z0-9_-]{0,64}$/), fc.constantFrom('*.-_', ' ', '~', '%41', 'é', '')), (suffix) => {
        expect(uriOf(suffix)).toBe(full(suffix))
      }))
    }
  })
})

describe('verifyRequestObject', () => {
  it('accepts a valid request and returns the registration', async () => {
    const r = await verify(createRequestObject(input()))
    expect(r.registration).toMatchObject({ clientId: rp.clientId, name: 'Demo Shop', allowedClaims: [['age_over_18']] })
    expect(r.payload.dcql_query.credentials[0]?.id).toBe('pid')
  })

  it('accepts a request signed with EdDSA (Ed25519 access certificate under an ES256 registrar)', async () => {
    const ed = await createTestRelyingParty({ now, allowedClaims: [['age_over_18']], registrar: rp.registrar, alg: 'EdDSA' })
    const jwt = createRequestObject(input({ clientId: ed.clientId, signer: ed.credentials.signingKey, x5c: ed.credentials.accessCertificateChain, registrationCertificate: ed.credentials.registrationCertificate }))
    expect(decode(jwt, 0).alg).toBe('EdDSA')
    expect((await verify(jwt, { clientId: ed.clientId })).registration?.clientId).toBe(ed.clientId)
  })

  it('rejects a non-JWT: request_object_invalid', async () => {
    await expect(verify('abc')).rejects.toMatchObject({ code: 'request_object_invalid' })
  })

  it('rejects a wrong typ: invalid_typ', async () => {
    await expect(verify(resign(decode(createRequestObject(input()), 1), { typ: 'JWT' }))).rejects.toMatchObject({ code: 'invalid_typ' })
  })

  it('rejects a chain to an untrusted registrar: x5c_untrusted', async () => {
    const other = await createTestRegistrar(now, 'Other Registrar')
    await expect(verify(createRequestObject(input()), { trustedRoots: [other.root] })).rejects.toMatchObject({ code: 'x5c_untrusted' })
  })

  it('rejects a signature by a key other than the certificate key: request_object_signature_invalid', async () => {
    const other = await createTestRelyingParty({ now, allowedClaims: [['age_over_18']], registrar: rp.registrar })
    const jwt = createRequestObject(input({ signer: other.credentials.signingKey }))
    await expect(verify(jwt)).rejects.toMatchObject({ code: 'request_object_signature_invalid' })
  })

  it('rejects a client_id that is not the x509_hash of the leaf: client_id_mismatch', async () => {
    const other = await createTestRelyingParty({ now, allowedClaims: [['age_over_18']], registrar: rp.registrar })
    const jwt = createRequestObject(input({ clientId: other.clientId }))
    await expect(verify(jwt, { clientId: other.clientId })).rejects.toMatchObject({ code: 'client_id_mismatch' })
  })

  it('rejects a request whose client_id differs from the URI client_id: client_id_mismatch', async () => {
    await expect(verify(createRequestObject(input()), { clientId: 'x509_hash:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })).rejects.toMatchObject({ code: 'client_id_mismatch' })
  })

  it('rejects an expired request: request_object_expired', async () => {
    await expect(verify(createRequestObject(input({ iat: now - 900, exp: now - 600 })))).rejects.toMatchObject({ code: 'request_object_expired' })
  })

  it('rejects a payload without nonce: request_object_invalid', async () => {
    const { nonce: _n, ...rest } = decode(createRequestObject(input()), 1)
    await expect(verify(resign(rest))).rejects.toMatchObject({ code: 'request_object_invalid' })
  })

  it('rejects response_mode other than direct_post: request_object_invalid', async () => {
    await expect(verify(resign({ ...decode(createRequestObject(input()), 1), response_mode: 'fragment' }))).rejects.toMatchObject({ code: 'request_object_invalid' })
  })

  it('rejects an invalid DCQL query: dcql_query_invalid', async () => {
    await expect(verify(createRequestObject(input({ dcqlQuery: { credentials: [] } })))).rejects.toMatchObject({ code: 'dcql_query_invalid' })
  })

  it('rejects a request without registration certificate: registration_certificate_missing', async () => {
    const { verifier_info: _v, ...rest } = decode(createRequestObject(input()), 1)
    await expect(verify(resign(rest))).rejects.toMatchObject({ code: 'registration_certificate_missing' })
  })

  it("rejects another service's registration certificate: registration_client_mismatch", async () => {
    const other = await createTestRelyingParty({ now, allowedClaims: [['age_over_18']], registrar: rp.registrar })
    const jwt = createRequestObject(input({ registrationCertificate: other.credentials.registrationCertificate }))
    await expect(verify(jwt)).rejects.toMatchObject({ code: 'registration_client_mismatch' })
  })

  it('rejects an expired registration certificate: registration_expired', async () => {
    const reg = await createRegistrationCertificate({
      clientId: rp.clientId, name: 'Demo Shop', purpose: 'p', allowedClaims: [['age_over_18']], iat: now - 7200, exp: now - 3600,
      signer: { alg: 'ES256', privateKey: rp.registrar.key.privateKey, kid: rp.registrar.key.kid },
    })
    await expect(verify(createRequestObject(input({ registrationCertificate: reg })))).rejects.toMatchObject({ code: 'registration_expired' })
  })

  it('rejects a query beyond the registration (over-asking): claim_not_registered', async () => {
    await expect(verify(createRequestObject(input({ dcqlQuery: presetQuery('kyc', PID_VCT) })))).rejects.toMatchObject({ code: 'claim_not_registered' })
  })
})
