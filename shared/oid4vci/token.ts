// Token Request of the pre-authorized code flow and its response (OpenID4VCI 1.0 §6.1, §6.2; RFC 6749 §4.1.3, §5.1).
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'
import { PRE_AUTHORIZED_CODE_GRANT, REFRESH_TOKEN_GRANT } from './constants.ts'

// Plain z.object: unknown parameters are ignored (RFC 6749 §3.2).
const tokenRequestSchema = z.object({
  grant_type: z.string().max(256),
  'pre-authorized_code': z.string().min(1).max(512),
  tx_code: z.string().min(1).max(64).optional(),
})

/** A parsed pre-authorized code Token Request. */
export interface TokenRequest {
  preAuthorizedCode: string
  txCode: string | undefined
}

/**
 * Successful Token Response (RFC 6749 §5.1). `refresh_token` renews the SD-JWT batch (§6); `refresh_token_expires_in`
 * (seconds, an additional parameter §5.1 allows) tells the wallet when to use it at the latest.
 */
export interface TokenResponse {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  refresh_token?: string
  refresh_token_expires_in?: number
}

/**
 * Parses a form-decoded pre-authorized code Token Request. Throws `unsupported_grant_type` for any grant other than
 * the pre-authorized code and the refresh grant (parsed by `parseRefreshTokenRequest`), `invalid_request` for a
 * missing or oversized parameter.
 */
export function parseTokenRequest(body: unknown): TokenRequest {
  const grantType = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).grant_type : undefined
  if (grantType !== undefined && grantType !== PRE_AUTHORIZED_CODE_GRANT && typeof grantType === 'string') {
    const what = grantType === REFRESH_TOKEN_GRANT ? 'the refresh grant is parsed by parseRefreshTokenRequest' : 'only the pre-authorized code and refresh grants are supported'
    throw new EidError('unsupported_grant_type', what)
  }
  const input = parseInput(tokenRequestSchema, body ?? {})
  return { preAuthorizedCode: input['pre-authorized_code'], txCode: input.tx_code }
}
