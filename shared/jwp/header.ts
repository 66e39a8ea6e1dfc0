// JWP Issuer Header and Presentation Header (draft-ietf-jose-json-web-proof-13 §4, §6.1.1, §6.2.1; JPT claims/cid §4-5).
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'
import { parseJsonOctets } from './json-text.ts'

const Text = z.string().min(1).max(2048)

/** Names registered by JWP/JPA/JPT that must never appear in `crit` (JWP §4.2.4). */
const REGISTERED = new Set(['alg', 'kid', 'typ', 'crit', 'iek', 'hpk', 'hpa', 'iss', 'aud', 'nonce', 'claims', 'cid', 'iat'])

/** Issuer Header: `alg` REQUIRED; `kid`, `typ`, `iss`, `claims`, `cid`, `crit` OPTIONAL; others ignored. */
export const IssuerHeaderSchema = z.looseObject({
  alg: Text.describe('REQUIRED. JSON Proof Algorithm (JWP §4.2.1)'),
  kid: Text.optional().describe('OPTIONAL. Key ID hint (JWP §4.2.2)'),
  typ: Text.optional().describe('OPTIONAL. Media type of the whole JWP (JWP §4.2.3)'),
  iss: Text.optional().describe('OPTIONAL. Issuer (JWP §4.2.7)'),
  crit: z.array(Text).min(1).max(16).optional().describe('OPTIONAL. Critical extensions (JWP §4.2.4)'),
  claims: z.array(z.string().min(1).max(256)).min(1).max(1024).optional().describe('OPTIONAL. Claim name per payload slot (JPT §4)'),
  cid: Text.optional().describe('OPTIONAL. Claims ID (JPT §5)'),
})
export type IssuerHeader = z.output<typeof IssuerHeaderSchema>

/**
 * Presentation Header (JWP §6.2.1): it must identify the presentation, so `nonce` or `aud` must be
 * present. This profile's verifier (verifyPresentedJwp) further requires `aud`, `nonce` and `iat`.
 */
export const PresentationHeaderSchema = z.looseObject({
  alg: Text.optional(),
  aud: z.union([Text, z.array(Text).min(1).max(16)]).optional().describe('Audience: the verifier client_id (JWP §4.2.8)'),
  nonce: z.string().min(1).max(512).optional().describe('Verifier nonce (JWP §4.2.9)'),
  iat: z.number().int().min(0).max(2 ** 40).optional().describe('Issued-at of the presentation, seconds since the epoch'),
  nym_ctx: Text.optional().describe('This profile (BBS-NYM): the pseudonym scope, the service_id of the verifier registration; absent: aud'),
  crit: z.array(Text).min(1).max(16).optional(),
})
export type PresentationHeader = z.output<typeof PresentationHeaderSchema>

/** Decodes and validates Issuer Header octets. Throws `jwp_header_invalid` / `jwp_crit_unsupported`. */
export function parseIssuerHeader(bytes: Uint8Array, understood: ReadonlySet<string> = new Set()): IssuerHeader {
  const json = parseJsonOctets(bytes, 'jwp_header_invalid', 'issuer header')
  const header = parseInput(IssuerHeaderSchema, json, 'jwp_header_invalid', 'issuer header')
  checkCrit(header, understood)
  if (header.claims && new Set(header.claims).size !== header.claims.length) {
    throw new EidError('jwp_header_invalid', 'issuer header claims has duplicate names')
  }
  return header
}

/** Decodes and validates Presentation Header octets. Throws `jwp_header_invalid` / `jwp_crit_unsupported`. */
export function parsePresentationHeader(bytes: Uint8Array, understood: ReadonlySet<string> = new Set()): PresentationHeader {
  const json = parseJsonOctets(bytes, 'jwp_header_invalid', 'presentation header')
  const header = parseInput(PresentationHeaderSchema, json, 'jwp_header_invalid', 'presentation header')
  if (header.nonce === undefined && header.aud === undefined) {
    throw new EidError('jwp_header_invalid', 'presentation header needs nonce or aud')
  }
  checkCrit(header, understood)
  return header
}

/** The names a producer lists in its own `crit` (it understands its own extensions). */
export function critNames(crit: unknown): ReadonlySet<string> {
  return new Set(Array.isArray(crit) ? crit.filter((c): c is string => typeof c === 'string') : [])
}

/** Serializes a header object to the octets that are base64url-encoded and protected by the proof. */
export function headerOctets(header: Record<string, unknown>): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(header))
}

// JWP §4.2.4: crit lists present, non-registered, unique names; any name not understood invalidates the JWP.
function checkCrit(header: { crit?: string[] | undefined } & Record<string, unknown>, understood: ReadonlySet<string>): void {
  if (!header.crit) return
  const seen = new Set<string>()
  for (const name of header.crit) {
    if (seen.has(name) || REGISTERED.has(name) || !Object.hasOwn(header, name)) {
      throw new EidError('jwp_header_invalid', 'crit lists a duplicate, registered or absent parameter')
    }
    seen.add(name)
    if (!understood.has(name)) throw new EidError('jwp_crit_unsupported', 'crit lists a parameter that is not understood')
  }
}
