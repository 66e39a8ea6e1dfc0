// zod shapes of the issuer-signed JWT and the KB-JWT (RFC 9901 §4.1, §4.3; draft-ietf-oauth-sd-jwt-vc §3.2).
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'
import type { ErrorCode } from '../errors/index.ts'
import { numericDateSchema } from '../keys/index.ts'

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

/**
 * Checks the members `schema` names on a JSON object (other members are left alone, uncopied) and
 * returns the object itself. EidError `code` naming the member when the object or a member is wrong.
 */
export function checkMembers<S extends z.ZodObject>(schema: S, value: unknown, code: ErrorCode, what: string): Record<string, unknown> & z.output<S> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new EidError(code, `${what} must be a JSON object`)
  const obj = value as Record<string, unknown>
  const picked: Record<string, unknown> = {}
  for (const k of Object.keys(schema.shape)) if (Object.hasOwn(obj, k)) picked[k] = obj[k]
  parseInput(schema, picked, code, what)
  return obj as Record<string, unknown> & z.output<S>
}
