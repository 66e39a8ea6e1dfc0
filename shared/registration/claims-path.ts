// DCQL claims paths (OpenID4VP 1.0 §7): non-empty arrays of object keys (string), array indices (integer ≥ 0) or `null` (all elements).
import { z } from 'zod'

/** A DCQL claims path, e.g. `['address', 'street_address']`, `['nationalities', null]`. */
export type ClaimsPath = (string | number | null)[]

/** Longest accepted claims path and longest path component. */
export const MAX_PATH_LENGTH = 16
const MAX_COMPONENT = 256

/** zod schema of one claims path. */
export const claimsPathSchema = z
  .array(z.union([z.string().min(1).max(MAX_COMPONENT), z.number().int().min(0).max(1_000_000), z.null()]))
  .min(1)
  .max(MAX_PATH_LENGTH)

/**
 * True when requesting `requested` reveals nothing outside `allowed`: `allowed` is a prefix of
 * `requested` where a `null` in `allowed` stands for any array index (or `null`) at that position.
 * A `null` in `requested` (every element) is covered only by a `null` in `allowed`.
 */
export function pathCovers(allowed: ClaimsPath, requested: ClaimsPath): boolean {
  if (allowed.length > requested.length) return false
  return allowed.every((a, i) => {
    const r = requested[i]
    if (a === null) return r === null || typeof r === 'number'
    return a === r
  })
}

/** Human-readable form of a path for messages (never a claim value): `address.street_address`, `nationalities[*]`. */
export function formatClaimsPath(path: ClaimsPath): string {
  return path.map((p, i) => (p === null ? '[*]' : typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
}
