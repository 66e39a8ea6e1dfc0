// The one error class of the project: a stable machine-readable `code` plus a human message.
import type { ErrorCode } from './codes.ts'

/**
 * Every expected failure is an `EidError`. Callers switch on `code`; the message is for humans and
 * never contains a claim value, an ID number, a key or a token.
 */
export class EidError extends Error {
  override name = 'EidError'
  readonly code: ErrorCode
  /** Extra fields safe to show to the client (e.g. `c_nonce` hints); never secrets. */
  readonly details: Readonly<Record<string, unknown>> | undefined

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.details = options?.details
  }
}

/** True when `err` is an EidError (optionally with the given code). */
export function isEidError(err: unknown, code?: ErrorCode): err is EidError {
  return err instanceof EidError && (code === undefined || err.code === code)
}
