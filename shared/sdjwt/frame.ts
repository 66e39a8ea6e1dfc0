// Applying a disclosure frame to a payload (RFC 9901 §4.2): digests replace chosen properties and array elements, recursively, with decoys.
import { randomInt } from 'node:crypto'
import { EidError } from '../errors/index.ts'
import { isJsonObject } from './compact-parts.ts'
import { decoyDigest, sha256B64u } from './digest.ts'
import { FORBIDDEN_CLAIM_NAMES, disclosureTail, encodeDisclosureTail, newSalt } from './disclosure.ts'
import type { DisclosureFrame } from './types.ts'
import { NON_DISCLOSABLE_CLAIMS } from './validity-claims.ts'

const MAX_DECOYS = 64
const MAX_FRAME_DEPTH = 32

function frameError(message: string): EidError {
  return new EidError('invalid_disclosure_frame', message)
}

function decoys(frame: DisclosureFrame): number {
  const n = frame._decoys ?? 0
  if (!Number.isInteger(n) || n < 0 || n > MAX_DECOYS) throw frameError(`_decoys must be an integer from 0 to ${MAX_DECOYS}`)
  return n
}

function subFrame(frame: DisclosureFrame, key: string): DisclosureFrame | undefined {
  if (key === '_sd' || key === '_decoys' || !Object.hasOwn(frame, key)) return undefined
  const f = frame[key]
  if (!isJsonObject(f)) throw frameError('a nested frame must be an object')
  return f as DisclosureFrame
}

function checkFrameKeys(frame: DisclosureFrame, has: (k: string) => boolean): void {
  for (const k of Object.keys(frame)) {
    if (k !== '_sd' && k !== '_decoys' && !has(k)) throw frameError('frame names a claim the payload does not have')
  }
}

/**
 * Throws EidError `invalid_disclosure_frame` when the payload anywhere holds a reserved `_sd` or `...`
 * key (a verifier would read it as digests), or `sd_jwt_nesting_too_deep` beyond the frame depth limit.
 */
export function assertNoReservedKeys(v: unknown, depth = 0): void {
  if (typeof v !== 'object' || v === null) return
  if (depth > MAX_FRAME_DEPTH) throw new EidError('sd_jwt_nesting_too_deep', 'payload is nested too deeply')
  if (Array.isArray(v)) {
    for (const el of v) assertNoReservedKeys(el, depth + 1)
    return
  }
  for (const [k, x] of Object.entries(v)) {
    if (FORBIDDEN_CLAIM_NAMES.has(k)) throw frameError('payload must not contain _sd or ... claims')
    assertNoReservedKeys(x, depth + 1)
  }
}

/**
 * Disclosure tails (JSON after the salt) of the claims with a JSON primitive value, by claim name: the credentials of a
 * batch disclose the same claims, so each tail is serialised once per batch (a cached tail is used only for the same name and value).
 */
export type DisclosureTails = Map<string, { value: unknown; tail: string }>

/** Holds the disclosures created while a frame is applied. */
export class FrameApplier {
  readonly disclosures: string[] = []

  /** `tails`: a cache shared by the appliers of one batch (optional). */
  constructor(private readonly tails: DisclosureTails = new Map()) {}

  private disclose(name: string | undefined, value: unknown): string {
    const d = encodeDisclosureTail(newSalt(), this.tail(name, value))
    this.disclosures.push(d)
    return sha256B64u(d)
  }

  private tail(name: string | undefined, value: unknown): string {
    // objects and arrays are framed anew for each credential (their digests differ): serialised each time
    if (name === undefined || (typeof value === 'object' && value !== null)) return disclosureTail(name, value)
    const hit = this.tails.get(name)
    if (hit !== undefined && hit.value === value) return hit.tail
    const tail = disclosureTail(name, value)
    this.tails.set(name, { value, tail })
    return tail
  }

  apply(value: unknown, frame: DisclosureFrame, depth: number, root: boolean): unknown {
    if (depth > MAX_FRAME_DEPTH) throw frameError('frame is nested too deeply')
    if (Array.isArray(value)) return this.array(value, frame, depth)
    if (isJsonObject(value)) return this.object(value, frame, depth, root)
    throw frameError('a frame is applied to a value that is neither object nor array')
  }

  private object(obj: Record<string, unknown>, frame: DisclosureFrame, depth: number, root: boolean): Record<string, unknown> {
    const sd = new Set<string>()
    for (const k of frame._sd ?? []) {
      if (typeof k !== 'string' || !Object.hasOwn(obj, k)) throw frameError('object _sd must list own property names of the payload')
      if (root && NON_DISCLOSABLE_CLAIMS.has(k)) throw new EidError('validity_claim_disclosable', 'a validity or key claim must not be selectively disclosable')
      sd.add(k)
    }
    checkFrameKeys(frame, (k) => Object.hasOwn(obj, k))
    const out: Record<string, unknown> = {}
    const digests: string[] = []
    for (const [k, v] of Object.entries(obj)) {
      const f = subFrame(frame, k)
      const value = f === undefined ? v : this.apply(v, f, depth + 1, false)
      if (sd.has(k)) digests.push(this.disclose(k, value))
      else out[k] = value
    }
    for (let i = decoys(frame); i > 0; i--) digests.push(decoyDigest())
    if (digests.length > 0) out._sd = digests.sort()
    return out
  }

  private array(arr: unknown[], frame: DisclosureFrame, depth: number): unknown[] {
    const sd = new Set<number>()
    for (const i of frame._sd ?? []) {
      if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= arr.length) throw frameError('array _sd must list element indices')
      sd.add(i)
    }
    checkFrameKeys(frame, (k) => /^(0|[1-9]\d*)$/.test(k) && Number(k) < arr.length)
    const out: unknown[] = arr.map((v, i) => {
      const f = subFrame(frame, String(i))
      const value = f === undefined ? v : this.apply(v, f, depth + 1, false)
      return sd.has(i) ? { '...': this.disclose(undefined, value) } : value
    })
    for (let i = decoys(frame); i > 0; i--) out.splice(randomInt(out.length + 1), 0, { '...': decoyDigest() })
    return out
  }
}
