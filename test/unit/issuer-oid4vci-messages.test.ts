// shared/oid4vci messages (OpenID4VCI 1.0 §4.1.1, §6.1, §8.2): offer round trip, token and credential request parsing.
import { describe, expect, it } from 'vitest'
import { EidError, toErrorResponse } from '../../shared/errors/index.ts'
import type { ErrorCode } from '../../shared/errors/index.ts'
import {
  PRE_AUTHORIZED_CODE_GRANT,
  createAuthorizationServerMetadata,
  createCredentialOffer,
  createIssuerMetadata,
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
  it('OpenID4VCI 1.0 §8.3.1.2: each malformed request gets its code', () => {
    const cases: [unknown, string, number?][] = [
      [{ credential_configuration_id: 'pid_sd_jwt' }, 'proofs_missing'],
      [{ ...ok, proofs: {} }, 'proofs_missing'],
      [{ ...ok, proofs: { jwt: ['a.b.c'], attestation: ['x.y.z'] } }, 'proofs_multiple_types'],
      [{ ...ok, proofs: { attestation: ['x.y.z'] } }, 'proof_type_unsupported'],
      [{ ...ok, proofs: { jwt: [] } }, 'proof_malformed'],
      [{ ...ok, proofs: { jwt: ['x'.repeat(5000)] } }, 'proof_malformed'],
      [{ ...ok, proofs: { jwt: 'a.b.c' } }, 'proof_malformed'],
      [{ ...ok, proofs: ['a.b.c'] }, 'proof_malformed'],
      [{ ...ok, proof: { proof_type: 'jwt', jwt: 'a.b.c' } }, 'proof_singular_unsupported'],
      [{ credential_configuration_id: 'pid_sd_jwt', proof: { proof_type: 'jwt', jwt: 'a.b.c' } }, 'proof_singular_unsupported'],
      [{ ...ok, proofs: { jwt: ['a', 'b'] } }, 'batch_not_supported', 1],
      [{ ...ok, credential_identifier: 'x' }, 'credential_request_invalid'],
      [{ proofs: ok.proofs }, 'credential_request_invalid'],
      [[], 'credential_request_invalid'],
      [null, 'credential_request_invalid'],
    ]
    for (const [b, code, maxProofs] of cases) expect(() => parseCredentialRequest(b, { maxProofs: maxProofs ?? 10 }), code).toThrow(expect.objectContaining({ code }))
    const oauth = (code: ErrorCode) => toErrorResponse(new EidError(code, '')).body.error
    expect(['proofs_missing', 'proofs_multiple_types', 'proof_type_unsupported', 'proof_malformed', 'proof_nonce_missing'].map((c) => oauth(c as ErrorCode))).toEqual(Array(5).fill('invalid_proof'))
    expect(['proof_singular_unsupported', 'batch_not_supported', 'batch_too_large'].map((c) => oauth(c as ErrorCode))).toEqual(Array(3).fill('invalid_credential_request'))
  })
  it('metadata advertises batch_credential_issuance only for a batch size of 2 or more (§12.2.4)', () => {
    const md = (batchSize: number) => createIssuerMetadata({ issuer: 'https://i.example', batchSize, display: [], configurations: {} })
    expect(md(1)).not.toHaveProperty('batch_credential_issuance')
    expect(md(2).batch_credential_issuance).toEqual({ batch_size: 2 })
  })
})

describe('authorization server metadata', () => {
  it('lists the pre-authorized code grant with anonymous access and the refresh grant', () => {
    expect(createAuthorizationServerMetadata('https://i.example')).toMatchObject({
      token_endpoint: 'https://i.example/token',
      grant_types_supported: [PRE_AUTHORIZED_CODE_GRANT, 'refresh_token'],
      'pre-authorized_grant_anonymous_access_supported': true,
    })
  })
})
