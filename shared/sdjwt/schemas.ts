// zod shapes of the issuer-signed JWT and the KB-JWT (RFC 9901 §4.1, §4.3; draft-ietf-oauth-sd-jwt-vc §3.2).
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'
import type { ErrorCode } from '../errors/index.ts'
import { isNumericDate, numericDateSchema } from '../keys/index.ts'

/** iat, nbf, exp: safe integers up to year 9999 (shared/keys), so the value checked is the value signed. */
const numericDate = numericDateSchema

/** Issuer JWT protected header: alg REQUIRED; typ, kid, x5c OPTIONAL; `crit` not supported (RFC 7515 §4.1.11). */
export const issuerHeaderSchema = z.object({
  alg: z.string().max(32),
  typ: z.string().max(64).optional(),
  kid: z.string().max(512).optional(),
  x5c: z.array(z.string().max(16384)).min(1).max(10).optional(),
  crit: z.undefined({ error: 'crit is not supported' }).optional(),
})

/** Issuer JWT payload: registered and SD-JWT VC claims typed when present; `_sd`/`...` checked during processing. */
export const issuerPayloadSchema = z.object({
  iss: z.string().max(2048).optional(),
  sub: z.string().max(2048).optional(),
  iat: numericDate.optional(),
  nbf: numericDate.optional(),
  exp: numericDate.optional(),
  vct: z.string().max(2048).optional(),
  'vct#integrity': z.string().max(512).optional(),
  cnf: z.looseObject({ jwk: z.unknown().optional() }).optional(),
  status: z.looseObject({}).optional(),
  _sd_alg: z.string().max(32).optional(),
})

/** KB-JWT header: alg and typ REQUIRED (RFC 9901 §4.3). */
export const kbHeaderSchema = z.object({
  alg: z.string().max(32),
  typ: z.string().max(64),
  crit: z.undefined({ error: 'crit is not supported' }).optional(),
})

/**
 * KB-JWT payload: iat, aud, nonce, sd_hash REQUIRED (RFC 9901 §4.3); exp and nbf, when present, are
 * NumericDates checked like any JWT's (RFC 7519 §4.1.4-5). `aud` is checked separately to reject arrays with its own code.
 */
export const kbPayloadSchema = z.object({
  iat: numericDate,
  exp: numericDate.optional(),
  nbf: numericDate.optional(),
  aud: z.unknown().optional(),
  nonce: z.string().max(1024),
  sd_hash: z.string().max(128),
})

/** The value of an own member (checkMembers reads own members only, as JSON.parse makes them). */
function own(obj: Record<string, unknown>, k: string): unknown {
  return Object.hasOwn(obj, k) ? obj[k] : undefined
}

function isStr(v: unknown, max: number): boolean {
  return typeof v === 'string' && v.length <= max
}

function isOptStr(v: unknown, max: number): boolean {
  return v === undefined || (typeof v === 'string' && v.length <= max)
}

function isOptDate(v: unknown): boolean {
  return v === undefined || isNumericDate(v)
}

function isOptObject(v: unknown): boolean {
  return v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v))
}

function isOptX5c(v: unknown): boolean {
  if (v === undefined) return true
  if (!Array.isArray(v) || v.length < 1 || v.length > 10) return false
  for (let i = 0; i < v.length; i++) if (!isStr(v[i], 16384)) return false
  return true
}

/**
 * The rules of each schema above as a predicate without zod, for the common case: true only for members the schema
 * accepts (test/unit/sdjwt-schemas-fast-path.test.ts); false leaves the decision, and the error naming the member, to zod.
 */
export const FITS: ReadonlyMap<z.ZodObject, (obj: Record<string, unknown>) => boolean> = new Map<z.ZodObject, (obj: Record<string, unknown>) => boolean>([
  [issuerHeaderSchema, (o) => isStr(own(o, 'alg'), 32) && isOptStr(own(o, 'typ'), 64) && isOptStr(own(o, 'kid'), 512) && isOptX5c(own(o, 'x5c')) && own(o, 'crit') === undefined],
  [issuerPayloadSchema, (o) =>
    isOptStr(own(o, 'iss'), 2048) && isOptStr(own(o, 'sub'), 2048) && isOptDate(own(o, 'iat')) && isOptDate(own(o, 'nbf')) &&
    isOptDate(own(o, 'exp')) && isOptStr(own(o, 'vct'), 2048) && isOptStr(own(o, 'vct#integrity'), 512) && isOptObject(own(o, 'cnf')) &&
    isOptObject(own(o, 'status')) && isOptStr(own(o, '_sd_alg'), 32)],
  [kbHeaderSchema, (o) => isStr(own(o, 'alg'), 32) && isStr(own(o, 'typ'), 64) && own(o, 'crit') === undefined],
  [kbPayloadSchema, (o) =>
    isNumericDate(own(o, 'iat')) && isOptDate(own(o, 'exp')) && isOptDate(own(o, 'nbf')) && isStr(own(o, 'nonce'), 1024) && isStr(own(o, 'sd_hash'), 128)],
])

const SHAPE_KEYS = new WeakMap<z.ZodObject, readonly string[]>()

/**
 * Checks the members `schema` names on a JSON object (other members are left alone, uncopied) and
 * returns the object itself. EidError `code` naming the member when the object or a member is wrong.
 * The members of a valid object are checked without zod when the schema has a FITS predicate; any other object goes
 * through zod, which decides and names the member.
 */
export function checkMembers<S extends z.ZodObject>(schema: S, value: unknown, code: ErrorCode, what: string): Record<string, unknown> & z.output<S> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new EidError(code, `${what} must be a JSON object`)
  const obj = value as Record<string, unknown>
  if (FITS.get(schema)?.(obj) === true) return obj as Record<string, unknown> & z.output<S>
  let keys = SHAPE_KEYS.get(schema)
  if (keys === undefined) SHAPE_KEYS.set(schema, (keys = Object.keys(schema.shape)))
  const picked: Record<string, unknown> = {}
  for (const k of keys) if (Object.hasOwn(obj, k)) picked[k] = obj[k]
  parseInput(schema, picked, code, what)
  return obj as Record<string, unknown> & z.output<S>
}
