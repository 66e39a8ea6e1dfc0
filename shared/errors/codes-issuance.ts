// Error codes of the issuance area (OpenID4VCI 1.0 §6.3, §8.3.1.2; RFC 6749 §5.2). Each entry: HTTP status and OAuth `error` value.
export const ISSUANCE_CODES = {
  // Token endpoint (RFC 6749 §5.2, OpenID4VCI §6.3)
  unsupported_grant_type: { status: 400, oauth: 'unsupported_grant_type' },
  pre_authorized_code_invalid: { status: 400, oauth: 'invalid_grant' },
  tx_code_required: { status: 400, oauth: 'invalid_request' },
  tx_code_invalid: { status: 400, oauth: 'invalid_grant' },
  offer_locked: { status: 400, oauth: 'invalid_grant' },
  // Credential endpoint (OpenID4VCI §8.3.1.2)
  access_token_invalid: { status: 401, oauth: 'invalid_token' },
  credential_request_invalid: { status: 400, oauth: 'invalid_credential_request' },
  credential_configuration_unknown: { status: 400, oauth: 'unknown_credential_configuration' },
  credential_request_denied: { status: 400, oauth: 'credential_request_denied' },
  batch_too_large: { status: 400, oauth: 'invalid_credential_request' },
  batch_not_supported: { status: 400, oauth: 'invalid_credential_request' },
  proof_singular_unsupported: { status: 400, oauth: 'invalid_credential_request' },
  proofs_missing: { status: 400, oauth: 'invalid_proof' },
  proofs_multiple_types: { status: 400, oauth: 'invalid_proof' },
  proof_type_unsupported: { status: 400, oauth: 'invalid_proof' },
  proof_nonce_missing: { status: 400, oauth: 'invalid_proof' },
  nonce_invalid: { status: 400, oauth: 'invalid_nonce' },
  proof_malformed: { status: 400, oauth: 'invalid_proof' },
  proof_typ_invalid: { status: 400, oauth: 'invalid_proof' },
  proof_alg_not_allowed: { status: 400, oauth: 'invalid_proof' },
  proof_key_invalid: { status: 400, oauth: 'invalid_proof' },
  proof_signature_invalid: { status: 400, oauth: 'invalid_proof' },
  proof_aud_mismatch: { status: 400, oauth: 'invalid_proof' },
  proof_iat_invalid: { status: 400, oauth: 'invalid_proof' },
  proof_nonce_mismatch: { status: 400, oauth: 'invalid_proof' },
  proof_key_reused: { status: 400, oauth: 'invalid_proof' },
  // Issuer-side failures that are not the client's fault
  status_allocation_failed: { status: 503, oauth: 'server_error' },
} as const
