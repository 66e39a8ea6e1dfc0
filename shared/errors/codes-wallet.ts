// Error codes of the wallet area. Each entry: HTTP status and OAuth `error` value.
export const WALLET_CODES = {
  // Encrypted state file
  wallet_passphrase_missing: { status: 400, oauth: 'invalid_request' },
  wallet_passphrase_wrong: { status: 401, oauth: 'access_denied' },
  wallet_passphrase_weak: { status: 400, oauth: 'invalid_request' },
  wallet_file_corrupt: { status: 500, oauth: 'server_error' },
  wallet_busy: { status: 409, oauth: 'temporarily_unavailable' },
  // Registrar roots are configured as a URL but none is stored yet: `wallet refresh-trust` (never fetched while presenting)
  wallet_trust_not_loaded: { status: 409, oauth: 'temporarily_unavailable' },
  // The web app: no unlocked session (the unlock page, or 401 under /api)
  wallet_locked: { status: 401, oauth: 'access_denied' },
  // Issuance (OpenID4VCI holder side)
  credential_offer_invalid: { status: 400, oauth: 'invalid_request' },
  issuer_metadata_invalid: { status: 502, oauth: 'server_error' },
  issuance_failed: { status: 502, oauth: 'server_error' },
  issued_credential_invalid: { status: 502, oauth: 'server_error' },
  // Presentation (OpenID4VP wallet side)
  authorization_request_invalid: { status: 400, oauth: 'invalid_request' },
  request_object_invalid: { status: 400, oauth: 'invalid_request_object' },
  request_object_signature_invalid: { status: 400, oauth: 'invalid_request_object' },
  request_object_expired: { status: 400, oauth: 'invalid_request_object' },
  client_id_mismatch: { status: 400, oauth: 'invalid_client' },
  registration_certificate_missing: { status: 400, oauth: 'invalid_request_object' },
  dcql_query_invalid: { status: 400, oauth: 'invalid_request' },
  response_uri_not_registered: { status: 400, oauth: 'invalid_request' },
  redirect_uri_not_allowed: { status: 400, oauth: 'invalid_request' },
  transaction_data_unsupported: { status: 400, oauth: 'invalid_request' },
  no_matching_credential: { status: 400, oauth: 'access_denied' },
  no_unlinkable_credential: { status: 409, oauth: 'access_denied' },
  presentation_not_accepted: { status: 502, oauth: 'server_error' },
} as const
