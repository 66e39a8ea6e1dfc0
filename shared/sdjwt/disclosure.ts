// Disclosures (RFC 9901 §4.2.1, §4.2.2): creating them with CSPRNG salts, and parsing untrusted ones.
import { z } from 'zod'
import { EidError } from '../errors/index.ts'
import { decodeJsonSegment } from './compact-parts.ts'
import { sha256B64u } from './digest.ts'
import { randomPoolBase64url } from './random-pool.ts'

/** Claim names a disclosure must never carry (RFC 9901 §4.2.1). */
export const FORBIDDEN_CLAIM_NAMES: ReadonlySet<string> = new Set(['_sd', '...'])

/** A fresh 128-bit salt from the CSPRNG (its bytes drawn from one random buffer), base64url (RFC 9901 §4.2.1, §9.3). */
export function newSalt(): string {
  return randomPoolBase64url(16)
}

/** Encodes a disclosure: base64url(UTF-8 JSON of [salt, name, value]) or [salt, value] for an array element. */
export function encodeDisclosure(salt: string, name: string | undefined, value: unknown): string {
  return Buffer.from(`[${JSON.stringify(salt)},${disclosureTail(name, value)}`, 'utf8').toString('base64url')
}

/**
 * The JSON text of a disclosure after its salt, `"name",value]` or `value]`: JSON.stringify of the array is the JSON of
 * its elements joined (a value JSON cannot hold becomes null, as in an array). A batch computes it once per claim and
 * only the salt differs between its credentials.
 */
export function disclosureTail(name: string | undefined, value: unknown): string {
  const v = JSON.stringify(value) ?? 'null'
  return name === undefined ? `${v}]` : `${JSON.stringify(name)},${v}]`
}

/** `encodeDisclosure(salt, name, value)` from the tail of `name` and `value`, for a salt of base64url characters (JSON needs no escape in it). */
export function encodeDisclosureTail(salt: string, tail: string): string {
  return Buffer.from(`["${salt}",${tail}`, 'utf8').toString('base64url')
}

/** The zod shape of a decoded disclosure (RFC 9901 §4.2.1, §4.2.2). */
export const disclosureSchema = z.union([z.tuple([z.string(), z.string(), z.unknown()]), z.tuple([z.string(), z.unknown()])])

/** A parsed disclosure, before it is placed in the payload. */
export interface ParsedDisclosure {
  raw: string
  digest: string
  salt: string
  name: string | undefined
  value: unknown
}

/**
 * Parses one untrusted disclosure. EidError `invalid_disclosure` (not base64url JSON of
 * [salt, name, value] or [salt, value] with string salt and name) or `invalid_claim_name` (`_sd`, `...`).
 */
export function parseDisclosure(raw: string): ParsedDisclosure {
  const d = disclosureArray(decodeJsonSegment(raw, 'invalid_disclosure', 'disclosure'))
  const digest = sha256B64u(raw)
  if (d.length === 3) {
    if (FORBIDDEN_CLAIM_NAMES.has(d[1] as string)) throw new EidError('invalid_claim_name', 'disclosure claim name must not be _sd or ...')
    return { raw, digest, salt: d[0] as string, name: d[1] as string, value: d[2] }
  }
  return { raw, digest, salt: d[0] as string, name: undefined, value: d[1] }
}

/**
 * `json` as [salt, name, value] or [salt, value] with string salt and name: an array of that shape is taken as it is
 * (the common case, without zod); anything else goes through disclosureSchema, which decides (test/unit/sdjwt-disclosure-parse.test.ts).
 */
function disclosureArray(json: unknown): readonly unknown[] {
  if (Array.isArray(json) && typeof json[0] === 'string' && (json.length === 2 || (json.length === 3 && typeof json[1] === 'string'))) return json
  const parsed = disclosureSchema.safeParse(json)
  if (!parsed.success) throw new EidError('invalid_disclosure', 'disclosure must be [salt, name, value] or [salt, value]')
  return parsed.data
}
