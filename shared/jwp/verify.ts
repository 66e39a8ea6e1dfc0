// Verifier side of a presented JWP (JWP-13 §6.2, JPA-13 §3.4) with this profile's aud/nonce/iat checks and JPT claims.
import { EidError } from '../errors/index.ts'
import type { AnyJwpAlgorithm } from './algorithm.ts'
import { parsePresentedJwp } from './compact.ts'
import type { ParseJwpOptions } from './compact.ts'
import type { IssuerHeader, PresentationHeader } from './header.ts'
import { jptClaimsFromPayloads } from './jpt.ts'

export interface VerifyJwpOptions extends ParseJwpOptions {
  /** Allow-list of algorithms; the issuer `alg` must name one of them. */
  algorithms: readonly AnyJwpAlgorithm[]
  /** Issuer public key for the (already parsed) Issuer Header, e.g. looked up by `kid`/`iss`. */
  publicKey: (issuerHeader: IssuerHeader) => Uint8Array
  /** This verifier's identifier (its `client_id`); must be the presentation `aud` (or in it). */
  audience: string
  /** The nonce this verifier issued for the transaction. */
  nonce: string
  /** Current time, seconds since the epoch. */
  now: number
  /** Oldest accepted `iat`, seconds before `now` (default 300). */
  maxAgeSeconds?: number
  /** Accepted clock skew into the future, seconds (default 60). */
  skewSeconds?: number
  /** Expected issuer `typ` (explicit typing, JWP §4.2.3), e.g. `jpt`; compared case-insensitively without `application/`. */
  typ?: string
}

export interface VerifiedJwp {
  issuerHeader: IssuerHeader
  presentationHeader: PresentationHeader
  payloads: (Uint8Array | null)[]
  /** Disclosed JPT claims, when the Issuer Header carries a `claims` list. */
  claims?: Record<string, unknown>
  /** The verifier-specific pseudonym (compressed G1 point), for pseudonym algorithms. */
  pseudonym?: Uint8Array
}

/**
 * Verifies a presented compact JWP: form, algorithm allow-list, header consistency, `aud`, `nonce`,
 * `iat` (all three required), then the proof. Cheap checks run before any curve arithmetic. Throws an EidError.
 */
export function verifyPresentedJwp(compact: unknown, opts: VerifyJwpOptions): VerifiedJwp {
  const jwp = parsePresentedJwp(compact, opts)
  const alg = opts.algorithms.find((a) => a.alg === jwp.issuerHeader.alg)
  if (!alg) throw new EidError('jwp_unsupported_alg', 'issuer header alg is not accepted')
  if (opts.typ !== undefined && mediaType(jwp.issuerHeader.typ) !== mediaType(opts.typ)) {
    throw new EidError('jwp_header_invalid', 'issuer header typ is not the expected type')
  }
  const ph = jwp.presentationHeader
  if (ph.alg !== undefined && ph.alg !== alg.alg) throw new EidError('jwp_header_invalid', 'presentation header alg differs from the issuer alg')
  const claimNames = jwp.issuerHeader.claims
  if (claimNames && claimNames.length !== jwp.payloads.length) {
    throw new EidError('jwp_payload_count_mismatch', 'payload slot count differs from the claims list')
  }
  checkAudience(ph.aud, opts.audience)
  if (typeof opts.nonce !== 'string' || opts.nonce.length === 0) throw new EidError('invalid_request', 'verifier nonce is required')
  if (ph.nonce === undefined || ph.nonce !== opts.nonce) throw new EidError('jwp_nonce_mismatch', 'presentation nonce does not match')
  checkIat(ph.iat, opts)
  const result = alg.verify(opts.publicKey(jwp.issuerHeader), jwp, jwp.proof)
  return {
    issuerHeader: jwp.issuerHeader,
    presentationHeader: ph,
    payloads: [...jwp.payloads],
    ...(claimNames ? { claims: jptClaimsFromPayloads(claimNames, jwp.payloads) } : {}),
    ...(result.pseudonym ? { pseudonym: result.pseudonym } : {}),
  }
}

function checkAudience(aud: string | string[] | undefined, expected: string): void {
  const ok = typeof aud === 'string' ? aud === expected : aud !== undefined && aud.includes(expected)
  if (!ok) throw new EidError('jwp_audience_mismatch', 'presentation is not addressed to this verifier')
}

function checkIat(iat: number | undefined, opts: VerifyJwpOptions): void {
  if (iat === undefined) throw new EidError('jwp_iat_invalid', 'presentation header has no iat')
  const maxAge = opts.maxAgeSeconds ?? 300
  const skew = opts.skewSeconds ?? 60
  if (iat > opts.now + skew) throw new EidError('jwp_iat_invalid', 'presentation iat is in the future')
  if (iat < opts.now - maxAge) throw new EidError('jwp_iat_invalid', 'presentation is too old')
}

// JWP §4.2.3: a typ without "/" means application/<typ>; media types compare case-insensitively.
function mediaType(typ: string | undefined): string | undefined {
  if (typ === undefined) return undefined
  const t = typ.toLowerCase()
  return t.includes('/') ? t : `application/${t}`
}
