// Strict decoding of JOSE text (RFC 7515 §2, RFC 8259 §8.1): base64url of UTF-8 JSON, invalid UTF-8 and a byte-order mark refused.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * Decodes octets as UTF-8, throwing a TypeError on any invalid sequence (never U+FFFD replacement).
 * A leading byte-order mark is kept, so JSON.parse refuses it.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes)
}

/** Parses base64url(UTF-8 JSON); throws (TypeError or SyntaxError) on invalid UTF-8 or JSON. The caller maps it to its code. */
export function parseB64uJson(segment: string): unknown {
  return JSON.parse(decodeUtf8(Buffer.from(segment, 'base64url')))
}
