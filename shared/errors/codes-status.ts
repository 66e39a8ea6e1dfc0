// Error codes of the status area (Token Status List, draft-ietf-oauth-status-list-20). Each entry: HTTP status and OAuth `error` value.
export const STATUS_CODES = {
  /** The Referenced Token's status list entry says INVALID (0x01). */
  credential_revoked: { status: 400, oauth: 'invalid_request' },
  /** The Referenced Token's status list entry says SUSPENDED (0x02). */
  credential_suspended: { status: 400, oauth: 'invalid_request' },
  /** The `status.status_list` claim is missing or not `{ idx: non-negative integer, uri: URI }`. */
  status_claim_invalid: { status: 400, oauth: 'invalid_request' },
  /** `idx` lies outside the Status List: no statement can be made, so the token is rejected (§8.3 step 6). */
  status_index_out_of_range: { status: 400, oauth: 'invalid_request' },
  /** The Status List Token could not be fetched (network, timeout, HTTP status, size, content type). Fail closed. */
  status_list_unavailable: { status: 503, oauth: 'temporarily_unavailable' },
  /** The Status List Token or its list failed a check (signature, typ, sub, exp, iat, shape, compression). Fail closed. */
  status_list_invalid: { status: 502, oauth: 'server_error' },
  /** The status list request's Accept header names neither `application/statuslist+jwt` nor `application/statuslist+cwt` (§8.1). */
  status_list_not_acceptable: { status: 406, oauth: 'invalid_request' },
  /** A revoked (INVALID) credential or person can't be suspended or reinstated: revocation is final. */
  status_change_not_allowed: { status: 409, oauth: 'invalid_request' },
} as const
