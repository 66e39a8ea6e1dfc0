// The one table mapping every stable error code to its HTTP status and OAuth `error` value.
import { COMMON_CODES } from './codes-common.ts'
import { SDJWT_CODES } from './codes-sdjwt.ts'
import { ISSUANCE_CODES } from './codes-issuance.ts'
import { PRESENTATION_CODES } from './codes-presentation.ts'
import { STATUS_CODES } from './codes-status.ts'
import { BBS_CODES } from './codes-bbs.ts'
import { JWP_CODES } from './codes-jwp.ts'
import { WALLET_CODES } from './codes-wallet.ts'

export interface CodeInfo {
  readonly status: number
  readonly oauth: string
}

export const ERROR_CODES = {
  ...COMMON_CODES,
  ...SDJWT_CODES,
  ...ISSUANCE_CODES,
  ...PRESENTATION_CODES,
  ...STATUS_CODES,
  ...BBS_CODES,
  ...JWP_CODES,
  ...WALLET_CODES,
} as const satisfies Record<string, CodeInfo>

export type ErrorCode = keyof typeof ERROR_CODES

/** True when `code` is one of the table's codes. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code)
}
