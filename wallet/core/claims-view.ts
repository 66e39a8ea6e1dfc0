// The holder's own view of a stored SD-JWT VC: the issuer payload with every disclosure applied (RFC 9901 §7.1 shape, no signature check).
import { decodeSdJwt } from '../../shared/sdjwt/index.ts'
import type { ClaimsPath } from './state.ts'

const UNDISCLOSED = Symbol('undisclosed')

/** All claims of a credential the wallet holds (its own data): payload plus every disclosure, `_sd` members removed. */
export function fullClaims(sdJwt: string): Record<string, unknown> {
  const { payload, disclosures } = decodeSdJwt(sdJwt)
  const root = strip(payload) as Record<string, unknown>
  const ordered = [...disclosures].sort((a, b) => a.path.length - b.path.length)
  for (const d of ordered) setAt(root, d.path as ClaimsPath, strip(d.value))
  return prune(root) as Record<string, unknown>
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => (isArrayDigest(v) ? UNDISCLOSED : strip(v)))
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (k !== '_sd' && k !== '_sd_alg') out[k] = strip(v)
    return out
  }
  return value
}

function isArrayDigest(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && Object.hasOwn(v, '...')
}

function setAt(root: Record<string, unknown>, path: ClaimsPath, value: unknown): void {
  let node: unknown = root
  for (const [i, seg] of path.entries()) {
    const last = i === path.length - 1
    if (typeof seg === 'number' && Array.isArray(node)) {
      if (last) node[seg] = value
      else node = node[seg]
    } else if (typeof seg === 'string' && typeof node === 'object' && node !== null && !Array.isArray(node)) {
      const obj = node as Record<string, unknown>
      if (last) obj[seg] = value
      else node = obj[seg]
    } else {
      return
    }
  }
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== UNDISCLOSED).map(prune)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, prune(v)]))
  }
  return value
}

/** Reads the value at a claims path (no wildcards); undefined when absent. */
export function valueAt(claims: Record<string, unknown>, path: ClaimsPath): unknown {
  let node: unknown = claims
  for (const seg of path) {
    if (seg === null) return node
    if (typeof seg === 'number') node = Array.isArray(node) ? node[seg] : undefined
    else node = typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>)[seg] : undefined
  }
  return node
}
