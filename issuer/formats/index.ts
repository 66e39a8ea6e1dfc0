// The issuer's credential-format table: one row per credential configuration it offers. Metadata, JWKS and
// POST /credential all go through it; adding a format is adding a row here and its module beside it.
import type { IssuerDeps } from '../deps.ts'
import { pidBbsFormat } from './pid-bbs/index.ts'
import type { BbsIssuer } from './pid-bbs/index.ts'
import { pidSdJwtFormat } from './pid-sd-jwt/index.ts'
import type { IssuerFormat } from './types.ts'

export type { IssuerFormat, AuthorizedCredentialRequest, CredentialConfigurationEntry } from './types.ts'
export { createBbsIssuer } from './pid-bbs/index.ts'
export type { BbsIssuer, BbsIssuerConfig } from './pid-bbs/index.ts'

/**
 * The rows, in the order they are published:
 *
 * | `credential_configuration_id` | format | module |
 * | --- | --- | --- |
 * | `pid_sd_jwt` | `dc+sd-jwt` (SD-JWT VC), batch, renewed by the refresh grant | `pid-sd-jwt/` |
 * | `pid_bbs` | `dc+jpt` (JWP, BBS-NYM), one per token, unless the issuer runs with `bbs: false` | `pid-bbs/` |
 */
export function issuerFormats(deps: IssuerDeps, opts: { bbs?: BbsIssuer | undefined }): IssuerFormat[] {
  return [pidSdJwtFormat(deps), ...(opts.bbs ? [pidBbsFormat(deps, opts.bbs)] : [])]
}
