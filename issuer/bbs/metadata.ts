// Published BBS documents: the pid_bbs entry of the Credential Issuer Metadata (OpenID4VCI 1.0 §12.2.4, extended by
// this profile) and the BBS key beside the JWS keys in the JWT VC issuer metadata JWKS.
import { SIGNING_ALGS } from '../../shared/keys/index.ts'
import { PID_CLAIMS_METADATA, PID_DISPLAY, PID_VCT } from '../../shared/pid/index.ts'
import { JPT_FORMAT, NYM_COMMITMENT_CLAIM, PID_BBS_ALG, PID_BBS_CONFIGURATION_ID } from '../../shared/pid-bbs/index.ts'
import type { BbsIssuer } from './issuer.ts'

/** The `pid_bbs` credential configuration: a JPT (`dc+jpt`), BBS-NYM, same claims and display as pid_sd_jwt. */
export function pidBbsConfiguration(bbs: BbsIssuer): Record<string, unknown> {
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

/** Credential Issuer Metadata with `pid_bbs` added to `credential_configurations_supported`. */
export function withPidBbsConfiguration<M extends { credential_configurations_supported: object }>(md: M, bbs: BbsIssuer): M {
  return { ...md, credential_configurations_supported: { ...md.credential_configurations_supported, [PID_BBS_CONFIGURATION_ID]: pidBbsConfiguration(bbs) } }
}

/** A JWKS with the BBS public key (kty OKP, crv BLS12381G2, proof_alg BBS-NYM, its own kid) first, the JWS keys after it in their order. */
export function withBbsKey<J extends { keys: object[] }>(jwks: J, bbs: BbsIssuer): J {
  return { ...jwks, keys: [bbs.key.publicJwk, ...jwks.keys] }
}
