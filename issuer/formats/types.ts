// One row of the issuer's credential-format table (issuer/formats/index.ts): what a credential configuration publishes and how it is issued.
import type { JWK } from 'jose'
import type { ClaimMetadata, DisplayEntry } from '../../shared/oid4vci/index.ts'

/** A credential request whose access token and person status the credential endpoint already checked. */
export interface AuthorizedCredentialRequest {
  /** Hash of the bearer access token (the store's key for it). */
  tokenHash: string
  personId: string
  /** Credentials the token may still obtain. */
  remaining: number
  now: number
  /** The request body as received (the row parses it). */
  body: unknown
}

/** What every configuration entry carries (the rest is the format's own). */
export interface CredentialConfigurationEntry {
  format: string
  credential_metadata: { display?: DisplayEntry[]; claims: ClaimMetadata[] }
}

/** A credential configuration the issuer offers (OpenID4VCI 1.0 §12.2.4 `credential_configurations_supported`). */
export interface IssuerFormat {
  /** `credential_configuration_id`. */
  id: string
  /** How many credentials of this configuration one access token may obtain. */
  credits: number
  /**
   * Whether the token endpoint's refresh grant renews it: the pre-authorized code's token response then carries a
   * refresh token for this configuration, and each refresh yields an access token for one more batch of it.
   */
  refresh?: boolean
  /** Its entry in `credential_configurations_supported`. */
  configuration(): CredentialConfigurationEntry
  /** Public keys it adds to `/.well-known/jwt-vc-issuer` and `/.well-known/jwks.json`. */
  jwks(): JWK[]
  /** The Credential Response (OpenID4VCI 1.0 §8.3) for an authorized request for this configuration. */
  issue(request: AuthorizedCredentialRequest): Promise<object>
}
