// Splitting an SD-JWT or SD-JWT+KB into its parts (RFC 9901 §4, §7.1 step 1), with size and count bounds.
import { EidError } from '../errors/index.ts'
import type { SdJwtLimits } from './types.ts'

/** The parts of `<issuer-jwt>~<d1>~...~<dn>~[<kb-jwt>]`. */
export interface SdJwtParts {
  jwt: string
  disclosures: string[]
  /** The KB-JWT, when the token does not end with `~`. */
  kbJwt: string | undefined
  /** Everything up to and including the last `~`: the input of `sd_hash`. */
  presented: string
}

/**
 * Splits a token. EidError `sd_jwt_too_large`, `too_many_disclosures`, `sd_jwt_part_too_large` or
 * `malformed_sd_jwt` (no `~`, empty issuer JWT or empty disclosure).
 */
export function splitSdJwt(token: unknown, limits: SdJwtLimits): SdJwtParts {
  if (typeof token !== 'string') throw new EidError('malformed_sd_jwt', 'sd-jwt must be a string')
  if (token.length > limits.maxTokenBytes) throw new EidError('sd_jwt_too_large', `sd-jwt exceeds ${limits.maxTokenBytes} characters`)
  const parts = token.split('~')
  if (parts.length < 2) throw new EidError('malformed_sd_jwt', 'sd-jwt has no ~ separator')
  if (parts.length - 2 > limits.maxDisclosures) throw new EidError('too_many_disclosures', `sd-jwt has more than ${limits.maxDisclosures} disclosures`)
  for (const p of parts) {
    if (p.length > limits.maxPartBytes) throw new EidError('sd_jwt_part_too_large', `an sd-jwt part exceeds ${limits.maxPartBytes} characters`)
  }
  const jwt = parts[0] as string
  if (jwt.length === 0) throw new EidError('malformed_sd_jwt', 'issuer-signed JWT is empty')
  const disclosures = parts.slice(1, -1)
  if (disclosures.some((d) => d.length === 0)) throw new EidError('malformed_sd_jwt', 'empty disclosure between ~ separators')
  const last = parts[parts.length - 1] as string
  return { jwt, disclosures, kbJwt: last.length > 0 ? last : undefined, presented: token.slice(0, token.length - last.length) }
}
