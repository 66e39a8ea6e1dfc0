// Public surface of shared/oid4vci: OpenID4VCI 1.0 messages, schemas and pure checks (issuer and holder side).
export { PRE_AUTHORIZED_CODE_GRANT, REFRESH_TOKEN_GRANT, PROOF_JWT_TYP, CREDENTIAL_OFFER_SCHEME, SD_JWT_VC_FORMAT } from './constants.ts'
export { createCredentialOffer, credentialOfferUri, credentialOfferSchema } from './credential-offer.ts'
export type { CredentialOffer, TxCodeMetadata } from './credential-offer.ts'
export { parseTokenRequest } from './token.ts'
export type { TokenRequest, TokenResponse } from './token.ts'
export { tokenGrantType, parseRefreshTokenRequest, buildRefreshTokenRequestBody } from './refresh-token.ts'
export type { NonceResponse } from './nonce.ts'
export { C_NONCE_KEY_BYTES, checkCNonce, createCNonce } from './c-nonce.ts'
export { parseCredentialRequest, MAX_PROOF_JWT_LENGTH } from './credential-request.ts'
export type { CredentialRequest, CredentialResponse } from './credential-request.ts'
export { verifyProofJwt, verifyProofBatch } from './proof-jwt.ts'
export type { ProofOptions, VerifiedProof } from './proof-jwt.ts'
export { createIssuerMetadata, createAuthorizationServerMetadata } from './issuer-metadata.ts'
export type {
  CredentialIssuerMetadata,
  AuthorizationServerMetadata,
  SdJwtVcConfiguration,
  ClaimMetadata,
  DisplayEntry,
} from './issuer-metadata.ts'
// Holder side (wallet)
export { parseCredentialOfferUri, parseCredentialOffer, checkTxCode, MAX_OFFER_URI_LENGTH } from './holder-offer.ts'
export type { ParsedOfferUri } from './holder-offer.ts'
export { wellKnownUrl, parseIssuerMetadata, selectConfiguration, parseAuthorizationServerMetadata, parseJwtVcIssuerMetadata, parseJwks } from './holder-metadata.ts'
export type { HolderIssuerMetadata, HolderCredentialConfiguration } from './holder-metadata.ts'
export { buildTokenRequestBody, parseTokenResponse, parseNonceResponse, describeErrorResponse } from './holder-token.ts'
export type { HolderTokenResponse } from './holder-token.ts'
export { createProofJwt } from './holder-proof.ts'
export type { ProofKey } from './holder-proof.ts'
export { buildCredentialRequestBody, parseCredentialResponse } from './holder-credential.ts'
