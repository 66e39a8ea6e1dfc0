// DCQL query parsing (OpenID4VP 1.0 §6) with the `dcql` package, bounded, for SD-JWT VC credential queries; other
// formats are parsed by the parser the caller's format table supplies.
import { DcqlQuery } from 'dcql'
import { EidError } from '../errors/index.ts'
import type { ClaimsPath } from '../registration/index.ts'
import { claimsPathProblem } from '../registration/index.ts'

/** A parsed and validated DCQL query. */
export type ParsedDcqlQuery = DcqlQuery.Output

/** Parses a DCQL query asking for one credential format (`dcql_query_invalid`): a row of a caller's format table. */
export type DcqlQueryParser = (input: unknown) => ParsedDcqlQuery

/** Parsers of formats other than `dc+sd-jwt`, by DCQL `format` identifier. */
export type DcqlFormatParsers = Readonly<Record<string, DcqlQueryParser>>

export const DCQL_LIMITS = { maxBytes: 16_384, maxCredentials: 8, maxClaims: 32 } as const
/** The only credential format this profile requests. */
export const SD_JWT_VC_FORMAT = 'dc+sd-jwt'

/** The distinct `format` values of `query`'s credential queries (none when it has no credentials array). */
export function credentialFormatsOf(query: unknown): string[] {
  const creds = typeof query === 'object' && query !== null ? (query as { credentials?: unknown }).credentials : undefined
  if (!Array.isArray(creds)) return []
  const formats = creds.map((c) => (typeof c === 'object' && c !== null ? (c as { format?: unknown }).format : undefined))
  return [...new Set(formats.filter((f): f is string => typeof f === 'string'))]
}

/**
 * Parses and validates `input` as a DCQL query (`dcql_query_invalid` on any failure): JSON size,
 * number of credential and claims queries, `dcql` schema and cross-field rules, `dc+sd-jwt` format,
 * and claims paths in the bounded DCQL syntax. A query naming a format of `formats` is parsed by
 * that parser instead (its output has the DCQL shape the generic code reads).
 */
export function parseDcqlQuery(input: unknown, formats: DcqlFormatParsers = {}): ParsedDcqlQuery {
  let size: number
  try {
    size = JSON.stringify(input)?.length ?? 0
  } catch {
    throw new EidError('dcql_query_invalid', 'dcql_query is not JSON')
  }
  if (size === 0 || size > DCQL_LIMITS.maxBytes) throw new EidError('dcql_query_invalid', `dcql_query must be JSON of at most ${DCQL_LIMITS.maxBytes} bytes`)
  checkClaimsPaths(input)
  const other = credentialFormatsOf(input).find((f) => f !== SD_JWT_VC_FORMAT && Object.hasOwn(formats, f))
  if (other !== undefined) return (formats[other] as DcqlQueryParser)(input)
  let q: ParsedDcqlQuery
  try {
    q = DcqlQuery.parse(input as DcqlQuery.Input)
    DcqlQuery.validate(q)
  } catch (cause) {
    throw new EidError('dcql_query_invalid', 'dcql_query is not a valid DCQL query', { cause })
  }
  if (q.credentials.length > DCQL_LIMITS.maxCredentials) throw new EidError('dcql_query_invalid', `dcql_query has more than ${DCQL_LIMITS.maxCredentials} credential queries`)
  for (const c of q.credentials) {
    if (c.format !== SD_JWT_VC_FORMAT) throw new EidError('dcql_query_invalid', `credential query ${c.id} must use format ${SD_JWT_VC_FORMAT}`)
    if ((c.claims?.length ?? 0) > DCQL_LIMITS.maxClaims) throw new EidError('dcql_query_invalid', `credential query ${c.id} has more than ${DCQL_LIMITS.maxClaims} claims`)
    // claims paths: checkClaimsPaths above, on the raw query, with the same rule (claims_path_invalid)
  }
  return q
}

/**
 * Every `credentials[].claims[].path` of the raw query checked against the claims-path grammar before any library
 * reads it (`claims_path_invalid`): `__proto__`, `constructor`, `prototype`, `null` or an index at the top, empty.
 */
function checkClaimsPaths(input: unknown): void {
  const credentials = (input as { credentials?: unknown } | null)?.credentials
  if (!Array.isArray(credentials)) return
  for (const c of credentials.slice(0, DCQL_LIMITS.maxCredentials + 1)) {
    const claims = (c as { claims?: unknown } | null)?.claims
    if (!Array.isArray(claims)) continue
    for (const cl of claims.slice(0, DCQL_LIMITS.maxClaims + 1)) {
      if (typeof cl !== 'object' || cl === null || !('path' in cl)) continue
      const problem = claimsPathProblem((cl as { path: unknown }).path)
      if (problem !== undefined) throw new EidError('claims_path_invalid', `dcql_query: ${problem}`)
    }
  }
}

/** The claims paths credential query `id` asks for (all of its `claims`, whatever `claim_sets` picks). */
export function requestedPathsOf(query: ParsedDcqlQuery, id: string): ClaimsPath[] {
  const c = query.credentials.find((cq) => cq.id === id)
  return (c?.claims ?? []).map((cl) => ('path' in cl ? (cl.path as ClaimsPath) : []))
}

/** `vct_values` of credential query `id`, when it restricts them. */
export function vctValuesOf(query: ParsedDcqlQuery, id: string): string[] | undefined {
  const c = query.credentials.find((cq) => cq.id === id)
  const meta = c?.meta as { vct_values?: string[] } | undefined
  return meta?.vct_values
}
