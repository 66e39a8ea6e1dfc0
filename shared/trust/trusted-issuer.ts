// A trust-list entry: an issuer identifier, and optionally its static keys or the roots its x5c chains must reach.
import type { JWK } from '../keys/index.ts'

export interface TrustedIssuer {
  /** Issuer identifier, exactly as in the credential's `iss` (https; http only for loopback hosts). */
  issuer: string
  /** Static issuer keys. Without them (and without an `x5c` on the credential), keys come from `/.well-known/jwt-vc-issuer`. */
  jwks?: { keys: JWK[] }
  /** Root certificates (base64 DER): a credential carrying `x5c` must chain to one of them. */
  rootCertificates?: string[]
  /** The `x5c` leaf must name the issuer in its subject alternative names (roots trusted for many issuers). */
  requireIssuerName?: boolean
}
