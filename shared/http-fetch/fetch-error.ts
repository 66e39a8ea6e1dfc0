// The EidError of a failed bounded fetch: the caller's code, a message naming the resource and the check.
import { EidError } from '../errors/index.ts'
import type { BoundedFetchOptions, FetchCheck } from './options.ts'

/** Builds the error for `check`; `details.check` only when the caller asked for it. */
export function fetchError(opts: BoundedFetchOptions, check: FetchCheck, message: string, cause?: unknown): EidError {
  const code = check === 'content_type' ? (opts.contentTypeCode ?? opts.code) : opts.code
  return new EidError(code, `${opts.what}: ${message}`, {
    ...(cause !== undefined ? { cause } : {}),
    ...(opts.withCheck === true ? { details: { check } } : {}),
  })
}
