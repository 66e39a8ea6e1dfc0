// Options and result of a bounded outbound HTTP request (see fetch-bounded.ts).
import type { ErrorCode } from '../errors/index.ts'

/** Which check a failed fetch failed; with `withCheck`, carried as the error's `details.check`. */
export type FetchCheck = 'network' | 'timeout' | 'redirects' | 'http_status' | 'content_type' | 'too_large'

export interface BoundedFetchOptions {
  /** Names the resource in error messages ("issuer JWKS"); never a value from it. */
  what: string
  /**
   * The caller's URL policy: given an absolute URL (the first one and every redirect target, resolved),
   * returns the URL to contact or throws (typically EidError `url_not_allowed`). Nothing is sent before it agrees.
   */
  allowUrl: (href: string) => URL
  /** Whole exchange, every redirect hop and the body included, in milliseconds. */
  timeoutMs: number
  /** Largest body accepted, in bytes after any content decoding; counted while reading. */
  maxBytes: number
  /**
   * A 3xx with a Location: a number is how many are followed (each target through `allowUrl`, the
   * next one fails with check `redirects`); 'return' hands the 3xx response back like any other. Default 0.
   */
  redirects?: number | 'return'
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** Statuses accepted; any other fails with check `http_status`. Default: every status is returned. */
  statuses?: readonly number[]
  /** Media types accepted (lower case, parameters ignored); any other fails with check `content_type`. */
  contentTypes?: readonly string[]
  /** Code of every failure. */
  code: ErrorCode
  /** Code of a `content_type` failure (default `code`). */
  contentTypeCode?: ErrorCode
  /** Put the failed check into the error's `details.check` (shown to clients of the service). Default false. */
  withCheck?: boolean
}

export interface BoundedResponse {
  status: number
  /** The URL that answered (after redirects). */
  url: URL
  /** The Content-Type header as sent ('' when absent). */
  contentType: string
  /** All response headers (ETag, Cache-Control, ...). */
  headers: Headers
  /** The (decoded) body, at most `maxBytes` long. */
  body: Buffer
}
