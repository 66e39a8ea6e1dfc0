// Disclosure frame of the PID credential: every claim selectively disclosable, plus decoy digests (RFC 9901 §4.2.5).
import type { PidClaims } from './derive-claims.ts'

/** Decoy digests added at the top level and inside `address`. */
export const PID_DECOYS = { top: 5, address: 2 } as const

/**
 * The frame for `shared/sdjwt`'s `issueSdJwt`: each subject claim present in `claims` is its own
 * disclosure; `address` is disclosable as a whole and each of its members separately.
 */
export function pidDisclosureFrame(claims: PidClaims): { _sd: string[]; _decoys: number; address?: { _sd: string[]; _decoys: number } } {
  const frame: ReturnType<typeof pidDisclosureFrame> = { _sd: Object.keys(claims), _decoys: PID_DECOYS.top }
  if (claims.address) frame.address = { _sd: Object.keys(claims.address), _decoys: PID_DECOYS.address }
  return frame
}
