// Refresh Token Request (RFC 6749 §6) as this profile uses it: a new access token (and a rotated refresh token) for a new
// batch of the same credential configuration (OpenID4VCI 1.0 §6 allows the refresh grant at the token endpoint).
import { z } from 'zod'
import { parseInput } from '../errors/index.ts'
import { REFRESH_TOKEN_GRANT } from './constants.ts'

// Plain z.object: unknown parameters (e.g. `scope`) are ignored (RFC 6749 §3.2).
const refreshTokenRequestSchema = z.object({
  grant_type: z.literal(REFRESH_TOKEN_GRANT),
  refresh_token: z.string().min(1).max(512),
})

/** The `grant_type` of a form-decoded Token Request, or undefined when absent or not a string. */
export function tokenGrantType(body: unknown): string | undefined {
  const g = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).grant_type : undefined
  return typeof g === 'string' ? g : undefined
}

/** Parses a refresh-grant Token Request (`invalid_request` for a missing or oversized `refresh_token`). */
export function parseRefreshTokenRequest(body: unknown): { refreshToken: string } {
  return { refreshToken: parseInput(refreshTokenRequestSchema, body ?? {}).refresh_token }
}

/** The form body of a refresh-grant Token Request (holder side). */
export function buildRefreshTokenRequestBody(refreshToken: string): URLSearchParams {
  return new URLSearchParams({ grant_type: REFRESH_TOKEN_GRANT, refresh_token: refreshToken })
}
