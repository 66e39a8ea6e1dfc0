// OpenID4VCI 1.0 identifiers used on the wire (grant type §4.1.1, proof type §8.2.1.1, offer scheme §4.1).

/** Grant type of the pre-authorized code flow (OpenID4VCI 1.0 §4.1.1, §6.1). */
export const PRE_AUTHORIZED_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'
/** Grant type of the refresh grant (RFC 6749 §6), used by this profile to top up SD-JWT batches (docs/protocol/issuance.md). */
export const REFRESH_TOKEN_GRANT = 'refresh_token'
/** JOSE `typ` of a key proof JWT (OpenID4VCI 1.0 Appendix F.1). */
export const PROOF_JWT_TYP = 'openid4vci-proof+jwt'
/** URI scheme of a same-device credential offer (OpenID4VCI 1.0 §4.1). */
export const CREDENTIAL_OFFER_SCHEME = 'openid-credential-offer://'
/** Credential format identifier of SD-JWT VC (OpenID4VCI 1.0 Appendix A.3). */
export const SD_JWT_VC_FORMAT = 'dc+sd-jwt'
