// Error codes of the presentation area (x509, registration, OpenID4VP, verifier). Each entry: HTTP status and OAuth `error` value.
export const PRESENTATION_CODES = {
  // shared/x509: certification path of an x5c chain
  x5c_invalid: { status: 400, oauth: 'invalid_request' },
  x5c_untrusted: { status: 400, oauth: 'invalid_request' },
  x5c_signature_invalid: { status: 400, oauth: 'invalid_request' },
  x5c_not_ca: { status: 400, oauth: 'invalid_request' },
  x5c_path_length_exceeded: { status: 400, oauth: 'invalid_request' },
  x5c_leaf_invalid: { status: 400, oauth: 'invalid_request' },
  certificate_expired: { status: 400, oauth: 'invalid_request' },
  certificate_not_yet_valid: { status: 400, oauth: 'invalid_request' },
  // shared/registration (client_id_mismatch and dcql_query_invalid are in codes-wallet.ts)
  registration_invalid: { status: 400, oauth: 'invalid_request' },
  registration_signature_invalid: { status: 400, oauth: 'invalid_request' },
  registration_client_mismatch: { status: 400, oauth: 'invalid_request' },
  registration_expired: { status: 400, oauth: 'invalid_request' },
  registration_not_yet_valid: { status: 400, oauth: 'invalid_request' },
  registration_not_entitled: { status: 400, oauth: 'invalid_request' },
  claim_not_registered: { status: 403, oauth: 'access_denied' },
  // registrar: a registration naming a claim no configured credential type carries
  claim_not_issued: { status: 400, oauth: 'invalid_request' },
  claims_path_invalid: { status: 400, oauth: 'invalid_request' },
  // shared/oid4vp (request_object_*, client_id_mismatch, registration_certificate_missing are in codes-wallet.ts)
  authorization_response_invalid: { status: 400, oauth: 'invalid_request' },
  // direct_post.jwt (OpenID4VP 1.0 §8.3): a JWE that does not decrypt with the request's key; a plain response under HAIP
  response_decryption_failed: { status: 400, oauth: 'invalid_request' },
  response_encryption_required: { status: 400, oauth: 'invalid_request' },
  vp_token_invalid: { status: 400, oauth: 'invalid_request' },
  dcql_not_satisfied: { status: 400, oauth: 'invalid_request' },
  required_claim_missing: { status: 400, oauth: 'invalid_request' },
  over_disclosure: { status: 400, oauth: 'invalid_request' },
  claim_value_mismatch: { status: 400, oauth: 'invalid_request' },
  // verifier service
  issuer_untrusted: { status: 400, oauth: 'invalid_request' },
  issuer_key_unknown: { status: 400, oauth: 'invalid_request' },
  issuer_certificate_mismatch: { status: 400, oauth: 'invalid_request' },
  state_unknown: { status: 400, oauth: 'invalid_request' },
  request_expired: { status: 400, oauth: 'invalid_request' },
  response_replayed: { status: 400, oauth: 'invalid_request' },
  presentation_not_found: { status: 404, oauth: 'invalid_request' },
  response_code_invalid: { status: 403, oauth: 'access_denied' },
} as const
