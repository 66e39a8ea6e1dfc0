// The pid_sd_jwt entry of the Credential Issuer Metadata (OpenID4VCI 1.0 §12.2.4, Appendix A.3.2).
import { SD_JWT_VC_FORMAT } from '../../../shared/oid4vci/index.ts'
import type { SdJwtVcConfiguration } from '../../../shared/oid4vci/index.ts'
import { SIGNING_ALGS } from '../../../shared/keys/index.ts'
import { PID_CLAIMS_METADATA, PID_DISPLAY, PID_VCT } from '../../../shared/pid/index.ts'
import type { IssuerDeps } from '../../deps.ts'

/** The `pid_sd_jwt` credential configuration: a `dc+sd-jwt` PID signed with the current issuing key, bound by `jwk`. */
export function pidSdJwtConfiguration(deps: IssuerDeps): SdJwtVcConfiguration {
  return {
    format: SD_JWT_VC_FORMAT,
    vct: PID_VCT,
    scope: 'pid',
    cryptographic_binding_methods_supported: ['jwk'],
    credential_signing_alg_values_supported: [deps.keys.issuing.key.alg],
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: [...SIGNING_ALGS] } },
    credential_metadata: { display: PID_DISPLAY, claims: PID_CLAIMS_METADATA },
  }
}
