// The Referenced Token's `status.status_list` claim (draft-ietf-oauth-status-list-20 §6.2, §8.3 step 1).
import { z } from 'zod'
import { TwoGenerationCache } from '../cache/index.ts'
import { EidError } from '../errors/index.ts'

/** A Referenced Token's pointer into a Status List. */
export interface StatusReference {
  idx: number
  uri: string
}

/** Longest accepted `uri`. */
export const MAX_STATUS_URI_LENGTH = 2048

const StatusListRef = z.looseObject({
  idx: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  uri: z.string().min(1).max(MAX_STATUS_URI_LENGTH),
})
/** The `status` claim's zod shape (status_list with idx and uri; other members ignored). */
export const StatusClaim = z.looseObject({ status_list: StatusListRef })

/**
 * Parses the value of a Referenced Token's `status` claim: an object with `status_list: { idx, uri }`,
 * `idx` a non-negative integer and `uri` an absolute URI (RFC 3986). Other members of `status`
 * (other mechanisms) are ignored. Throws EidError `status_claim_invalid`.
 */
export function parseStatusClaim(status: unknown): StatusReference {
  const fast = statusReferenceFast(status)
  if (fast !== undefined) return fast
  const parsed = StatusClaim.safeParse(status)
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map(String).join('.') ?? ''
    throw new EidError('status_claim_invalid', `status claim ${path ? `member ${path} ` : ''}is missing or malformed`)
  }
  const { idx, uri } = parsed.data.status_list
  if (!isAbsoluteUri(uri)) throw new EidError('status_claim_invalid', 'status claim uri is not an absolute URI')
  return { idx, uri }
}

function isAbsoluteUri(uri: string): boolean {
  return URL.canParse(uri) && !/\s/.test(uri)
}

/** URIs found absolute before, at most 256 (a verifier sees a few lists' URIs over and over). */
const absoluteUris = new TwoGenerationCache<string, true>(256)

function isKnownAbsoluteUri(uri: string): boolean {
  if (absoluteUris.get(uri) === true) return true
  if (!isAbsoluteUri(uri)) return false
  absoluteUris.set(uri, true)
  return true
}

/**
 * parseStatusClaim's answer for a valid claim without zod (checked for every presentation), the URI parsed once per
 * distinct URI; undefined for anything else, which the zod path then refuses with its message (or accepts).
 * It accepts nothing that path refuses: test/unit/status-claim-fast-path.test.ts.
 */
function statusReferenceFast(status: unknown): StatusReference | undefined {
  if (typeof status !== 'object' || status === null || Array.isArray(status)) return undefined
  const ref = (status as { status_list?: unknown }).status_list
  if (typeof ref !== 'object' || ref === null || Array.isArray(ref)) return undefined
  const { idx, uri } = ref as { idx?: unknown; uri?: unknown }
  if (typeof idx !== 'number' || !Number.isSafeInteger(idx) || idx < 0) return undefined
  if (typeof uri !== 'string' || uri.length < 1 || uri.length > MAX_STATUS_URI_LENGTH || !isKnownAbsoluteUri(uri)) return undefined
  return { idx, uri }
}
