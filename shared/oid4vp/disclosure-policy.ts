// What a presentation may reveal and what the verifier keeps: disclosed paths within the query (no over-disclosure), required claims present, projection.
import { EidError } from '../errors/index.ts'
import type { ClaimsPath } from '../registration/index.ts'
import { formatClaimsPath, pathCovers } from '../registration/index.ts'

/** True when `parent` is a strict prefix of `path` (a `null` in `path` matches an index in `parent`). */
function isParentOf(parent: ClaimsPath, path: ClaimsPath): boolean {
  if (parent.length >= path.length) return false
  return parent.every((c, i) => {
    const p = path[i]
    return p === null ? typeof c === 'number' : c === p
  })
}

/**
 * Throws over_disclosure unless every disclosed path lies inside a requested claim or on the way to
 * one (a parent object the wallet had to disclose). Paths only, never values, reach the message.
 */
export function checkNoOverDisclosure(disclosedPaths: readonly ClaimsPath[], requested: readonly ClaimsPath[]): void {
  for (const d of disclosedPaths) {
    if (!requested.some((r) => pathCovers(r, d) || isParentOf(d, r))) {
      throw new EidError('over_disclosure', `the presentation discloses ${formatClaimsPath(d)}, which was not requested`)
    }
  }
}

/** Values selected by `path` in `claims` (OpenID4VP 1.0 §7.1 claims path pointer); empty when nothing is there. */
export function selectClaimValues(claims: unknown, path: ClaimsPath): unknown[] {
  let current: unknown[] = [claims]
  for (const c of path) {
    const next: unknown[] = []
    for (const v of current) {
      if (c === null) {
        if (Array.isArray(v)) next.push(...v)
      } else if (typeof c === 'number') {
        if (Array.isArray(v) && c < v.length) next.push(v[c])
      } else if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.hasOwn(v, c)) {
        next.push((v as Record<string, unknown>)[c])
      }
    }
    current = next
  }
  return current
}

/** Throws required_claim_missing for the first requested path that selects nothing. */
export function checkRequiredClaims(claims: Record<string, unknown>, required: readonly ClaimsPath[]): void {
  for (const path of required) {
    if (selectClaimValues(claims, path).length === 0) {
      throw new EidError('required_claim_missing', `the presentation lacks the requested claim ${formatClaimsPath(path)}`)
    }
  }
}

/** A DCQL claims query as far as values go (OpenID4VP 1.0 §6.3): its path and, when it asks for them, the accepted values. */
export interface ClaimValuesQuery {
  path: ClaimsPath
  values?: readonly unknown[]
}

/**
 * Throws claim_value_mismatch when a claim the query restricts with `values` was presented with
 * another value (e.g. `age_over_18: false` against `values: [true]`). Absent claims are left to
 * checkRequiredClaims and the claim sets. Neither path nor value reaches the message.
 */
export function checkClaimValues(claims: Record<string, unknown>, queries: readonly ClaimValuesQuery[]): void {
  for (const q of queries) {
    if (q.values === undefined) continue
    const accepted = q.values
    if (selectClaimValues(claims, q.path).some((v) => !accepted.some((a) => a === v))) {
      throw new EidError('claim_value_mismatch', 'a presented claim value is not one the query asked for')
    }
  }
}

/**
 * The part of `claims` the requested paths point to, rebuilt with the same shape: the only data a
 * verifier stores or returns. Array elements keep their positions only when addressed by index.
 */
export function projectClaims(claims: Record<string, unknown>, requested: readonly ClaimsPath[]): Record<string, unknown> {
  let out: Record<string, unknown> = {}
  for (const path of requested) out = merge(out, project(claims, path)) as Record<string, unknown>
  return out
}

function project(value: unknown, path: ClaimsPath): unknown {
  if (path.length === 0) return typeof value === 'object' && value !== null ? structuredClone(value) : value
  const [c, ...rest] = path
  if (c === null) return Array.isArray(value) ? value.map((v) => project(v, rest)).filter((v) => v !== undefined) : undefined
  if (typeof c === 'number') {
    if (!Array.isArray(value) || c >= value.length) return undefined
    const inner = project(value[c], rest)
    return inner === undefined ? undefined : { [c]: inner }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, c as string)) return undefined
  const inner = project((value as Record<string, unknown>)[c as string], rest)
  return inner === undefined ? undefined : { [c as string]: inner }
}

function merge(a: unknown, b: unknown): unknown {
  if (b === undefined) return a
  if (a === undefined) return b
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && !Array.isArray(a) && !Array.isArray(b)) {
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) }
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) out[k] = merge(out[k], v)
    return out
  }
  return b
}
