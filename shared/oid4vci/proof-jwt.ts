// Verification of JWT key proofs, one or a batch sharing a c_nonce (OpenID4VCI 1.0 §8.2.1.1, Appendix F.1, F.4).
import type { KeyObject } from 'node:crypto'
import type { JWK } from 'jose'
import { EidError } from '../errors/index.ts'
import { SIGNING_ALGS, decodeUtf8, parseB64uJson, jwkThumbprintSync, publicJwkKeyObject, verifyJwsSignature } from '../keys/index.ts'
import type { SigningAlg } from '../keys/index.ts'
import { PROOF_JWT_TYP } from './constants.ts'
import { parseProofHeader, parseProofPayload } from './proof-parts.ts'
import type { ProofHeader } from './proof-parts.ts'

/** Options of proof verification; `now` in epoch seconds. */
export interface ProofOptions {
  /** The Credential Issuer Identifier: `aud` must equal it exactly. */
  audience: string
  now: number
  /** Oldest accepted `iat`, seconds before `now` (default 300). */
  maxAgeSeconds?: number
  /** Accepted clock skew for an `iat` in the future, seconds (default 60). */
  skewSeconds?: number
  /** Allowed `alg` values (default: the project allow-list). */
  algorithms?: readonly SigningAlg[]
}

/** What a verified proof establishes: the holder key to bind and the nonce it signed. */
export interface VerifiedProof {
  alg: SigningAlg
  publicJwk: JWK
  thumbprint: string
  nonce: string | undefined
}

/** Key references that must not accompany `jwk` (Appendix F.1: exactly one of jwk, kid, x5c, trust_chain). */
const OTHER_KEY_REFERENCES = ['kid', 'x5c', 'trust_chain'] as const

/**
 * Verifies one proof JWT: `typ`, `alg` allow-list, public `jwk` header (no `crit`), signature by it, `aud`, `iat`.
 * The holder key is imported as a node:crypto KeyObject and the signature checked synchronously: each proof brings a
 * key never seen before, so no cache would hit, and WebCrypto would add a thread-pool job to each import and verify.
 */
export async function verifyProofJwt(jwt: string, opts: ProofOptions): Promise<VerifiedProof> {
  return verifyProof(jwt, opts)
}

/** verifyProofJwt's checks, synchronous (node:crypto's one-shot verify and hash): a batch awaits nothing per proof. */
function verifyProof(jwt: string, opts: ProofOptions): VerifiedProof {
  const { header, signingInput, payloadSegment, signature } = decodeHeader(jwt)
  if (header.typ !== PROOF_JWT_TYP) throw new EidError('proof_typ_invalid', `proof typ must be ${PROOF_JWT_TYP}`)
  const algorithms = opts.algorithms ?? SIGNING_ALGS
  if (!(algorithms as readonly string[]).includes(header.alg)) throw new EidError('proof_alg_not_allowed', 'proof alg is not allowed')
  const alg = header.alg as SigningAlg
  const key = importHolderKey(header.jwk, alg)
  if (!verifyJwsSignature(signingInput, signature, key, alg)) {
    throw new EidError('proof_signature_invalid', 'proof signature does not verify with its jwk')
  }
  const payload = parseProofPayload(parseJson(payloadSegment))
  if (payload.aud !== opts.audience) throw new EidError('proof_aud_mismatch', 'proof aud is not this credential issuer')
  const maxAge = opts.maxAgeSeconds ?? 300
  const skew = opts.skewSeconds ?? 60
  if (payload.iat > opts.now + skew) throw new EidError('proof_iat_invalid', 'proof iat is in the future')
  if (payload.iat < opts.now - maxAge) throw new EidError('proof_iat_invalid', 'proof iat is too old')
  const publicJwk = minimalPublicJwk(header.jwk)
  return { alg, publicJwk, thumbprint: jwkThumbprintSync(publicJwk), nonce: payload.nonce }
}

/**
 * Verifies every proof of one Credential Request (§8.2: all proofs carry the same `c_nonce`) and
 * returns the shared nonce and one holder key per proof. A nonce missing anywhere is `proof_nonce_missing`
 * (§8.3.1.2: `invalid_proof`, not `invalid_nonce`, which would send the wallet for a new nonce in vain),
 * differing nonces are `proof_nonce_mismatch`, and the same key twice is `proof_key_reused`.
 */
export async function verifyProofBatch(jwts: readonly string[], opts: ProofOptions): Promise<{ nonce: string; proofs: VerifiedProof[] }> {
  // In request order; the first failure is reported and the proofs after it are not checked.
  const proofs: VerifiedProof[] = []
  for (const jwt of jwts) proofs.push(verifyProof(jwt, opts))
  const nonce = proofs[0]?.nonce
  if (nonce === undefined || proofs.some((p) => p.nonce === undefined)) {
    throw new EidError('proof_nonce_missing', 'every proof must carry a c_nonce from the nonce endpoint')
  }
  if (proofs.some((p) => p.nonce !== nonce)) throw new EidError('proof_nonce_mismatch', 'all proofs of a request must carry the same c_nonce')
  if (new Set(proofs.map((p) => p.thumbprint)).size !== proofs.length) {
    throw new EidError('proof_key_reused', 'each proof of a batch must use a distinct key')
  }
  return { nonce, proofs }
}

const B64U = /^[A-Za-z0-9_-]+$/

/** The compact JWS's decoded header (shape-checked), its signing input, payload segment and signature segment. */
function decodeHeader(jwt: string): { header: ProofHeader; signingInput: string; payloadSegment: string; signature: string } {
  const parts = jwt.split('.')
  if (parts.length !== 3) throw new EidError('proof_malformed', 'proof is not a compact JWS')
  const [headerSegment, payloadSegment, signature] = parts as [string, string, string]
  if (!B64U.test(headerSegment) || !B64U.test(payloadSegment)) throw new EidError('proof_malformed', 'proof segments must be base64url')
  let raw: unknown
  try {
    raw = parseB64uJson(headerSegment)
  } catch (err) {
    throw new EidError('proof_malformed', 'proof header is not valid base64url JSON', { cause: err })
  }
  const header = parseProofHeader(raw)
  const extra = OTHER_KEY_REFERENCES.find((m) => Object.hasOwn(raw as object, m))
  if (extra) throw new EidError('proof_malformed', `proof header ${extra} must be absent when jwk is used`)
  // RFC 7515 §4.1.11: an extension the recipient does not understand must be refused; this issuer understands none.
  if (Object.hasOwn(raw as object, 'crit')) throw new EidError('proof_malformed', 'proof header crit names an extension this issuer does not support')
  return { header, signingInput: `${headerSegment}.${payloadSegment}`, payloadSegment, signature }
}

/** The holder's public key as a node:crypto KeyObject: a public JWK fitting `alg` (shared/keys rules), on its curve. */
function importHolderKey(jwk: Record<string, unknown>, alg: SigningAlg): KeyObject {
  try {
    return publicJwkKeyObject(jwk, alg)
  } catch (err) {
    throw new EidError('proof_key_invalid', 'proof jwk is not an acceptable public key for its alg', { cause: err })
  }
}

function parseJson(segment: string): unknown {
  try {
    return JSON.parse(decodeUtf8(Buffer.from(segment, 'base64url')))
  } catch (err) {
    throw new EidError('proof_malformed', 'proof payload is not JSON', { cause: err })
  }
}

/** Only the members that define the public key (RFC 7638 §3.2), so nothing extra is bound into cnf. */
function minimalPublicJwk(jwk: Record<string, unknown>): JWK {
  const { kty, crv, x, y } = jwk as JWK
  return kty === 'EC' ? { kty, crv, x, y } : { kty, crv, x }
}
