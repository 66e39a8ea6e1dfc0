// DCQL claims paths (OpenID4VP 1.0 §7): non-empty arrays of object keys (string), array indices (integer ≥ 0) or `null` (all elements).
import { z } from 'zod'

/** A DCQL claims path, e.g. `['address', 'street_address']`, `['nationalities', null]`. */
export type ClaimsPath = (string | number | null)[]

/** Longest accepted claims path and longest path component. */
export const MAX_PATH_LENGTH = 16
const MAX_COMPONENT = 256

/** Names no claims path may use: they reach an object's prototype in JavaScript, never a claim. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Why `path` is not a claims path of this profile, or undefined when it is: DCQL's grammar (a non-empty array of
 * non-empty strings, integers ≥ 0 and `null`, OpenID4VP 1.0 §7) bounded, no prototype names, and a name first (the
 * top of a credential is an object, so `null` or an index there selects nothing).
 */
export function claimsPathProblem(path: unknown): string | undefined {
  if (!Array.isArray(path) || path.length === 0) return 'a claims path must be a non-empty array'
  if (path.length > MAX_PATH_LENGTH) return `a claims path has at most ${MAX_PATH_LENGTH} components`
  if (typeof path[0] !== 'string') return 'a claims path starts with a claim name (the credential is an object)'
  for (const c of path) {
    if (typeof c === 'string') {
      if (c.length === 0 || c.length > MAX_COMPONENT) return `a claim name has 1 to ${MAX_COMPONENT} characters`
      if (FORBIDDEN_NAMES.has(c)) return 'a claims path must not name __proto__, constructor or prototype'
    } else if (typeof c === 'number') {
      if (!Number.isInteger(c) || c < 0 || c > 1_000_000) return 'an array index is an integer from 0 to 1000000'
    } else if (c !== null) {
      return 'a claims path component is a string, an integer or null'
    }
  }
  return undefined
}

/** zod schema of one claims path (`claimsPathProblem` is the message when it fails). */
export const claimsPathSchema = z
  .array(z.union([z.string().min(1).max(MAX_COMPONENT), z.number().int().min(0).max(1_000_000), z.null()]))
  .min(1)
  .max(MAX_PATH_LENGTH)
  .superRefine((path, ctx) => {
    const problem = claimsPathProblem(path)
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem })
  })

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

/**
 * Why `path` does not fit the structure of `value` (OpenID4VP 1.0 §7.1: a name selects in an object, `null` or an
 * index in an array; any other step aborts processing with an error), or undefined when it fits or leads to a claim
 * that is absent (`undefined` or `null` there: no match, not an error). Never names a value.
 */
export function claimsPathMismatch(path: ClaimsPath, value: unknown): string | undefined {
  let selected: unknown[] = [value]
  for (const c of path) {
    const next: unknown[] = []
    for (const v of selected) {
      if (v === undefined || v === null) continue
      if (typeof c === 'string') {
        if (typeof v !== 'object' || Array.isArray(v)) return 'a claim name applied to a value that is not an object'
        if (Object.hasOwn(v, c)) next.push((v as Record<string, unknown>)[c])
      } else {
        if (!Array.isArray(v)) return `${c === null ? 'null' : 'an array index'} applied to a value that is not an array`
        if (c === null) next.push(...v)
        else next.push(v[c])
      }
    }
    selected = next
  }
  return undefined
}

/**
 * Why `path` steps into an array where none of `known` (the claims paths a credential type describes, OpenID4VCI 1.0
 * Appendix B.2, where `null` marks an array's elements) has one, or undefined: the registrar's form of
 * `claimsPathMismatch`, checked without a credential at hand. Never names the path.
 */
export function claimsPathStructureProblem(path: ClaimsPath, known: readonly ClaimsPath[]): string | undefined {
  for (let i = 1; i < path.length; i++) {
    const c = path[i]
    if (typeof c === 'string') continue
    const prefix = path.slice(0, i)
    if (!known.some((k) => k.length > i && k[i] === null && pathCovers(k.slice(0, i), prefix))) {
      return `${c === null ? 'null' : 'an array index'} applied to a claim that is not an array`
    }
  }
  return undefined
}
