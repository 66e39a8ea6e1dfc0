// Compact JWTs with an explicit `typ` (RFC 7515 §7.1, RFC 8725 §3.11): bounded decoding, alg allow-list, signature check.
import type { CryptoKey, JWK } from 'jose'
import { z } from 'zod'
import { EidError } from '../errors/index.ts'
import type { ErrorCode } from '../errors/index.ts'
import { assertSigningAlg, parseB64uJson, signJwsCompact, verificationKey, verifyJwsSignature } from '../keys/index.ts'
import type { SigningAlg } from '../keys/index.ts'

/** A signer as the contracts pass it around: private key, alg, optional kid and x5c. */
export interface JwtSigner {
  alg: SigningAlg
  privateKey: CryptoKey
  kid?: string
  x5c?: string[]
}

export interface DecodedJwt {
  header: Record<string, unknown> & { alg: SigningAlg; typ: string }
  payload: Record<string, unknown>
  signingInput: string
  signature: string
}

const B64U = /^[A-Za-z0-9_-]*$/

/** Signs `payload` with header `{ typ, alg, kid?, x5c? }`. */
export function signTypedJwt(typ: string, payload: Record<string, unknown>, signer: JwtSigner, extraHeader: Record<string, unknown> = {}): string {
  const header: Record<string, unknown> = { ...extraHeader, typ }
  if (signer.kid !== undefined) header.kid = signer.kid
  if (signer.x5c !== undefined) header.x5c = signer.x5c
  return signJwsCompact(header, payload, signer.privateKey, assertSigningAlg(signer.alg))
}

/**
 * Splits and decodes a compact JWT of at most `maxBytes`; `code` for any malformation. Checks the `alg`
 * allow-list (alg_not_allowed), the exact `typ` (invalid_typ) and refuses `crit` (no extension is understood).
 */
export function decodeTypedJwt(jwt: unknown, typ: string, code: ErrorCode, what: string, maxBytes: number): DecodedJwt {
  if (typeof jwt !== 'string') throw new EidError(code, `${what} must be a string`)
  if (jwt.length > maxBytes) throw new EidError(code, `${what} exceeds ${maxBytes} bytes`)
  const parts = jwt.split('.')
  if (parts.length !== 3 || !parts.every((p) => B64U.test(p)) || parts[0] === '' || parts[1] === '') {
    throw new EidError(code, `${what} is not a compact JWS`)
  }
  const header = decodeJson(parts[0] as string, code, `${what} header`)
  const payload = decodeJson(parts[1] as string, code, `${what} payload`)
  const alg = assertSigningAlg(header.alg, undefined, `${what} alg`)
  if (header.typ !== typ) throw new EidError('invalid_typ', `${what} typ must be ${typ}`)
  if (header.crit !== undefined) throw new EidError(code, `${what} has an unsupported crit header`)
  return { header: { ...header, alg, typ }, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: parts[2] as string }
}

/** Throws `code` unless the JWT's signature verifies with `key` (a public CryptoKey or JWK fitting its alg). */
export function checkJwtSignature(jwt: DecodedJwt, key: CryptoKey | JWK, code: ErrorCode, what: string): void {
  let ok: boolean
  try {
    ok = verifyJwsSignature(jwt.signingInput, jwt.signature, verificationKey(key, jwt.header.alg), jwt.header.alg)
  } catch (cause) {
    if (cause instanceof EidError) throw cause
    ok = false
  }
  if (!ok) throw new EidError(code, `${what} signature is invalid`)
}

const jsonObject = z.record(z.string(), z.unknown())

function decodeJson(b64u: string, code: ErrorCode, what: string): Record<string, unknown> {
  let value: unknown
  try {
    value = parseB64uJson(b64u)
  } catch {
    throw new EidError(code, `${what} is not base64url JSON`)
  }
  const r = jsonObject.safeParse(value)
  if (!r.success || Array.isArray(value)) throw new EidError(code, `${what} must be a JSON object`)
  return r.data
}
