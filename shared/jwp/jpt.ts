// JSON Proof Token claims mapping (draft-ietf-jose-json-proof-token-latest §4, §7): one JSON claim value per payload slot.
import { EidError } from '../errors/index.ts'
import { parseJsonOctets } from './json-text.ts'

/** Claim names that cannot be used: they would let a payload shadow object prototype machinery. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Builds the payloads of a JPT: slot i holds the UTF-8 JSON of `claims[names[i]]`. Every named claim
 * must be present (a fixed slot layout keeps issued JWPs of one type indistinguishable).
 */
export function jptPayloadsFromClaims(names: readonly string[], claims: Readonly<Record<string, unknown>>): Uint8Array[] {
  checkNames(names)
  const enc = new TextEncoder()
  return names.map((name) => {
    if (!Object.hasOwn(claims, name) || claims[name] === undefined) {
      throw new EidError('jpt_claims_invalid', `claim ${name} has no value`)
    }
    return enc.encode(JSON.stringify(claims[name]))
  })
}

/**
 * Maps payload slots back to claims: disclosed slots become claim values (strict JSON), omitted
 * (`null`) slots are left out. The slot count must equal the number of claim names.
 */
export function jptClaimsFromPayloads(names: readonly string[], payloads: readonly (Uint8Array | null)[]): Record<string, unknown> {
  checkNames(names)
  if (names.length !== payloads.length) {
    throw new EidError('jwp_payload_count_mismatch', 'payload slot count differs from the claims list')
  }
  const out: Record<string, unknown> = {}
  payloads.forEach((p, i) => {
    if (p === null) return
    const name = names[i] as string
    out[name] = parseJsonOctets(p, 'jpt_claims_invalid', `payload ${i}`)
  })
  return out
}

function checkNames(names: readonly string[]): void {
  if (names.length === 0) throw new EidError('jpt_claims_invalid', 'claims list is empty')
  const seen = new Set<string>()
  for (const n of names) {
    if (typeof n !== 'string' || n.length === 0 || FORBIDDEN.has(n) || seen.has(n)) {
      throw new EidError('jpt_claims_invalid', 'claims list has an empty, reserved or duplicate name')
    }
    seen.add(n)
  }
}
