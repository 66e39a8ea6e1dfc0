// The two JWP forms (draft-ietf-jose-json-web-proof-13 §6): issued and presented, with exact header octets kept.
import type { IssuerHeader, PresentationHeader } from './header.ts'

/** Issued form (§6.1): Issuer Header, every payload slot filled, the issuer proof components. */
export interface JwpIssued {
  readonly form: 'issued'
  readonly issuerHeader: IssuerHeader
  /** The exact octets that were signed (the base64url-decoded first part). */
  readonly issuerHeaderBytes: Uint8Array
  readonly payloads: readonly Uint8Array[]
  readonly proof: readonly Uint8Array[]
}

/** Presented form (§6.2): Presentation Header, Issuer Header, payload slots (`null` = omitted), presentation proof. */
export interface JwpPresented {
  readonly form: 'presented'
  readonly presentationHeader: PresentationHeader
  readonly presentationHeaderBytes: Uint8Array
  readonly issuerHeader: IssuerHeader
  readonly issuerHeaderBytes: Uint8Array
  readonly payloads: readonly (Uint8Array | null)[]
  readonly proof: readonly Uint8Array[]
}
