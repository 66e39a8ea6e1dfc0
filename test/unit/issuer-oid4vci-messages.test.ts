// shared/oid4vci messages (OpenID4VCI 1.0 §4.1.1, §6.1, §8.2): offer round trip, token and credential request parsing.
import { describe, expect, it } from 'vitest'
import {
  PRE_AUTHORIZED_CODE_GRANT,
  createAuthorizationServerMetadata,
  createCredentialOffer,
  credentialOfferSchema,
  credentialOfferUri,
  parseCredentialRequest,
  parseTokenRequest,
} from '../../shared/oid4vci/index.ts'

describe('credential offer', () => {
  it('round-trips through the openid-credential-offer URI and the schema, carrying tx_code metadata only', () => {
    const offer = createCredentialOffer({ credentialIssuer: 'https://issuer.example', configurationIds: ['pid_sd_jwt'], preAuthorizedCode: 'abc', txCode: { input_mode: 'numeric', length: 6 } })
    const uri = credentialOfferUri(offer)
    expect(uri.startsWith('openid-credential-offer://?credential_offer=')).toBe(true)
    const parsed = credentialOfferSchema.parse(JSON.parse(new URL(uri).searchParams.get('credential_offer') ?? ''))
    expect(parsed).toEqual(offer)
    expect(parsed.grants[PRE_AUTHORIZED_CODE_GRANT].tx_code).toEqual({ input_mode: 'numeric', length: 6 })
  })
})

describe('parseTokenRequest', () => {
  const grant = { grant_type: PRE_AUTHORIZED_CODE_GRANT, 'pre-authorized_code': 'c' }
  it('reads code and tx_code and ignores unknown parameters', () => {
    expect(parseTokenRequest({ ...grant, tx_code: '123456', client_id: 'w', x: 'y' })).toEqual({ preAuthorizedCode: 'c', txCode: '123456' })
  })
  it('unsupported_grant_type for another grant', () => {
    expect(() => parseTokenRequest({ ...grant, grant_type: 'authorization_code' })).toThrow(expect.objectContaining({ code: 'unsupported_grant_type' }))
  })
  it('invalid_request for a missing grant_type, a missing code, or an oversized tx_code', () => {
    for (const body of [{ 'pre-authorized_code': 'c' }, { grant_type: PRE_AUTHORIZED_CODE_GRANT }, { ...grant, tx_code: '1'.repeat(65) }, undefined, 'str']) {
      expect(() => parseTokenRequest(body)).toThrow(expect.objectContaining({ code: 'invalid_request' }))
    }
  })
})

describe('parseCredentialRequest', () => {
  const ok = { credential_configuration_id: 'pid_sd_jwt', proofs: { jwt: ['a.b.c'] } }
  it('reads the configuration id and the proofs, ignoring unknown members', () => {
    expect(parseCredentialRequest({ ...ok, extension: 1 }, { maxProofs: 2 })).toEqual({ credentialConfigurationId: 'pid_sd_jwt', proofJwts: ['a.b.c'] })
  })
  it('batch_too_large beyond maxProofs', () => {
    expect(() => parseCredentialRequest({ ...ok, proofs: { jwt: ['a', 'b', 'c'] } }, { maxProofs: 2 })).toThrow(expect.objectContaining({ code: 'batch_too_large' }))
  })
  it('credential_request_invalid for no proofs, proof (singular), credential_identifier, no configuration id, oversized proof', () => {
    const bad = [
      { credential_configuration_id: 'pid_sd_jwt' },
      { ...ok, proofs: { jwt: [] } },
      { ...ok, proof: { proof_type: 'jwt', jwt: 'a.b.c' } },
      { ...ok, credential_identifier: 'x' },
      { proofs: ok.proofs },
      { ...ok, proofs: { jwt: ['x'.repeat(5000)] } },
      [],
      null,
    ]
    for (const b of bad) expect(() => parseCredentialRequest(b, { maxProofs: 10 })).toThrow(expect.objectContaining({ code: 'credential_request_invalid' }))
  })
})

describe('authorization server metadata', () => {
  it('lists only the pre-authorized code grant with anonymous access', () => {
    expect(createAuthorizationServerMetadata('https://i.example')).toMatchObject({
      token_endpoint: 'https://i.example/token',
      grant_types_supported: [PRE_AUTHORIZED_CODE_GRANT],
      'pre-authorized_grant_anonymous_access_supported': true,
    })
  })
})
