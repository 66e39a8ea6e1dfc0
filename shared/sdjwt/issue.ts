// Issuance of SD-JWT VCs (RFC 9901 §4, draft-ietf-oauth-sd-jwt-vc §3.2), one or a batch: frame applied, _sd_alg set, signed with typ dc+sd-jwt.
import type { CryptoKey } from 'jose'
import { EidError } from '../errors/index.ts'
import { assertSigningAlg, signJwsInput, signingKeyObject } from '../keys/index.ts'
import type { SigningAlg } from '../keys/index.ts'
import { isJsonObject } from './compact-parts.ts'
import { SD_ALG } from './digest.ts'
import { FrameApplier, assertNoReservedKeys } from './frame.ts'
import type { DisclosureTails } from './frame.ts'
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

/** What the issuer supplies for a batch: claims all credentials share, and per credential the claims only it carries. */
export interface IssueSdJwtBatchInput extends Omit<IssueSdJwtInput, 'payload'> {
  /** Claims every credential of the batch carries (registered and user claims; the frame applies to them). */
  payload: Record<string, unknown>
  /** One entry per credential: its own claims (e.g. `cnf`, `status`), merged over `payload` at the top level. */
  each: readonly Record<string, unknown>[]
}

/**
 * Issues `<issuer-jwt>~<disclosure>~...~`. EidError `invalid_disclosure_frame` (frame does not fit
 * the payload), `validity_claim_disclosable`, `invalid_jwt_payload` (not JSON), `alg_not_allowed`,
 * `key_alg_mismatch`.
 */
export async function issueSdJwt(input: IssueSdJwtInput): Promise<string> {
  return (await issueSdJwtBatch({ ...input, each: [{}] }))[0] as string
}

/**
 * Issues one SD-JWT per entry of `each`, exactly as `issueSdJwt` with the payload `{ ...payload, ...each[i] }` (same
 * checks, same errors), each with its own salts and decoys; the shared payload is copied and checked once, and the
 * protected header segment (with its `x5c`) and the signing key are prepared once for the batch (the same bytes as
 * shared/keys signJwsCompact: `alg` first, then the header members).
 */
export async function issueSdJwtBatch(input: IssueSdJwtBatchInput): Promise<string[]> {
  const alg = assertSigningAlg(input.signer.alg)
  const common = jsonPayload(input.payload)
  const header: Record<string, unknown> = { alg, typ: input.typ ?? 'dc+sd-jwt' }
  if (input.signer.kid !== undefined) header.kid = input.signer.kid
  if (input.signer.x5c !== undefined) header.x5c = input.signer.x5c
  const headerSegment = Buffer.from(JSON.stringify(header)).toString('base64url')
  const key = signingKeyObject(input.signer.privateKey, alg)
  const tails: DisclosureTails = new Map()
  return jsonPayloads(input.each).map((own) => {
    const applier = new FrameApplier(tails)
    const framed = applier.apply({ ...common, ...own }, input.frame, 0, true) as Record<string, unknown>
    framed._sd_alg = SD_ALG // a new object, without _sd_alg (jsonPayload): the member goes last
    const payloadSegment = Buffer.from(JSON.stringify(framed)).toString('base64url')
    const jwt = signJwsInput(`${headerSegment}.${payloadSegment}`, key, alg)
    return `${[jwt, ...applier.disclosures].join('~')}~`
  })
}

/** A detached JSON copy of a payload: an object without `_sd_alg` and without reserved `_sd` / `...` keys anywhere. */
function jsonPayload(value: Record<string, unknown>): Record<string, unknown> {
  return checkedPayload(jsonCopy(value))
}

/** `jsonPayload` of each entry, the entries copied in one JSON round trip (an entry JSON drops, such as undefined, is refused). */
function jsonPayloads(values: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const copies = jsonCopy(values)
  if (!Array.isArray(copies)) throw new EidError('invalid_jwt_payload', 'each entry must be a JSON object')
  return copies.map(checkedPayload)
}

function jsonCopy(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value)) as unknown
  } catch (cause) {
    throw new EidError('invalid_jwt_payload', 'payload is not JSON-serialisable', { cause })
  }
}

function checkedPayload(payload: unknown): Record<string, unknown> {
  if (!isJsonObject(payload)) throw new EidError('invalid_jwt_payload', 'payload must be a JSON object')
  if (Object.hasOwn(payload, '_sd_alg')) throw new EidError('invalid_jwt_payload', 'payload must not contain _sd_alg')
  assertNoReservedKeys(payload)
  return payload
}
