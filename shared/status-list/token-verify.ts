// Status List Token validation (draft-ietf-oauth-status-list-20 §5.1, §8.3 steps 3-5): typ, alg allow-list, signature, sub, exp, iat, list.
import { z } from 'zod'
import { isSigningAlg, parseB64uJson, verifyJwsSignature } from '../keys/index.ts'
import { checkTokenClaims, tokenClaimsShape, tokenKey, tokenTimes } from './claims-check.ts'
import { decodeStatusList } from './decode.ts'
import { invalidList as invalid } from './invalid.ts'
import { DEFAULT_MAX_TOKEN_CHARS } from './token-options.ts'
import type { StatusListTokenHeader, VerifiedStatusList, VerifyStatusListOptions } from './token-options.ts'
import { STATUS_LIST_JWT_TYP } from './token-sign.ts'

export interface VerifiedStatusListToken extends VerifiedStatusList {
  payload: StatusListTokenPayload
}

const b64uJson = /^[A-Za-z0-9_-]+$/

const Header = z.looseObject({
  alg: z.string().max(32),
  typ: z.string().max(64).optional(),
  kid: z.string().max(256).optional(),
  x5c: z.array(z.string().max(16_384)).min(1).max(10).optional(),
  crit: z.unknown().optional(),
})

const Payload = z.looseObject({
  ...tokenClaimsShape,
  status_list: z.looseObject({ bits: z.number(), lst: z.string(), aggregation_uri: z.string().max(2048).optional() }),
})
export type StatusListTokenPayload = z.output<typeof Payload>

/**
 * Verifies a Status List Token JWT and decodes its list. Every failure is EidError
 * `status_list_invalid` with `details.check` naming the failed check: `format`, `header`, `typ`,
 * `alg`, `crit`, `key`, `signature`, `claims`, `sub`, `exp`, `nbf`, `iat`, or a list check of
 * `decodeStatusList` (`bits`, `lst`, `too_large`, `compression`, `empty`).
 */
export async function verifyStatusListToken(jwt: string, opts: VerifyStatusListOptions): Promise<VerifiedStatusListToken> {
  const maxChars = opts.maxTokenChars ?? DEFAULT_MAX_TOKEN_CHARS
  if (typeof jwt !== 'string' || jwt.length > maxChars) throw invalid('format', 'status list token is not a string of bounded size')
  const parts = jwt.split('.')
  if (parts.length !== 3 || !parts.every((p) => b64uJson.test(p))) throw invalid('format', 'status list token is not a compact JWS')
  const [h, p, sig] = parts as [string, string, string]

  const header = parseJsonPart(Header, h, 'header')
  if (!isTyp(header.typ)) throw invalid('typ', `status list token typ must be ${STATUS_LIST_JWT_TYP}`)
  if (!isSigningAlg(header.alg, opts.algorithms)) throw invalid('alg', 'status list token alg is not allowed')
  if (header.crit !== undefined) throw invalid('crit', 'status list token has critical header parameters')
  const typedHeader = header as StatusListTokenHeader

  const key = await tokenKey(typedHeader, opts)
  if (!verifyJwsSignature(`${h}.${p}`, sig, key, typedHeader.alg)) throw invalid('signature', 'status list token signature is invalid')

  const payload = parseJsonPart(Payload, p, 'claims')
  checkTokenClaims(payload, opts)
  const list = decodeStatusList(payload.status_list, opts.limits)
  return {
    header: typedHeader,
    payload,
    list,
    ...tokenTimes(payload),
  }
}

/** `typ` compares case-insensitively and may carry the `application/` prefix (RFC 7515 §4.1.9). */
function isTyp(typ: unknown): boolean {
  if (typeof typ !== 'string') return false
  const t = typ.toLowerCase()
  return t === STATUS_LIST_JWT_TYP || t === `application/${STATUS_LIST_JWT_TYP}`
}

function parseJsonPart<S extends z.ZodType>(schema: S, part: string, check: 'header' | 'claims'): z.output<S> {
  let value: unknown
  try {
    value = parseB64uJson(part)
  } catch {
    throw invalid(check, `status list token ${check} is not JSON`)
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.map(String).join('.') || check
    throw invalid(check, `status list token ${check} member ${path} is missing or malformed`)
  }
  return parsed.data
}
