// Status List Token in JWT format (draft-ietf-oauth-status-list-20 §5.1): header `typ: statuslist+jwt`, claims sub/iat/exp/ttl/status_list.
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'
import { assertSigningAlg, signJwsCompact } from '../keys/index.ts'
import type { CryptoKey, SigningAlg } from '../keys/index.ts'
import { isStatusBits } from './types.ts'
import type { StatusListJson } from './types.ts'

/** The JWT `typ` of a Status List Token (§5.1) and the media type it is served with (§8.2). */
export const STATUS_LIST_JWT_TYP = 'statuslist+jwt'
export const STATUS_LIST_JWT_MEDIA_TYPE = 'application/statuslist+jwt'

/** Who signs: the issuer's key (the same key as its credentials, per §11.3), with `kid` and/or `x5c`. */
export interface StatusListSigner {
  alg: SigningAlg
  privateKey: CryptoKey
  kid?: string
  x5c?: string[]
}

export interface SignStatusListInput {
  /** The URI the token is served at; Referenced Tokens carry it as `status.status_list.uri`. */
  sub: string
  iss?: string
  iat: number
  exp: number
  /** Seconds a consumer may cache the token (positive). */
  ttl: number
  list: StatusListJson
  signer: StatusListSigner
}

/** The claims both token forms carry (the CWT signer extends it with its own `list`). */
export const TokenInput = z.object({
  sub: z.url().max(2048),
  iss: z.string().min(1).max(2048).optional(),
  iat: z.number().int().nonnegative(),
  exp: z.number().int().positive(),
  ttl: z.number().int().positive(),
})
export const ListBits = z.custom<StatusListJson['bits']>(isStatusBits, 'bits must be 1, 2, 4 or 8')

const Input = TokenInput.extend({
  list: z.object({ bits: ListBits, lst: z.string().regex(/^[A-Za-z0-9_-]+$/), aggregation_uri: z.url().optional() }),
})

/** `input` parsed with `schema` (`invalid_request` naming the member), and `exp` after `iat`. */
export function parseTokenInput<S extends typeof TokenInput>(schema: S, input: unknown): z.output<S> {
  const parsed = parseInput(schema, input, 'invalid_request', 'status list token input')
  if (parsed.exp <= parsed.iat) throw new EidError('invalid_request', 'exp must be after iat')
  return parsed
}

/** Signs a Status List Token JWT. Throws `invalid_request` on a malformed input or `exp <= iat`, `alg_not_allowed` on the signer's alg. */
export async function signStatusListToken(input: SignStatusListInput): Promise<string> {
  const { sub, iss, iat, exp, ttl, list } = parseTokenInput(Input, input)
  const alg = assertSigningAlg(input.signer.alg)
  const header: Record<string, unknown> = { typ: STATUS_LIST_JWT_TYP }
  if (input.signer.kid !== undefined) header.kid = input.signer.kid
  if (input.signer.x5c !== undefined) header.x5c = input.signer.x5c
  const statusList: StatusListJson = { bits: list.bits, lst: list.lst }
  if (list.aggregation_uri !== undefined) statusList.aggregation_uri = list.aggregation_uri
  const payload = { sub, ...(iss !== undefined ? { iss } : {}), iat, exp, ttl, status_list: statusList }
  return signJwsCompact(header, payload, input.signer.privateKey, alg)
}
