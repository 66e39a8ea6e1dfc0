// The Referenced Token's `status.status_list` claim (draft-ietf-oauth-status-list-20 §6.2, §8.3 step 1).
import { z } from 'zod'
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
const StatusClaim = z.looseObject({ status_list: StatusListRef })

/**
 * Parses the value of a Referenced Token's `status` claim: an object with `status_list: { idx, uri }`,
 * `idx` a non-negative integer and `uri` an absolute URI (RFC 3986). Other members of `status`
 * (other mechanisms) are ignored. Throws EidError `status_claim_invalid`.
 */
export function parseStatusClaim(status: unknown): StatusReference {
  const parsed = StatusClaim.safeParse(status)
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map(String).join('.') ?? ''
    throw new EidError('status_claim_invalid', `status claim ${path ? `member ${path} ` : ''}is missing or malformed`)
  }
  const { idx, uri } = parsed.data.status_list
  if (!URL.canParse(uri) || /\s/.test(uri)) throw new EidError('status_claim_invalid', 'status claim uri is not an absolute URI')
  return { idx, uri }
}
