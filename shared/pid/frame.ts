// Disclosure frame of the PID credential: every claim selectively disclosable, decoy digests (RFC 9901 §4.2.5) filling each object to a fixed count.
import { EidError } from '../errors/index.ts'
import type { PidClaims } from './derive-claims.ts'

/**
 * Number of `_sd` digests of every PID SD-JWT, at the top level and inside `address`, whatever claims
 * the person has: decoys fill up to these counts, so the count reveals nothing (e.g. whether an
 * address is on file). Each is at least the most claims an object can hold plus a margin of decoys.
 */
export const PID_SD_DIGESTS = { top: 20, address: 5 } as const

/** Most claims each object can hold (all PidClaims keys; all PidAddress keys). */
const MAX_CLAIMS = { top: 15, address: 3 } as const

function fill(total: number, claims: number, max: number): number {
  if (claims > max) throw new EidError('invalid_disclosure_frame', `a PID object holds ${claims} claims, more than the ${max} its fixed shape allows`)
  return total - claims
}

/**
 * The frame for `shared/sdjwt`'s `issueSdJwt`: each subject claim present in `claims` is its own
 * disclosure; `address` is disclosable as a whole and each of its members separately. Decoys fill
 * each object up to `PID_SD_DIGESTS`.
 */
export function pidDisclosureFrame(claims: PidClaims): { _sd: string[]; _decoys: number; address?: { _sd: string[]; _decoys: number } } {
  const top = Object.keys(claims)
  const frame: ReturnType<typeof pidDisclosureFrame> = { _sd: top, _decoys: fill(PID_SD_DIGESTS.top, top.length, MAX_CLAIMS.top) }
  if (claims.address) {
    const members = Object.keys(claims.address)
    frame.address = { _sd: members, _decoys: fill(PID_SD_DIGESTS.address, members.length, MAX_CLAIMS.address) }
  }
  return frame
}
