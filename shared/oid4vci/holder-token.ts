// Holder side: pre-authorized code Token Request body and Token/Nonce Response parsing
// (OpenID4VCI 1.0 §6.1, §6.2, §7.2; RFC 6749 §5.1, §5.2).
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'
import { PRE_AUTHORIZED_CODE_GRANT } from './constants.ts'

/** The form body of a pre-authorized code Token Request (§6.1). */
export function buildTokenRequestBody(input: { preAuthorizedCode: string; txCode?: string }): URLSearchParams {
  const body = new URLSearchParams({ grant_type: PRE_AUTHORIZED_CODE_GRANT, 'pre-authorized_code': input.preAuthorizedCode })
  if (input.txCode !== undefined) body.set('tx_code', input.txCode)
  return body
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1).max(4096),
  token_type: z.string().max(32).refine((t) => t.toLowerCase() === 'bearer' || t.toLowerCase() === 'dpop', 'unsupported token_type'),
  expires_in: z.number().int().positive().optional(),
  refresh_token: z.string().min(1).max(512).optional(),
  refresh_token_expires_in: z.number().int().positive().optional(),
})

/** A validated Token Response: the Bearer access token and, when issued, the refresh token (RFC 6749 §5.1, §6). */
export interface HolderTokenResponse {
  accessToken: string
  expiresIn: number | undefined
  refreshToken: string | undefined
  refreshTokenExpiresIn: number | undefined
}

/** Validates a successful Token Response; the holder uses the token as a Bearer token. */
export function parseTokenResponse(json: unknown): HolderTokenResponse {
  const res = parseInput(tokenResponseSchema, json, 'issuance_failed', 'token response')
  if (res.token_type.toLowerCase() !== 'bearer') throw new EidError('issuance_failed', 'token response is not a Bearer token')
  return { accessToken: res.access_token, expiresIn: res.expires_in, refreshToken: res.refresh_token, refreshTokenExpiresIn: res.refresh_token_expires_in }
}

/** Validates a Nonce Response (§7.2). */
export function parseNonceResponse(json: unknown): string {
  return parseInput(z.object({ c_nonce: z.string().min(1).max(512) }), json, 'issuance_failed', 'nonce response').c_nonce
}

const errorResponseSchema = z.object({ error: z.string().max(128), error_description: z.string().max(512).optional() })

/**
 * Describes an OAuth error response (RFC 6749 §5.2) for a human: the `error` code and description,
 * or the HTTP status when the body is not one. Never echoes anything else from the body.
 */
export function describeErrorResponse(status: number, json: unknown): string {
  const res = errorResponseSchema.safeParse(json)
  if (!res.success) return `HTTP ${status}`
  const safe = (s: string): string => s.replace(/[^\x20-\x7e]/g, '?')
  return `HTTP ${status} ${safe(res.data.error)}${res.data.error_description ? `: ${safe(res.data.error_description)}` : ''}`
}
