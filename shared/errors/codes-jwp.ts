// Error codes of the jwp area (JSON Web Proof, JSON Proof Token) and of blind BBS and BBS pseudonyms.
// Each entry: HTTP status and OAuth `error` value.
export const JWP_CODES = {
  // JWP container (draft-ietf-jose-json-web-proof)
  jwp_malformed: { status: 400, oauth: 'invalid_request' },
  jwp_too_large: { status: 400, oauth: 'invalid_request' },
  jwp_header_invalid: { status: 400, oauth: 'invalid_request' },
  jwp_wrong_form: { status: 400, oauth: 'invalid_request' },
  jwp_unsupported_alg: { status: 400, oauth: 'invalid_request' },
  jwp_crit_unsupported: { status: 400, oauth: 'invalid_request' },
  jwp_payload_count_mismatch: { status: 400, oauth: 'invalid_request' },
  jwp_proof_invalid: { status: 400, oauth: 'invalid_request' },
  jwp_nonce_mismatch: { status: 400, oauth: 'invalid_request' },
  jwp_audience_mismatch: { status: 400, oauth: 'invalid_request' },
  jwp_iat_invalid: { status: 400, oauth: 'invalid_request' },
  jwp_key_invalid: { status: 400, oauth: 'invalid_request' },
  // JSON Proof Token claims mapping (draft-ietf-jose-json-proof-token)
  jpt_claims_invalid: { status: 400, oauth: 'invalid_request' },
  // Blind BBS (draft-irtf-cfrg-bbs-blind-signatures)
  bbs_commitment_invalid: { status: 400, oauth: 'invalid_request' },
  bbs_blind_signature_invalid: { status: 400, oauth: 'invalid_request' },
  bbs_blind_proof_invalid: { status: 400, oauth: 'invalid_request' },
  bbs_blind_input_invalid: { status: 400, oauth: 'invalid_request' },
  // BBS per-verifier linkability (draft-irtf-cfrg-bbs-per-verifier-linkability)
  bbs_pseudonym_invalid: { status: 400, oauth: 'invalid_request' },
  bbs_pseudonym_proof_invalid: { status: 400, oauth: 'invalid_request' },
  bbs_nym_input_invalid: { status: 400, oauth: 'invalid_request' },
  // BBS PID in the flows (docs/protocol/bbs-flow.md): pid_bbs key proof without its nym commitment
  bbs_commitment_missing: { status: 400, oauth: 'invalid_proof' },
  // wallet: a BBS credential whose refresh offer is absent or expired (the person must accept a new offer)
  bbs_refresh_unavailable: { status: 409, oauth: 'invalid_request' },
  // wallet: a dc+jpt request that no held, unexpired BBS credential can answer
  bbs_credential_missing: { status: 409, oauth: 'invalid_request' },
  // wallet: the BBS credential that would answer has expired; presenting never renews it (renewal is on the wallet's
  // own schedule or `wallet refresh-bbs`, so the issuer never learns when a person presents)
  bbs_credential_expired: { status: 409, oauth: 'invalid_request' },
  // verifier: a BBS presentation whose pseudonym scope (`nym_ctx`) is not this service's service_id
  bbs_pseudonym_scope_mismatch: { status: 400, oauth: 'invalid_request' },
  // wallet import-nym: the file holds another pseudonym secret for an issuer whose BBS credentials the wallet holds
  nym_conflict: { status: 409, oauth: 'invalid_request' },
} as const
