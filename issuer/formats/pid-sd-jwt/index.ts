// The pid_sd_jwt row of the issuer's format table: a batch of SD-JWT VCs (RFC 9901, draft-ietf-oauth-sd-jwt-vc), each bound to a holder key.
import { PID_CONFIGURATION_ID } from '../../../shared/pid/index.ts'
import type { IssuerDeps } from '../../deps.ts'
import type { IssuerFormat } from '../types.ts'
import { issuePidSdJwts } from './credential.ts'
import { pidSdJwtConfiguration } from './metadata.ts'

/** `pid_sd_jwt`: up to `batchSize` credentials per access token; publishes every credential-signing key, current and retired. */
export function pidSdJwtFormat(deps: IssuerDeps): IssuerFormat {
  return {
    id: PID_CONFIGURATION_ID,
    credits: deps.config.batchSize,
    // once-only wallets spend a copy per presentation and top the batch up through the refresh grant
    refresh: true,
    configuration: () => pidSdJwtConfiguration(deps),
    jwks: () => deps.keys.publishedIssuing.map((k) => k.publicJwk),
    issue: (request) => issuePidSdJwts(deps, request),
  }
}
