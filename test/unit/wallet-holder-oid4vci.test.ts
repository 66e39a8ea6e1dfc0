// Holder-side OpenID4VCI helpers (shared/oid4vci/holder-*.ts) and the wallet's URI parsing: one rejection per check.
import { decodeProtectedHeader, decodeJwt, importJWK, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { generateSigningKey } from '../../shared/keys/index.ts'
import {
  buildTokenRequestBody,
  checkTxCode,
  createCredentialOffer,
  createProofJwt,
  credentialOfferUri,
  describeErrorResponse,
  parseAuthorizationServerMetadata,
  parseCredentialOfferUri,
  parseCredentialResponse,
  parseIssuerMetadata,
  parseJwtVcIssuerMetadata,
  parseTokenResponse,
  selectConfiguration,
  wellKnownUrl,
  PROOF_JWT_TYP,
} from '../../shared/oid4vci/index.ts'
import { parseAuthorizationRequestUri } from '../../wallet/core/authorization-request.ts'
import { checkUrl } from '../../wallet/core/url-policy.ts'

const ISSUER = 'https://issuer.example'
const offer = createCredentialOffer({ credentialIssuer: ISSUER, configurationIds: ['pid'], preAuthorizedCode: 'code-1', txCode: { input_mode: 'numeric', length: 6 } })

describe('parseCredentialOfferUri', () => {
  it('reads an offer by value (round trip with the issuer side)', () => {
    expect(parseCredentialOfferUri(credentialOfferUri(offer)).offer).toEqual(offer)
  })
  it('reads an offer by reference', () => {
    expect(parseCredentialOfferUri(`openid-credential-offer://?credential_offer_uri=${encodeURIComponent('https://issuer.example/o/1')}`)).toEqual({ offerUri: 'https://issuer.example/o/1' })
  })
  it.each([
    ['not a URI', 'nonsense'],
    ['another scheme', 'openid4vp://?credential_offer=%7B%7D'],
    ['both parameters', `openid-credential-offer://?credential_offer=%7B%7D&credential_offer_uri=x`],
    ['neither parameter', 'openid-credential-offer://?x=1'],
    ['JSON that is not an offer', `openid-credential-offer://?credential_offer=${encodeURIComponent('{"credential_issuer":"x"}')}`],
    ['no pre-authorized grant', `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify({ ...offer, grants: {} }))}`],
    ['too long', `openid-credential-offer://?credential_offer=${'a'.repeat(20_000)}`],
  ])('rejects %s with credential_offer_invalid', (_name, uri) => {
    expect(() => parseCredentialOfferUri(uri)).toThrow(expect.objectContaining({ code: 'credential_offer_invalid' }))
  })
})

describe('checkTxCode', () => {
  it('accepts a code of the advertised length and mode', () => expect(checkTxCode(offer, '123456')).toBe('123456'))
  it.each([[undefined], [''], ['12345'], ['12345a']])('rejects %s', (code) => {
    expect(() => checkTxCode(offer, code)).toThrow(expect.objectContaining({ code: 'credential_offer_invalid' }))
  })
})

describe('metadata', () => {
  const md = {
    credential_issuer: ISSUER,
    credential_endpoint: `${ISSUER}/credential`,
    batch_credential_issuance: { batch_size: 10 },
    credential_configurations_supported: { pid: { format: 'dc+sd-jwt', vct: 'urn:x', proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['ES256'] } } } },
  }
  it('inserts .well-known between host and path', () => {
    expect(wellKnownUrl('https://a.example', 'openid-credential-issuer')).toBe('https://a.example/.well-known/openid-credential-issuer')
    expect(wellKnownUrl('https://a.example/tenant/', 'jwt-vc-issuer')).toBe('https://a.example/.well-known/jwt-vc-issuer/tenant')
  })
  it('accepts matching issuer metadata and picks the configuration', () => {
    expect(selectConfiguration(parseIssuerMetadata(md, ISSUER), 'pid', 'ES256').vct).toBe('urn:x')
  })
  it('rejects metadata of another issuer', () => {
    expect(() => parseIssuerMetadata(md, 'https://other.example')).toThrow(expect.objectContaining({ code: 'issuer_metadata_invalid' }))
  })
  it('rejects an unknown configuration, another format, an unsupported proof alg', () => {
    const parsed = parseIssuerMetadata(md, ISSUER)
    expect(() => selectConfiguration(parsed, 'nope', 'ES256')).toThrow(expect.objectContaining({ code: 'issuer_metadata_invalid' }))
    expect(() => selectConfiguration(parsed, 'pid', 'EdDSA')).toThrow(expect.objectContaining({ code: 'issuer_metadata_invalid' }))
    const mdoc = parseIssuerMetadata({ ...md, credential_configurations_supported: { pid: { format: 'mso_mdoc' } } }, ISSUER)
    expect(() => selectConfiguration(mdoc, 'pid', 'ES256')).toThrow(expect.objectContaining({ code: 'issuer_metadata_invalid' }))
  })
  it('reads batch_size 1 as no batches (below §12.2.4 minimum of 2, but unambiguous); rejects 0 and fractions', () => {
    expect(parseIssuerMetadata({ ...md, batch_credential_issuance: { batch_size: 1 } }, ISSUER).batch_credential_issuance).toEqual({ batch_size: 1 })
    expect(() => parseIssuerMetadata({ ...md, batch_credential_issuance: { batch_size: 0 } }, ISSUER)).toThrow(expect.objectContaining({ code: 'issuer_metadata_invalid' }))
    expect(() => parseIssuerMetadata({ ...md, batch_credential_issuance: { batch_size: 2.5 } }, ISSUER)).toThrow(expect.objectContaining({ code: 'issuer_metadata_invalid' }))
  })
  it('authorization server and JWT VC issuer metadata must name the expected issuer', () => {
    expect(() => parseAuthorizationServerMetadata({ issuer: 'https://x.example', token_endpoint: `${ISSUER}/token` }, ISSUER)).toThrow(expect.objectContaining({ code: 'issuer_metadata_invalid' }))
    expect(() => parseJwtVcIssuerMetadata({ issuer: 'https://x.example', jwks: { keys: [{}] } }, ISSUER)).toThrow(expect.objectContaining({ code: 'issuer_metadata_invalid' }))
    expect(() => parseJwtVcIssuerMetadata({ issuer: ISSUER }, ISSUER)).toThrow(expect.objectContaining({ code: 'issuer_metadata_invalid' }))
  })
})

describe('token and credential messages', () => {
  it('builds the pre-authorized token request body', () => {
    expect(Object.fromEntries(buildTokenRequestBody({ preAuthorizedCode: 'c', txCode: '1' }))).toEqual({
      grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
      'pre-authorized_code': 'c',
      tx_code: '1',
    })
  })
  it('rejects a token response without a Bearer token', () => {
    expect(() => parseTokenResponse({ access_token: 'x', token_type: 'DPoP' })).toThrow(expect.objectContaining({ code: 'issuance_failed' }))
    expect(() => parseTokenResponse({ token_type: 'Bearer' })).toThrow(expect.objectContaining({ code: 'issuance_failed' }))
  })
  it('rejects a deferred or oversized credential response', () => {
    expect(() => parseCredentialResponse({ transaction_id: 't' }, 10)).toThrow(expect.objectContaining({ code: 'issuance_failed' }))
    expect(() => parseCredentialResponse({ credentials: [{ credential: 'a' }, { credential: 'b' }] }, 1)).toThrow(expect.objectContaining({ code: 'issuance_failed' }))
  })
  it('describes an OAuth error without echoing anything else', () => {
    expect(describeErrorResponse(400, { error: 'invalid_grant', error_description: 'bad code', secret: 'zzz' })).toBe('HTTP 400 invalid_grant: bad code')
    expect(describeErrorResponse(500, 'oops')).toBe('HTTP 500')
  })
})

describe('createProofJwt', () => {
  it('signs typ openid4vci-proof+jwt with the public jwk, aud, iat, nonce (verified independently with jose)', async () => {
    const key = await generateSigningKey('ES256')
    const jwt = await createProofJwt({ key, audience: ISSUER, nonce: 'n1', iat: 1_700_000_000 })
    const header = decodeProtectedHeader(jwt)
    expect(header).toMatchObject({ typ: PROOF_JWT_TYP, alg: 'ES256' })
    expect(header.jwk).not.toHaveProperty('d')
    const { payload } = await jwtVerify(jwt, await importJWK(header.jwk as object, 'ES256'), { audience: ISSUER, currentDate: new Date(1_700_000_000_000) })
    expect(payload).toEqual({ aud: ISSUER, iat: 1_700_000_000, nonce: 'n1' })
  })
  it('omits nonce when the issuer has no nonce endpoint', async () => {
    const key = await generateSigningKey('EdDSA')
    expect(decodeJwt(await createProofJwt({ key, audience: ISSUER, iat: 1 }))).toEqual({ aud: ISSUER, iat: 1 })
  })
})

describe('wallet URI and URL policy', () => {
  it('reads client_id and request_uri', () => {
    expect(parseAuthorizationRequestUri('openid4vp://?client_id=x509_hash%3Aabc&request_uri=https%3A%2F%2Fv.example%2Fr%2F1')).toEqual({ clientId: 'x509_hash:abc', requestUri: 'https://v.example/r/1' })
  })
  it.each([
    ['a request by value', 'openid4vp://?client_id=a&request_uri=b&request=c'],
    ['no request_uri', 'openid4vp://?client_id=a'],
    ['no client_id', 'openid4vp://?request_uri=https%3A%2F%2Fv.example'],
    ['a repeated parameter', 'openid4vp://?client_id=a&client_id=b&request_uri=c'],
    ['another scheme', 'mailto:x@example.com'],
  ])('rejects %s with authorization_request_invalid', (_n, uri) => {
    expect(() => parseAuthorizationRequestUri(uri)).toThrow(expect.objectContaining({ code: 'authorization_request_invalid' }))
  })
  it.each([
    ['http to a host not allowed', 'http://example.com/x'],
    ['userinfo', 'https://user:pw@example.com/'],
    ['a fragment', 'https://example.com/#x'],
    ['another scheme', 'file:///etc/passwd'],
  ])('checkUrl rejects %s', (_n, url) => {
    expect(() => checkUrl(url, { allowHttpHosts: ['127.0.0.1'] }, 'url')).toThrow(expect.objectContaining({ code: 'url_not_allowed' }))
  })
  it('checkUrl enforces the same origin', () => {
    expect(() => checkUrl('https://b.example/x', { allowHttpHosts: [] }, 'url', 'https://a.example')).toThrow(expect.objectContaining({ code: 'url_not_allowed' }))
    expect(checkUrl('http://127.0.0.1:1/x', { allowHttpHosts: ['127.0.0.1'] }, 'url', 'http://127.0.0.1:1').href).toBe('http://127.0.0.1:1/x')
  })
})
