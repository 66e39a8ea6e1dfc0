// Credential Issuer Metadata (OpenID4VCI 1.0 §12.2) and Authorization Server Metadata (RFC 8414 §2, OpenID4VCI §12.3).
import { PRE_AUTHORIZED_CODE_GRANT, REFRESH_TOKEN_GRANT } from './constants.ts'
import type { SD_JWT_VC_FORMAT } from './constants.ts'

/** A `display` entry (§12.2.4). */
export interface DisplayEntry {
  name: string
  locale?: string
  description?: string
  /** Card colours (Appendix B.2), as CSS hex colours. */
  background_color?: string
  text_color?: string
}

/** Claim description of `credential_metadata.claims` (Appendix B.2). */
export interface ClaimMetadata {
  path: (string | number | null)[]
  mandatory?: boolean
  display?: DisplayEntry[]
}

/** One `dc+sd-jwt` entry of `credential_configurations_supported` (§12.2.4, Appendix A.3.2). */
export interface SdJwtVcConfiguration {
  format: typeof SD_JWT_VC_FORMAT
  vct: string
  scope?: string
  cryptographic_binding_methods_supported: string[]
  credential_signing_alg_values_supported: string[]
  proof_types_supported: { jwt: { proof_signing_alg_values_supported: string[] } }
  credential_metadata: { display: DisplayEntry[]; claims: ClaimMetadata[] }
}

/** The Credential Issuer Metadata document served at `/.well-known/openid-credential-issuer`. */
export interface CredentialIssuerMetadata {
  credential_issuer: string
  credential_endpoint: string
  nonce_endpoint: string
  /** Absent when the issuer issues one credential per request (§12.2.4: batch_size is 2 or greater). */
  batch_credential_issuance?: { batch_size: number }
  display: DisplayEntry[]
  credential_configurations_supported: Record<string, SdJwtVcConfiguration>
}

/** Builds the Credential Issuer Metadata; endpoints are `<issuer>/credential` and `<issuer>/nonce`. */
export function createIssuerMetadata(input: {
  issuer: string
  batchSize: number
  display: DisplayEntry[]
  configurations: Record<string, SdJwtVcConfiguration>
}): CredentialIssuerMetadata {
  return {
    credential_issuer: input.issuer,
    credential_endpoint: `${input.issuer}/credential`,
    nonce_endpoint: `${input.issuer}/nonce`,
    ...(input.batchSize >= 2 ? { batch_credential_issuance: { batch_size: input.batchSize } } : {}),
    display: input.display,
    credential_configurations_supported: input.configurations,
  }
}

/** Authorization Server Metadata of an issuer acting as its own AS for the pre-authorized code flow. */
export interface AuthorizationServerMetadata {
  issuer: string
  token_endpoint: string
  grant_types_supported: string[]
  response_types_supported: string[]
  token_endpoint_auth_methods_supported: string[]
  'pre-authorized_grant_anonymous_access_supported': boolean
}

/** Builds the AS metadata: token endpoint `<issuer>/token`, the pre-authorized code grant and the refresh grant (top-up), anonymous access. */
export function createAuthorizationServerMetadata(issuer: string): AuthorizationServerMetadata {
  return {
    issuer,
    token_endpoint: `${issuer}/token`,
    grant_types_supported: [PRE_AUTHORIZED_CODE_GRANT, REFRESH_TOKEN_GRANT],
    response_types_supported: [],
    token_endpoint_auth_methods_supported: ['none'],
    'pre-authorized_grant_anonymous_access_supported': true,
  }
}
