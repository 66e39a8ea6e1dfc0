// The SD-JWT VC type of the person identification credential (draft-ietf-oauth-sd-jwt-vc §3.2.2.1.1 `vct`).

/** `vct` of the PID credential; verifiers pass it as `expectedVct`. */
export const PID_VCT = 'urn:eid:pid:1'
/** The OpenID4VCI credential configuration identifier of the PID credential. */
export const PID_CONFIGURATION_ID = 'pid_sd_jwt'
/** Ages for which an `age_over_N` claim is issued. */
export const AGE_THRESHOLDS = [14, 16, 18, 21, 60, 65] as const
