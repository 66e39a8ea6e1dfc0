// The members of a proof JWT's header and payload (OpenID4VCI 1.0 Appendix F.1): zod schemas, and the same rules as
// predicates for the common valid case, so a batch of proofs is not parsed member by member through zod twice over.
import { z } from 'zod'
import { parseInput } from '../errors/index.ts'
import { isNumericDate, numericDateSchema } from '../keys/index.ts'

/** The proof header members this issuer reads (the rest is checked by name in proof-jwt.ts). */
export const proofHeaderSchema = z.object({
  typ: z.string().max(64),
  alg: z.string().max(32),
  jwk: z.record(z.string(), z.unknown()),
})

/** The proof payload members this issuer reads. */
export const proofPayloadSchema = z.object({
  aud: z.union([z.string().max(2048), z.array(z.string().max(2048)).max(8)]),
  iat: numericDateSchema,
  nonce: z.string().min(1).max(512).optional(),
  iss: z.string().max(2048).optional(),
})

export type ProofHeader = z.output<typeof proofHeaderSchema>
export type ProofPayload = z.output<typeof proofPayloadSchema>

const isStr = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype

/**
 * True only for a header proofHeaderSchema accepts (test/unit/oid4vci-proof-parts-fast-path.test.ts); false leaves the
 * decision, and the error naming the member, to zod.
 */
export function proofHeaderFits(h: unknown): h is ProofHeader {
  return isRecord(h) && isStr(h.typ, 64) && isStr(h.alg, 32) && isRecord(h.jwk)
}

/** True only for a payload proofPayloadSchema accepts; false leaves the decision to zod. */
export function proofPayloadFits(p: unknown): p is ProofPayload {
  if (!isRecord(p)) return false
  const { aud, nonce, iss } = p
  const audFits = isStr(aud, 2048) || (Array.isArray(aud) && aud.length <= 8 && aud.every((a) => isStr(a, 2048)))
  return audFits && isNumericDate(p.iat) && (nonce === undefined || (isStr(nonce, 512) && nonce.length >= 1)) && (iss === undefined || isStr(iss, 2048))
}

/** The proof header's members: the predicate for a valid header, else zod (EidError `proof_malformed` naming the member). */
export function parseProofHeader(raw: unknown): ProofHeader {
  return proofHeaderFits(raw) ? raw : parseInput(proofHeaderSchema, raw, 'proof_malformed', 'proof header')
}

/** The proof payload's members: the predicate for a valid payload, else zod (EidError `proof_malformed` naming the member). */
export function parseProofPayload(raw: unknown): ProofPayload {
  return proofPayloadFits(raw) ? raw : parseInput(proofPayloadSchema, raw, 'proof_malformed', 'proof payload')
}
