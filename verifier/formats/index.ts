// The verifier's credential-format table: DCQL parsing, presets, client metadata and verification dispatch go
// through it. Adding a format is adding a row and its module.
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

/** Parses a session's DCQL query with its format's parser (`dcql_query_invalid`). */
export function parseQuery(query: unknown): ParsedDcqlQuery {
  return formatOfQuery(query).parseQuery(query)
}
