// Decoding of an SD-JWT without signature checks (for the holder's wallet): header, payload, disclosures with their claims paths.
import { parseDisclosure } from './disclosure.ts'
import { decodeIssuerJwt } from './issuer-jwt.ts'
import { resolveLimits } from './limits.ts'
import { processPayload } from './process.ts'
import { splitSdJwt } from './split.ts'
import type { DecodedDisclosure, IssuerJwtHeader, SdJwtLimits } from './types.ts'

/** An SD-JWT taken apart; nothing here is verified. */
export interface DecodedSdJwt {
  header: IssuerJwtHeader
  /** The issuer JWT payload as signed (with `_sd`, `_sd_alg`). */
  payload: Record<string, unknown>
  /** Every disclosure, in token order, with the claims path of its claim (array indices as with all disclosed). */
  disclosures: DecodedDisclosure[]
  /** The payload processed with all disclosures. */
  claims: Record<string, unknown>
  /** The issuer JWT, compact. */
  jwt: string
  kbJwt?: string
}

/**
 * Decodes and structurally checks an SD-JWT (all RFC 9901 §7.1 step 3 rules apply; the signature,
 * times and key binding are NOT checked). Any typ is accepted. Throws EidError on malformed input.
 */
export function decodeSdJwt(token: string, limits?: Partial<SdJwtLimits>): DecodedSdJwt {
  const lim = resolveLimits(limits)
  const parts = splitSdJwt(token, lim)
  const jwt = decodeIssuerJwt(parts.jwt, { profile: 'sd-jwt' })
  const parsed = parts.disclosures.map(parseDisclosure)
  const { claims, placed } = processPayload(jwt.payload, parsed, lim.maxDepth)
  const pathOf = new Map(placed.map((d) => [d.digest, d.path]))
  const disclosures = parsed.map((d) => ({ raw: d.raw, digest: d.digest, salt: d.salt, ...(d.name === undefined ? {} : { name: d.name }), value: d.value, path: pathOf.get(d.digest) ?? [] }))
  return { header: jwt.header, payload: jwt.payload, disclosures, claims, jwt: parts.jwt, ...(parts.kbJwt === undefined ? {} : { kbJwt: parts.kbJwt }) }
}
