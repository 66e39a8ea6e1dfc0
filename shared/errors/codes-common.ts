// Error codes shared by every module and service: input shape, auth, limits.
export const COMMON_CODES = {
  invalid_request: { status: 400, oauth: 'invalid_request' },
  malformed_json: { status: 400, oauth: 'invalid_request' },
  body_too_large: { status: 413, oauth: 'invalid_request' },
  unsupported_media_type: { status: 415, oauth: 'invalid_request' },
  unauthorized: { status: 401, oauth: 'invalid_token' },
  forbidden: { status: 403, oauth: 'access_denied' },
  not_found: { status: 404, oauth: 'invalid_request' },
  rate_limited: { status: 429, oauth: 'slow_down' },
  input_too_large: { status: 400, oauth: 'invalid_request' },
  invalid_national_id: { status: 400, oauth: 'invalid_request' },
  upstream_fetch_failed: { status: 502, oauth: 'server_error' },
  not_ready: { status: 503, oauth: 'temporarily_unavailable' },
  url_not_allowed: { status: 400, oauth: 'invalid_request' },
  internal_error: { status: 500, oauth: 'server_error' },
} as const
