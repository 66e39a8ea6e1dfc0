// Processing of the disclosures against the issuer payload (RFC 9901 §7.1 step 3): each check throws its own code.
import { EidError } from '../errors/index.ts'
import type { ParsedDisclosure } from './disclosure.ts'
import { isJsonObject } from './compact-parts.ts'
import { NON_DISCLOSABLE_CLAIMS } from './validity-claims.ts'
import type { ClaimsPath, DecodedDisclosure } from './types.ts'

/** The processed payload and the disclosures in the order their claims were placed. */
export interface ProcessedPayload {
  claims: Record<string, unknown>
  placed: DecodedDisclosure[]
}

class Processor {
  private readonly byDigest = new Map<string, ParsedDisclosure>()
  private readonly seen = new Set<string>()
  readonly placed: DecodedDisclosure[] = []

  constructor(disclosures: readonly ParsedDisclosure[], private readonly maxDepth: number) {
    for (const d of disclosures) {
      if (this.byDigest.has(d.digest)) throw new EidError('duplicate_disclosure', 'the same disclosure is presented more than once')
      this.byDigest.set(d.digest, d)
    }
  }

  checkAllReferenced(): void {
    if (this.placed.length !== this.byDigest.size) throw new EidError('disclosure_not_referenced', 'a disclosure is not referenced by any digest')
  }

  /** Marks a digest as seen; RFC 9901 §7.1 step 4: a digest may appear at most once. */
  private take(digest: unknown, what: string): ParsedDisclosure | undefined {
    if (typeof digest !== 'string') throw new EidError('invalid_sd_claim', `${what} digest must be a string`)
    if (this.seen.has(digest)) throw new EidError('duplicate_digest', 'a digest appears more than once')
    this.seen.add(digest)
    return this.byDigest.get(digest)
  }

  value(v: unknown, path: ClaimsPath, depth: number): unknown {
    if (typeof v !== 'object' || v === null) return v
    if (depth > this.maxDepth) throw new EidError('sd_jwt_nesting_too_deep', `payload nesting exceeds depth ${this.maxDepth}`)
    return Array.isArray(v) ? this.array(v, path, depth) : this.object(v as Record<string, unknown>, path, depth, false)
  }

  object(obj: Record<string, unknown>, path: ClaimsPath, depth: number, root: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(obj)) {
      if (k === '_sd' || (root && k === '_sd_alg')) continue
      if (k === '_sd_alg') throw new EidError('invalid_sd_claim', '_sd_alg is only allowed at the top level') // RFC 9901 §4.1.1
      if (k === '...') throw new EidError('invalid_sd_claim', '... is only allowed as the single key of an array element')
      const v = obj[k]
      // a scalar is its own result: no claims path is built for it (most claims are scalars)
      setOwn(out, k, typeof v !== 'object' || v === null ? v : this.value(v, [...path, k], depth + 1))
    }
    const sd = obj._sd
    if (sd === undefined) return out
    if (!Array.isArray(sd)) throw new EidError('invalid_sd_claim', '_sd must be an array of digests')
    for (const digest of sd) {
      const d = this.take(digest, '_sd')
      if (d === undefined) continue // a decoy, or a claim not disclosed
      if (d.name === undefined) throw new EidError('disclosure_kind_mismatch', 'an array-element disclosure is referenced from an object')
      if (Object.hasOwn(out, d.name)) throw new EidError('claim_name_conflict', 'a disclosed claim name already exists at its level')
      if (root && NON_DISCLOSABLE_CLAIMS.has(d.name)) throw new EidError('validity_claim_disclosable', 'a validity or key claim is selectively disclosable')
      const p = [...path, d.name]
      this.placed.push({ raw: d.raw, digest: d.digest, salt: d.salt, name: d.name, value: d.value, path: p })
      setOwn(out, d.name, this.value(d.value, p, depth + 1))
    }
    return out
  }

  array(arr: unknown[], path: ClaimsPath, depth: number): unknown[] {
    const out: unknown[] = []
    for (const el of arr) {
      if (isJsonObject(el) && Object.hasOwn(el, '...')) {
        if (Object.keys(el).length !== 1) throw new EidError('invalid_sd_claim', 'an array-element digest object must have ... as its only key')
        const d = this.take(el['...'], '...')
        if (d === undefined) continue
        if (d.name !== undefined) throw new EidError('disclosure_kind_mismatch', 'an object-property disclosure is referenced from an array')
        const p = [...path, out.length]
        this.placed.push({ raw: d.raw, digest: d.digest, salt: d.salt, value: d.value, path: p })
        out.push(this.value(d.value, p, depth + 1))
      } else {
        out.push(typeof el !== 'object' || el === null ? el : this.value(el, [...path, out.length], depth + 1))
      }
    }
    return out
  }
}

/** Sets an own property, also for the name `__proto__` (which plain assignment would treat as the prototype). */
function setOwn(obj: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true })
  else obj[k] = v
}

/**
 * Replaces digests by the disclosed claims, recursively, and removes `_sd`, `_sd_alg` and `...`
 * entries. EidError: `duplicate_disclosure`, `duplicate_digest`, `invalid_sd_claim`,
 * `disclosure_kind_mismatch`, `claim_name_conflict`, `validity_claim_disclosable`,
 * `disclosure_not_referenced`, `sd_jwt_nesting_too_deep`.
 */
export function processPayload(payload: Record<string, unknown>, disclosures: readonly ParsedDisclosure[], maxDepth: number): ProcessedPayload {
  const p = new Processor(disclosures, maxDepth)
  const claims = p.object(payload, [], 0, true)
  p.checkAllReferenced()
  return { claims, placed: p.placed }
}
