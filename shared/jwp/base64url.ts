// Strict unpadded base64url (RFC 4648 §5) as used by the JWP Compact Serialization (draft-ietf-jose-json-web-proof §7.1).
import { EidError } from '../errors/index.ts'

const ALPHABET = /^[A-Za-z0-9_-]*$/

/** Encodes octets as unpadded base64url. */
export function encodeBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url')
}

/**
 * Decodes unpadded base64url, rejecting padding, foreign characters, impossible lengths and
 * non-canonical trailing bits (so every value has exactly one accepted encoding).
 */
export function decodeBase64url(text: string, what: string): Uint8Array {
  if (!ALPHABET.test(text) || text.length % 4 === 1) {
    throw new EidError('jwp_malformed', `${what} is not base64url`)
  }
  const bytes = Buffer.from(text, 'base64url')
  if (bytes.toString('base64url') !== text) throw new EidError('jwp_malformed', `${what} is not canonical base64url`)
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
