// The pid_bbs row of the issuer's format table: a BBS-NYM JSON Proof Token (dc+jpt), blind-signed, with a refresh offer.
import { PID_BBS_CONFIGURATION_ID } from '../../../shared/pid-bbs/index.ts'
import type { IssuerDeps } from '../../deps.ts'
import type { IssuerFormat } from '../types.ts'
import { issueBbsCredential } from './credential.ts'
import type { BbsIssuer } from './issuer.ts'
import { pidBbsConfiguration } from './metadata.ts'

export { createBbsIssuer } from './issuer.ts'
export type { BbsIssuer } from './issuer.ts'
export type { BbsIssuerConfig } from './config.ts'

/** `pid_bbs`: one credential per access token (beside the SD-JWT batch); publishes the BBS key (kty OKP, crv BLS12381G2, its own kid). */
export function pidBbsFormat(deps: IssuerDeps, bbs: BbsIssuer): IssuerFormat {
  return {
    id: PID_BBS_CONFIGURATION_ID,
    credits: 1,
    configuration: () => pidBbsConfiguration(bbs),
    jwks: () => [bbs.key.publicJwk],
    issue: (request) => issueBbsCredential(deps, bbs, request),
  }
}
