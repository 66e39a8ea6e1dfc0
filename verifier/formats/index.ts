// The verifier's credential-format table: DCQL parsing, presets, client metadata and verification dispatch go
// through it. Adding a format is adding a row and its module.
import { deepFreeze, isDeepFrozen } from '../../shared/cache/index.ts'
import { EidError } from '../../shared/errors/index.ts'
import { SD_JWT_VC_FORMAT, credentialFormatsOf } from '../../shared/oid4vp/index.ts'
import type { ParsedDcqlQuery } from '../../shared/oid4vp/index.ts'
import { bbsJwpFormat } from './bbs-jwp.ts'
import { sdJwtVcFormat } from './sd-jwt-vc.ts'
import type { VerifierFormat } from './types.ts'

export type { VerifierFormat }

/** Every format this verifier requests and verifies. */
export const VERIFIER_FORMATS: readonly VerifierFormat[] = [sdJwtVcFormat, bbsJwpFormat]

/** `client_metadata.vp_formats_supported` of every request object. */
export const VP_FORMATS_SUPPORTED: Readonly<Record<string, unknown>> = Object.fromEntries(VERIFIER_FORMATS.map((f) => [f.format, f.vpFormat]))

/** Every preset name of `POST /presentations`, with the query it stands for. */
export const PRESETS: Readonly<Record<string, (vct: string) => Record<string, unknown>>> = Object.assign({}, ...VERIFIER_FORMATS.map((f) => f.presets))

/**
 * The row answering `query`: one format per query (`dcql_query_invalid` for a mix or a format not in the
 * table). A query without readable formats goes to SD-JWT VC, whose parser names what is wrong.
 */
export function formatOfQuery(query: unknown): VerifierFormat {
  const formats = credentialFormatsOf(query)
  if (formats.length > 1) throw new EidError('dcql_query_invalid', 'a query asks for one credential format')
  const id = formats[0] ?? SD_JWT_VC_FORMAT
  const row = VERIFIER_FORMATS.find((f) => f.format === id)
  if (row === undefined) throw new EidError('dcql_query_invalid', 'the query asks for a credential format this verifier does not support')
  return row
}

/** A session's query with its format row, parsed and validated. */
export interface ParsedSessionQuery {
  row: VerifierFormat
  query: ParsedDcqlQuery
}

const PARSED = new Map<string, ParsedSessionQuery>()
/** Distinct query texts kept parsed (each at most DCQL_LIMITS.maxBytes): presets and a service's own queries repeat. */
const MAX_PARSED = 256
/** The same, by the identity of a deeply frozen query object (only such an object cannot change after it was parsed). */
const BY_OBJECT = new WeakMap<object, ParsedSessionQuery>()

/**
 * Parses a session's DCQL query with its format's parser (`dcql_query_invalid`), once per distinct query text in
 * this process: `POST /presentations` parses and validates it, and every `direct_post` answering a session with
 * the same query text reuses that result (frozen, so no check can alter it) instead of parsing the stored JSON
 * again. Another instance parses a query it has not seen at its first post, with the same checks.
 */
export function parsedQueryOf(query: unknown): ParsedSessionQuery {
  // a session read from the store carries the store's shared, frozen query object: found without serialising it
  const known = typeof query === 'object' && query !== null ? BY_OBJECT.get(query) : undefined
  if (known !== undefined) return known
  const key = JSON.stringify(query) as string | undefined
  const hit = key === undefined ? undefined : PARSED.get(key)
  if (hit !== undefined) {
    if (isDeepFrozen(query)) BY_OBJECT.set(query as object, hit)
    return hit
  }
  const row = formatOfQuery(query)
  const parsed: ParsedSessionQuery = { row, query: deepFreeze(row.parseQuery(query)) }
  if (key !== undefined) {
    if (PARSED.size >= MAX_PARSED) PARSED.delete(PARSED.keys().next().value as string)
    PARSED.set(key, parsed)
  }
  if (isDeepFrozen(query)) BY_OBJECT.set(query as object, parsed)
  return parsed
}

/** Parses a session's DCQL query with its format's parser (`dcql_query_invalid`); see parsedQueryOf. */
export function parseQuery(query: unknown): ParsedDcqlQuery {
  return parsedQueryOf(query).query
}
