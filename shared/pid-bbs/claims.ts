// Issuer side of the BBS PID's JPT: the byte-identical Issuer Header and the payload slots (JPT §4) from the PID claims.
import { jptPayloadsFromClaims } from '../jwp/index.ts'
import type { IssuerHeader } from '../jwp/index.ts'
import type { PidClaims } from '../pid/index.ts'
import { PID_BBS_CLAIMS, PID_BBS_TYP } from './constants.ts'

/** Issuer Header (without `alg`) of every BBS PID signed with key `kid`: no per-holder or per-issuance member. */
export function pidBbsIssuerHeader(input: { issuer: string; kid: string; vct: string }): Omit<IssuerHeader, 'alg'> & { vct: string } {
  return { kid: input.kid, typ: PID_BBS_TYP, iss: input.issuer, vct: input.vct, claims: [...PID_BBS_CLAIMS] }
}

/** Payload slots of a BBS PID: `iat`, `exp` and every PID claim in the fixed layout (`address` null when absent). */
export function pidBbsPayloads(claims: PidClaims, t: { iat: number; exp: number }): Uint8Array[] {
  const values: Record<string, unknown> = { ...claims, address: claims.address ?? null, iat: t.iat, exp: t.exp }
  return jptPayloadsFromClaims(PID_BBS_CLAIMS, values)
}
