// The wallet's credential-format table: request parsing, selection, consent and presentation go through it.
// Adding a format is adding a row and its module.
import { EidError } from '../../../shared/errors/index.ts'
import { SD_JWT_VC_FORMAT, credentialFormatsOf } from '../../../shared/oid4vp/index.ts'
import type { DcqlFormatParsers, DcqlQueryParser } from '../../../shared/oid4vp/index.ts'
import { bbsJwpFormat } from './bbs-jwp.ts'
import { sdJwtVcFormat } from './sd-jwt-vc.ts'
import type { WalletFormat } from './types.ts'

export type { FormatAnswer, FormatSelection, WalletFormat } from './types.ts'

/** Every format this wallet holds and presents. */
export const WALLET_FORMATS: readonly WalletFormat[] = [sdJwtVcFormat, bbsJwpFormat]

/** DCQL parsers of the formats besides `dc+sd-jwt`, for verifyRequestObject. */
export const WALLET_DCQL_FORMATS: DcqlFormatParsers = Object.fromEntries(
  WALLET_FORMATS.flatMap((f): [string, DcqlQueryParser][] => (f.parseQuery ? [[f.format, f.parseQuery]] : [])),
)

/** The row answering a parsed query: one format per query (`dcql_query_invalid` otherwise). */
export function walletFormatOfQuery(query: unknown): WalletFormat {
  const formats = credentialFormatsOf(query)
  const row = formats.length <= 1 ? WALLET_FORMATS.find((f) => f.format === (formats[0] ?? SD_JWT_VC_FORMAT)) : undefined
  if (row === undefined) throw new EidError('dcql_query_invalid', 'the request asks for a credential format mix or a format this wallet does not hold')
  return row
}
