// Authorization responses posted with `direct_post` (OpenID4VP 1.0 §8.2): `vp_token` keyed by credential query id, or an OAuth error.
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'

export const RESPONSE_LIMITS = { maxVpTokenBytes: 65_536, maxQueries: 8, maxPresentationsPerQuery: 4, maxPresentationBytes: 32_768 } as const

/** A wallet's answer: presentations per credential query id, or an error such as `access_denied`. */
export type AuthorizationResponse =
  | { kind: 'vp_token'; vpToken: Record<string, string[]>; state: string }
  | { kind: 'error'; error: string; errorDescription?: string; state: string }

const stateSchema = z.string().min(1).max(512)
// OAuth endpoints ignore unknown parameters (RFC 6749 §3.1): plain z.object.
/** A success response's fields (direct_post). */
export const successSchema = z.object({ vp_token: z.string().min(2).max(RESPONSE_LIMITS.maxVpTokenBytes), state: stateSchema })
const errorSchema = z.object({
  error: z.string().regex(/^[\x20-\x21\x23-\x5B\x5D-\x7E]{1,64}$/),
  error_description: z.string().max(512).optional(),
  state: stateSchema,
})
/** The decoded vp_token: credential query id → presentations. */
export const vpTokenSchema = z
  .record(
    z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
    z.array(z.string().min(1).max(RESPONSE_LIMITS.maxPresentationBytes)).min(1).max(RESPONSE_LIMITS.maxPresentationsPerQuery),
  )
  .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= RESPONSE_LIMITS.maxQueries, 'must hold 1 to 8 credential query ids')

/**
 * Parses a form-decoded `direct_post` body. A body with `error` is an error response; otherwise
 * `vp_token` (a JSON object: credential query id → non-empty array of presentations) and `state` are
 * required. Throws authorization_response_invalid (shape) or vp_token_invalid (vp_token content).
 */
export function parseAuthorizationResponse(body: unknown): AuthorizationResponse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new EidError('authorization_response_invalid', 'response must be form parameters')
  const fields = body as Record<string, unknown>
  for (const v of Object.values(fields)) {
    if (typeof v !== 'string') throw new EidError('authorization_response_invalid', 'every response parameter must appear once as a string')
  }
  if (fields.error !== undefined) {
    const e = parseInput(errorSchema, fields, 'authorization_response_invalid', 'error response')
    return { kind: 'error', error: e.error, ...(e.error_description !== undefined ? { errorDescription: e.error_description } : {}), state: e.state }
  }
  const s = successFields(fields) ?? parseInput(successSchema, fields, 'authorization_response_invalid', 'response')
  let raw: unknown
  try {
    raw = JSON.parse(s.vp_token)
  } catch {
    throw new EidError('vp_token_invalid', 'vp_token is not JSON')
  }
  return { kind: 'vp_token', vpToken: vpTokenFields(raw) ?? parseInput(vpTokenSchema, raw, 'vp_token_invalid', 'vp_token'), state: s.state }
}

// The two functions below decide a valid response without zod (the hot path of every presentation); for anything they
// do not accept, the zod schemas above decide and name what is wrong. They accept nothing the schemas refuse and return
// what the schemas would (test/unit/oid4vp-response-fast-path.test.ts).

function isStringWithin(v: unknown, min: number, max: number): v is string {
  return typeof v === 'string' && v.length >= min && v.length <= max
}

/** successSchema's answer for valid fields, or undefined. */
function successFields(fields: Record<string, unknown>): { vp_token: string; state: string } | undefined {
  const vpToken = fields.vp_token
  const state = fields.state
  return isStringWithin(vpToken, 2, RESPONSE_LIMITS.maxVpTokenBytes) && isStringWithin(state, 1, 512) ? { vp_token: vpToken, state } : undefined
}

const QUERY_ID = /^[A-Za-z0-9_-]{1,128}$/

/** vpTokenSchema's answer for a valid decoded vp_token (a plain object as JSON.parse makes it), or undefined. */
function vpTokenFields(raw: unknown): Record<string, string[]> | undefined {
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) return undefined
  const keys = Object.keys(raw)
  if (keys.length < 1 || keys.length > RESPONSE_LIMITS.maxQueries) return undefined
  for (const k of keys) {
    if (k === '__proto__' || !QUERY_ID.test(k)) return undefined
    const list = (raw as Record<string, unknown>)[k]
    if (!Array.isArray(list) || list.length < 1 || list.length > RESPONSE_LIMITS.maxPresentationsPerQuery) return undefined
    for (let i = 0; i < list.length; i++) if (!isStringWithin(list[i], 1, RESPONSE_LIMITS.maxPresentationBytes)) return undefined
  }
  return raw as Record<string, string[]>
}
