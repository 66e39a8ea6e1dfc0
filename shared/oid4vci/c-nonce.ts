// Stateless c_nonce of the Nonce Endpoint (OpenID4VCI 1.0 §7): the issuer's MAC over the nonce's expiry and fresh random
// bits, so the Credential Endpoint checks origin and lifetime without a store lookup (docs/protocol/issuance.md §4).
// Single use is the caller's part: it records the nonce as spent in the transaction that issues the credentials.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { EidError } from '../errors/index.ts'

const VERSION = 1
const RANDOM_BYTES = 15
const MAC_BYTES = 16
/** version (1) + expiry (4, epoch seconds, big-endian) + random (15) */
const BODY_BYTES = 1 + 4 + RANDOM_BYTES
/** 36 bytes are exactly 48 base64url characters: no padding bits, so one nonce has one spelling. */
const NONCE = /^[A-Za-z0-9_-]{48}$/
const DOMAIN = Buffer.from('eid c_nonce v1\u0000', 'utf8')
/** Smallest accepted MAC key, bytes. */
export const C_NONCE_KEY_BYTES = 32

function mac(key: Uint8Array, body: Uint8Array): Buffer {
  return createHmac('sha256', key).update(DOMAIN).update(body).digest().subarray(0, MAC_BYTES)
}

function checkKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length < C_NONCE_KEY_BYTES) {
    throw new RangeError(`c_nonce key: expected a Uint8Array of at least ${C_NONCE_KEY_BYTES} bytes`)
  }
}

/**
 * A fresh c_nonce valid until `expiresAt` (epoch seconds): 120 random bits, the expiry and an HMAC-SHA-256 tag
 * (128 bits) under `key`, base64url (48 characters).
 */
export function createCNonce(key: Uint8Array, expiresAt: number): string {
  checkKey(key)
  if (!Number.isInteger(expiresAt) || expiresAt < 0 || expiresAt > 0xffffffff) throw new RangeError('c_nonce expiresAt: expected whole epoch seconds within 32 bits')
  const out = Buffer.allocUnsafe(BODY_BYTES + MAC_BYTES)
  out[0] = VERSION
  out.writeUInt32BE(expiresAt, 1)
  randomBytes(RANDOM_BYTES).copy(out, 5)
  mac(key, out.subarray(0, BODY_BYTES)).copy(out, BODY_BYTES)
  return out.toString('base64url')
}

/**
 * Checks a c_nonce made by `createCNonce` with `key`: its form and tag (one made with another key, altered or made
 * up) and that it has not expired at `now`. Returns its expiry (until when its use must be remembered); throws
 * EidError `nonce_invalid` otherwise. Whether it was used before is not known here.
 */
export function checkCNonce(key: Uint8Array, nonce: string, now: number): { expiresAt: number } {
  checkKey(key)
  if (typeof nonce !== 'string' || !NONCE.test(nonce)) throw new EidError('nonce_invalid', 'c_nonce is not one this issuer made')
  const bytes = Buffer.from(nonce, 'base64url')
  if (bytes[0] !== VERSION || !timingSafeEqual(mac(key, bytes.subarray(0, BODY_BYTES)), bytes.subarray(BODY_BYTES))) {
    throw new EidError('nonce_invalid', 'c_nonce is not one this issuer made')
  }
  const expiresAt = bytes.readUInt32BE(1)
  if (expiresAt <= now) throw new EidError('nonce_invalid', 'c_nonce has expired: fetch a new one')
  return { expiresAt }
}
