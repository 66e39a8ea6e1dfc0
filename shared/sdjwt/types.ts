// Types of the SD-JWT module (RFC 9901, draft-ietf-oauth-sd-jwt-vc): frames, claims paths, headers, verification results, limits.
import type { CryptoKey, JWK, SigningAlg } from '../keys/index.ts'

/** A DCQL claims path (OpenID4VP 1.0 §7): string = object key, number = array index, null = every array element. */
export type ClaimsPath = (string | number | null)[]

/**
 * Which claims are selectively disclosable. For an object: `_sd` lists own property names; a key
 * holds the frame of that property's value. For an array: `_sd` lists element indices; a key
 * `'0'`, `'1'`, ... holds the frame of that element. `_decoys` adds that many decoy digests here.
 */
export type DisclosureFrame = { _sd?: (string | number)[]; _decoys?: number; [k: string]: unknown }

/** The protected header of an issuer-signed JWT. */
export interface IssuerJwtHeader {
  alg: SigningAlg
  typ?: string
  kid?: string
  x5c?: string[]
  [k: string]: unknown
}

/** One decoded disclosure (RFC 9901 §4.2) and where its claim sits in the processed payload. */
export interface DecodedDisclosure {
  /** The disclosure exactly as transmitted (base64url); its digest is over this string. */
  raw: string
  /** base64url(SHA-256(raw)). */
  digest: string
  salt: string
  /** Claim name for an object-property disclosure; absent for an array-element disclosure. */
  name?: string
  value: unknown
  /** Claims path of the disclosed claim. */
  path: ClaimsPath
}

/** Bounds on attacker-controlled work during decoding and verification. */
export interface SdJwtLimits {
  /** Whole token (issuer JWT + disclosures + KB-JWT), in characters. */
  maxTokenBytes: number
  /** Each part (issuer JWT, one disclosure, KB-JWT), in characters. */
  maxPartBytes: number
  /** Number of disclosures in one token. */
  maxDisclosures: number
  /** Nesting depth of objects/arrays in the processed payload. */
  maxDepth: number
}

/** The result of `verifySdJwt`. */
export interface VerifiedSdJwt {
  header: IssuerJwtHeader
  /** The processed payload: only disclosed claims, no `_sd`, `_sd_alg` or `...`. */
  claims: Record<string, unknown>
  /** Claims paths of the claims that came from disclosures (array indices as in `claims`). */
  disclosedPaths: ClaimsPath[]
  keyBinding?: {
    header: Record<string, unknown>
    payload: { iat: number; aud: string; nonce: string; sd_hash: string; [k: string]: unknown }
  }
}

/** What a caller of `verifySdJwt` supplies. */
export interface VerifySdJwtOptions {
  /** Current time, epoch seconds. */
  now: number
  /** Allowed clock skew for iat/nbf/exp and the KB-JWT iat, seconds (default 60). */
  skewSeconds?: number
  /** Returns the issuer's public key; the caller decides trust (JWKS by kid, x5c chain, ...). */
  resolveIssuerKey: (header: IssuerJwtHeader, payload: Record<string, unknown>) => Promise<CryptoKeyOrJwk>
  /** Object: KB-JWT required and checked; false: a KB-JWT is an error; undefined: optional (checked when present). */
  keyBinding?: { aud: string; nonce: string; maxAgeSeconds?: number } | false
  expectedVct?: string
  algorithms?: SigningAlg[]
  limits?: Partial<SdJwtLimits>
  /**
   * 'sd-jwt-vc' (default): typ must be dc+sd-jwt (or legacy vc+sd-jwt), vct required.
   * 'sd-jwt': plain RFC 9901; typ checked only against `acceptTyp`.
   */
  profile?: 'sd-jwt-vc' | 'sd-jwt'
  /** Accepted `typ` values for the 'sd-jwt' profile (default: any). */
  acceptTyp?: string[]
}

/** A public key as a CryptoKey or a public JWK. */
export type CryptoKeyOrJwk = CryptoKey | JWK
