// Public surface of shared/errors: the error class, the code table and the HTTP mapping.
export { EidError, isEidError } from './eid-error.ts'
export { ERROR_CODES, isErrorCode } from './codes.ts'
export type { ErrorCode, CodeInfo } from './codes.ts'
export { toErrorResponse } from './http.ts'
export type { ErrorResponse } from './http.ts'
export { errorMiddleware, routePattern } from './error-middleware.ts'
export type { ErrorLoggerLike, ErrorMiddlewareOptions, ErrorRequestLike, ErrorResponseLike } from './error-middleware.ts'
export { parseInput } from './parse-input.ts'
