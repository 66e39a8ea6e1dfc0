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
} as const
