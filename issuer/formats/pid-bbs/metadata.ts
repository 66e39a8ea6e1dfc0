// The pid_bbs entry of the Credential Issuer Metadata (OpenID4VCI 1.0 §12.2.4, extended by this profile).
import { SIGNING_ALGS } from '../../../shared/keys/index.ts'
import { PID_CLAIMS_METADATA, PID_DISPLAY, PID_VCT } from '../../../shared/pid/index.ts'
import { JPT_FORMAT, NYM_COMMITMENT_CLAIM, PID_BBS_ALG } from '../../../shared/pid-bbs/index.ts'
import type { CredentialConfigurationEntry } from '../types.ts'
import type { BbsIssuer } from './issuer.ts'

/** The `pid_bbs` credential configuration: a JPT (`dc+jpt`), BBS-NYM, same claims and display as pid_sd_jwt. */
export function pidBbsConfiguration(bbs: BbsIssuer): CredentialConfigurationEntry & Record<string, unknown> {
  return {
    format: JPT_FORMAT,
    vct: PID_VCT,
    scope: 'pid_bbs',
    cryptographic_binding_methods_supported: ['bbs_nym'],
    credential_signing_alg_values_supported: [PID_BBS_ALG],
    proof_types_supported: {
      jwt: {
        proof_signing_alg_values_supported: [...SIGNING_ALGS],
        [NYM_COMMITMENT_CLAIM]: { required: true, ciphersuite: 'BLS12-381-SHA-256', nym_count: 1 },
      },
    },
    credential_validity_seconds: bbs.config.validitySeconds,
    credential_metadata: { display: PID_DISPLAY, claims: PID_CLAIMS_METADATA },
  }
}
