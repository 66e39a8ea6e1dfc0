// COSE_Sign1 (RFC 9052 §4.2, §4.4) as the CWT Status List Token uses it (draft-ietf-oauth-status-list-20 §5.2): the
// tagged message (18), Sig_structure "Signature1" with empty external AAD, ES256 (-7) or EdDSA (-8), strict CBOR (cborg).
import { sign as cryptoSign, verify as cryptoVerify } from 'node:crypto'
import type { KeyObject } from 'node:crypto'
import { Tagged, decode, encode } from 'cborg'
import type { DecodeOptions } from 'cborg'
import { signingKeyObject } from '../keys/index.ts'
import type { CryptoKey, SigningAlg } from '../keys/index.ts'
import { invalidList } from './invalid.ts'

/** COSE_Sign1_Tagged (RFC 9052 §2). */
export const COSE_SIGN1_TAG = 18
/** COSE algorithm values (RFC 9053 §2.1 ES256, §2.2 EdDSA) of the project's allow-list. */
export const COSE_ALG: Readonly<Record<SigningAlg, number>> = Object.freeze({ ES256: -7, EdDSA: -8 })
/** Header labels read or written (RFC 9052 §3.1; typ RFC 9596; x5chain RFC 9360). */
export const COSE_HEADER = Object.freeze({ alg: 1, crit: 2, kid: 4, typ: 16, x5chain: 33 })

/**
 * Strict decoding for untrusted input: shortest-form integers and lengths, no indefinite lengths, no duplicate map
 * keys, no undefined/NaN/Infinity/bigint, maps as `Map` (integer labels), no tags unless given, no trailing bytes.
 */
const STRICT: DecodeOptions = {
  strict: true,
  useMaps: true,
  rejectDuplicateMapKeys: true,
  allowIndefinite: false,
  allowUndefined: false,
  allowNaN: false,
  allowInfinity: false,
  allowBigInt: false,
}
const SIGN1_TAGS: DecodeOptions = { ...STRICT, tags: { [COSE_SIGN1_TAG]: Tagged.decoder(COSE_SIGN1_TAG) } }

/** A parsed COSE_Sign1: the protected header as received (it is signed as bytes), both header maps, payload, signature. */
export interface CoseSign1 {
  protectedBytes: Uint8Array
  protectedHeader: Map<unknown, unknown>
  unprotectedHeader: Map<unknown, unknown>
  payload: Uint8Array
  signature: Uint8Array
}

/**
 * Decodes untrusted CBOR strictly. Any decoding failure (malformed, non-shortest, duplicate key, trailing bytes, nesting
 * deep enough to exhaust the stack) is `status_list_invalid` with `details.check` = `check`.
 */
export function decodeStrictCbor(bytes: Uint8Array, check: string, options: DecodeOptions = STRICT): unknown {
  try {
    return decode(bytes, options)
  } catch (cause) {
    throw invalidList(check, `status list token ${check} is not well-formed CBOR`, cause)
  }
}

/**
 * Parses a COSE_Sign1_Tagged message. `status_list_invalid`: `format` (not CBOR, not tag 18, the CWT tag 61 or any
 * other, not a 4-element array of bstr / map / bstr / bstr, a detached payload), `header` (protected header not a map,
 * a label both protected and unprotected, RFC 9052 §3).
 */
export function parseCoseSign1(bytes: Uint8Array): CoseSign1 {
  const outer = decodeStrictCbor(bytes, 'format', SIGN1_TAGS)
  if (!(outer instanceof Tagged) || outer.tag !== COSE_SIGN1_TAG) throw invalidList('format', 'status list token is not a COSE_Sign1_Tagged message')
  const parts: unknown = outer.value
  if (!Array.isArray(parts) || parts.length !== 4) throw invalidList('format', 'COSE_Sign1 is not an array of 4 items')
  const [p, u, payload, signature] = parts as unknown[]
  if (!(p instanceof Uint8Array) || !(u instanceof Map) || !(payload instanceof Uint8Array) || !(signature instanceof Uint8Array)) {
    throw invalidList('format', 'COSE_Sign1 items are not bstr, map, bstr, bstr')
  }
  const protectedHeader = p.length === 0 ? new Map() : decodeStrictCbor(p, 'header')
  if (!(protectedHeader instanceof Map)) throw invalidList('header', 'COSE protected header is not a map')
  for (const label of u.keys()) {
    if (protectedHeader.has(label)) throw invalidList('header', 'a COSE header parameter is both protected and unprotected')
  }
  return { protectedBytes: p, protectedHeader, unprotectedHeader: u, payload, signature }
}

/** Sig_structure for COSE_Sign1 (RFC 9052 §4.4): ["Signature1", protected, external_aad = h'', payload]. */
function toBeSigned(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return encode(['Signature1', protectedBytes, new Uint8Array(0), payload])
}

/** Signs `payload` as a COSE_Sign1_Tagged message with the given headers (the protected one encoded here). */
export function signCoseSign1(protectedHeader: Map<number, unknown>, unprotectedHeader: Map<number, unknown>, payload: Uint8Array, key: CryptoKey, alg: SigningAlg): Uint8Array {
  const protectedBytes = encode(protectedHeader)
  const data = toBeSigned(protectedBytes, payload)
  const ko = signingKeyObject(key, alg)
  const signature = alg === 'ES256' ? cryptoSign('sha256', data, { key: ko, dsaEncoding: 'ieee-p1363' }) : cryptoSign(null, data, ko)
  return encode(new Tagged(COSE_SIGN1_TAG, [protectedBytes, unprotectedHeader, payload, new Uint8Array(signature)]))
}

/** True when `msg.signature` (64 bytes: ES256 r||s, RFC 9053 §2.1, or Ed25519) is valid over its Sig_structure. */
export function verifyCoseSign1(msg: CoseSign1, key: KeyObject, alg: SigningAlg): boolean {
  if (msg.signature.length !== 64) return false
  const data = toBeSigned(msg.protectedBytes, msg.payload)
  return alg === 'ES256' ? cryptoVerify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, msg.signature) : cryptoVerify(null, data, key, msg.signature)
}
