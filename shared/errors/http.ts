// Maps any thrown value to an HTTP status and an OAuth-style JSON body (RFC 6749 §5.2 shape).
import { ERROR_CODES } from './codes.ts'
import { describeCode } from './descriptions.ts'
import { EidError } from './eid-error.ts'

export interface ErrorResponse {
  status: number
  body: { error: string; error_description: string; code: string; [k: string]: unknown }
}

interface BodyParserError {
  type?: unknown
  status?: unknown
  statusCode?: unknown
}

/**
 * Converts an error into the response sent to the client. An EidError maps through its code, and its
 * `error_description` is the code's fixed text (shared/errors/descriptions.ts), never the thrown message,
 * which may hold input (a field name, a claim name an issuer signed);
 * body-parser errors (malformed JSON, too large, wrong charset) and other errors the HTTP layer marked
 * 4xx (bad percent-encoding in a path parameter, corrupt compressed body) to their 4xx; anything else to 500
 * with a generic message, so internals never leak.
 */
export function toErrorResponse(err: unknown): ErrorResponse {
  if (err instanceof EidError) {
    const info = ERROR_CODES[err.code]
    return {
      status: info.status,
      body: { ...(err.details ?? {}), error: info.oauth, error_description: describeCode(err.code), code: err.code },
    }
  }
  const bp = (typeof err === 'object' && err !== null ? err : {}) as BodyParserError
  const clientStatus = typeof bp.status === 'number' ? bp.status : typeof bp.statusCode === 'number' ? bp.statusCode : undefined
  if (typeof bp.type !== 'string' && clientStatus !== undefined && clientStatus >= 400 && clientStatus < 500) {
    // Marked 4xx by the HTTP layer without a body-parser type: the router's URIError for a path parameter
    // with bad percent-encoding, a corrupt gzip/deflate/br body. Their messages quote the input: not passed on.
    if (clientStatus === 413) return toErrorResponse(new EidError('body_too_large', 'request body is too large'))
    if (clientStatus === 415) return toErrorResponse(new EidError('unsupported_media_type', 'unsupported body encoding or charset'))
    return toErrorResponse(new EidError('invalid_request', err instanceof URIError ? 'malformed percent-encoding in the URL' : 'request could not be read'))
  }
  if (typeof bp.type === 'string') {
    switch (bp.type) {
      case 'entity.parse.failed':
        return toErrorResponse(new EidError('malformed_json', 'request body is not valid JSON'))
      case 'entity.too.large':
        return toErrorResponse(new EidError('body_too_large', 'request body is too large'))
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return toErrorResponse(new EidError('unsupported_media_type', 'unsupported body encoding or charset'))
      case 'parameters.too.many':
        return toErrorResponse(new EidError('input_too_large', 'too many parameters'))
      default: {
        const status = typeof bp.status === 'number' ? bp.status : typeof bp.statusCode === 'number' ? bp.statusCode : 400
        if (status >= 400 && status < 500) {
          return toErrorResponse(new EidError('invalid_request', 'request body could not be read'))
        }
      }
    }
  }
  const info = ERROR_CODES.internal_error
  return { status: info.status, body: { error: info.oauth, error_description: 'internal error', code: 'internal_error' } }
}
