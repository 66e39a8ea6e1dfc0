// Issuance of an SD-JWT VC (RFC 9901 §4, draft-ietf-oauth-sd-jwt-vc §3.2): frame applied, _sd_alg set, signed with typ dc+sd-jwt.
import type { CryptoKey } from 'jose'
import { EidError } from '../errors/index.ts'
import { assertSigningAlg, signJwsCompact } from '../keys/index.ts'
import type { SigningAlg } from '../keys/index.ts'
import { isJsonObject } from './compact-parts.ts'
import { SD_ALG } from './digest.ts'
import { FrameApplier, assertNoReservedKeys } from './frame.ts'
import type { DisclosureFrame } from './types.ts'

/** What the issuer supplies. */
export interface IssueSdJwtInput {
  /** Any JSON object: registered claims (iss, iat, exp, vct, cnf, status...) and user claims. */
  payload: Record<string, unknown>
  frame: DisclosureFrame
  signer: { alg: SigningAlg; privateKey: CryptoKey; kid?: string; x5c?: string[] }
  /** Only `dc+sd-jwt` is emitted. */
  typ?: 'dc+sd-jwt'
}

/**
 * Issues `<issuer-jwt>~<disclosure>~...~`. EidError `invalid_disclosure_frame` (frame does not fit
 * the payload), `validity_claim_disclosable`, `invalid_jwt_payload` (not JSON), `alg_not_allowed`,
 * `key_alg_mismatch`.
 */
export async function issueSdJwt(input: IssueSdJwtInput): Promise<string> {
  const alg = assertSigningAlg(input.signer.alg)
  let payload: unknown
  try {
    payload = JSON.parse(JSON.stringify(input.payload)) as unknown
  } catch (cause) {
    throw new EidError('invalid_jwt_payload', 'payload is not JSON-serialisable', { cause })
  }
  if (!isJsonObject(payload)) throw new EidError('invalid_jwt_payload', 'payload must be a JSON object')
  if (Object.hasOwn(payload, '_sd_alg')) throw new EidError('invalid_jwt_payload', 'payload must not contain _sd_alg')
  assertNoReservedKeys(payload)
  const applier = new FrameApplier()
  const framed = applier.apply(payload, input.frame, 0, true) as Record<string, unknown>
  const header: Record<string, unknown> = { typ: input.typ ?? 'dc+sd-jwt' }
  if (input.signer.kid !== undefined) header.kid = input.signer.kid
  if (input.signer.x5c !== undefined) header.x5c = input.signer.x5c
  const jwt = signJwsCompact(header, { ...framed, _sd_alg: SD_ALG }, input.signer.privateKey, alg)
  return `${[jwt, ...applier.disclosures].join('~')}~`
}
