// Status List Token validation (draft-ietf-oauth-status-list-20 §5.1, §8.3 steps 3-5): typ, alg allow-list, signature, sub, exp, iat, list.
import { z } from 'zod'
import { EidError, isEidError } from '../errors/index.ts'
import { isSigningAlg, numericDateSchema, parseB64uJson, verificationKey, verifyJwsSignature } from '../keys/index.ts'
import type { CryptoKey, JWK, SigningAlg } from '../keys/index.ts'
import { decodeStatusList } from './decode.ts'
import type { DecodedStatusList } from './decode.ts'
import { STATUS_LIST_JWT_TYP } from './token-sign.ts'
import type { DecodeLimits } from './types.ts'

/** The protected header of a Status List Token, as parsed. */
export interface StatusListTokenHeader {
  alg: SigningAlg
  typ: string
  kid?: string
  x5c?: string[]
  [k: string]: unknown
}

export interface VerifyStatusListOptions {
  /** The `uri` of the Referenced Token's status claim; the token's `sub` must equal it (§8.3 step 4a). */
  expectedSub: string
  /** Current time, epoch seconds. */
  now: number
  /** Returns the key the token must verify with (the caller decides trust: JWKS by kid, x5c chain). */
  resolveKey: (header: StatusListTokenHeader) => Promise<CryptoKey | JWK>
  /** Allowed clock skew for exp/iat/nbf, seconds (default 60). */
  skewSeconds?: number
  /** Reject tokens without `exp` (default false: `exp` is RECOMMENDED, not REQUIRED). */
  requireExp?: boolean
  /** Reject tokens issued more than this many seconds ago (a freshness policy, §8.3 step 4b). */
  maxAgeSeconds?: number
  /** Allowed algorithms (a subset of the project's allow-list; default all of it). */
  algorithms?: readonly SigningAlg[]
  /** Longest accepted token, characters (default 2 MiB). */
  maxTokenChars?: number
  limits?: Partial<DecodeLimits>
}

export interface VerifiedStatusListToken {
  header: StatusListTokenHeader
  payload: StatusListTokenPayload
  list: DecodedStatusList
  iat: number
  exp?: number
  ttl?: number
}

const b64uJson = /^[A-Za-z0-9_-]+$/

const Header = z.looseObject({
  alg: z.string().max(32),
  typ: z.string().max(64).optional(),
  kid: z.string().max(256).optional(),
  x5c: z.array(z.string().max(16_384)).min(1).max(10).optional(),
  crit: z.unknown().optional(),
})

const NumericDate = numericDateSchema // safe integer up to year 9999

const Payload = z.looseObject({
  sub: z.string().min(1).max(2048),
  iat: NumericDate,
  exp: NumericDate.optional(),
  nbf: NumericDate.optional(),
  ttl: z.number().int().positive().max(10 * 365 * 86400).optional(),
  iss: z.string().max(2048).optional(),
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
  const skew = opts.skewSeconds ?? 60
  const maxChars = opts.maxTokenChars ?? 2 * 1024 * 1024
  if (typeof jwt !== 'string' || jwt.length > maxChars) throw invalid('format', 'status list token is not a string of bounded size')
  const parts = jwt.split('.')
  if (parts.length !== 3 || !parts.every((p) => b64uJson.test(p))) throw invalid('format', 'status list token is not a compact JWS')
  const [h, p, sig] = parts as [string, string, string]

  const header = parseJsonPart(Header, h, 'header')
  if (!isTyp(header.typ)) throw invalid('typ', `status list token typ must be ${STATUS_LIST_JWT_TYP}`)
  if (!isSigningAlg(header.alg, opts.algorithms)) throw invalid('alg', 'status list token alg is not allowed')
  if (header.crit !== undefined) throw invalid('crit', 'status list token has critical header parameters')
  const typedHeader = header as StatusListTokenHeader

  let key
  try {
    key = verificationKey(await opts.resolveKey(typedHeader), typedHeader.alg)
  } catch (cause) {
    if (isEidError(cause, 'status_list_invalid')) throw cause
    throw invalid('key', 'no trusted key for the status list token', cause)
  }
  if (!verifyJwsSignature(`${h}.${p}`, sig, key, typedHeader.alg)) throw invalid('signature', 'status list token signature is invalid')

  const payload = parseJsonPart(Payload, p, 'claims')
  if (payload.sub !== opts.expectedSub) throw invalid('sub', 'status list token sub does not equal the status claim uri')
  if (payload.exp === undefined && opts.requireExp) throw invalid('exp', 'status list token has no exp')
  if (payload.exp !== undefined && opts.now - skew >= payload.exp) throw invalid('exp', 'status list token has expired')
  if (payload.nbf !== undefined && payload.nbf > opts.now + skew) throw invalid('nbf', 'status list token is not yet valid')
  if (payload.iat > opts.now + skew) throw invalid('iat', 'status list token iat is in the future')
  if (opts.maxAgeSeconds !== undefined && opts.now - payload.iat > opts.maxAgeSeconds) {
    throw invalid('iat', 'status list token is older than allowed')
  }
  const list = decodeStatusList(payload.status_list, opts.limits)
  return {
    header: typedHeader,
    payload,
    list,
    iat: payload.iat,
    ...(payload.exp !== undefined ? { exp: payload.exp } : {}),
    ...(payload.ttl !== undefined ? { ttl: payload.ttl } : {}),
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

function invalid(check: string, message: string, cause?: unknown): EidError {
  return new EidError('status_list_invalid', message, { details: { check }, ...(cause !== undefined ? { cause } : {}) })
}
