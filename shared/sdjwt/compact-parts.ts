// Decoding of the parts of a compact SD-JWT: base64url JSON segments and compact JWS (RFC 7515 §7.1), bounded and strict.
import { EidError } from '../errors/index.ts'
import type { ErrorCode } from '../errors/index.ts'
import { decodeUtf8 } from '../keys/index.ts'

const B64U = /^[A-Za-z0-9_-]+$/

/** True when `s` is a non-empty string of base64url characters (no padding). */
export function isB64u(s: string): boolean {
  return B64U.test(s)
}

/**
 * Decodes a base64url segment holding UTF-8 JSON; EidError `code` when it is not base64url, not valid
 * UTF-8 (fatal decoding: never replaced with U+FFFD) or not JSON.
 */
export function decodeJsonSegment(segment: string, code: ErrorCode, what: string): unknown {
  if (!B64U.test(segment)) throw new EidError(code, `${what} is not base64url`)
  let text: string
  try {
    text = decodeUtf8(Buffer.from(segment, 'base64url'))
  } catch {
    throw new EidError(code, `${what} is not valid UTF-8`)
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new EidError(code, `${what} is not JSON`)
  }
}

/** The three segments of a compact JWS, decoded header and payload, and the signing input. */
export interface CompactJws {
  header: unknown
  payload: unknown
  signingInput: string
  signature: string
}

/** Splits and decodes a compact JWS; EidError `code` for a wrong segment count, bad base64url or bad JSON. */
export function decodeCompactJws(jws: string, code: ErrorCode, what: string): CompactJws {
  const i = jws.indexOf('.')
  const j = i < 0 ? -1 : jws.indexOf('.', i + 1)
  if (i <= 0 || j < 0 || jws.indexOf('.', j + 1) >= 0) throw new EidError(code, `${what} is not a compact JWS`)
  const header = decodeJsonSegment(jws.slice(0, i), code, `${what} header`)
  const payload = decodeJsonSegment(jws.slice(i + 1, j), code, `${what} payload`)
  return { header, payload, signingInput: jws.slice(0, j), signature: jws.slice(j + 1) }
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
