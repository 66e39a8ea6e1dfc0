// For parity tests of a fast path beside its reference: what a call gives, a value or its EidError's code and message.
import { isEidError } from '../../shared/errors/index.ts'

/** `f()`'s value, or `{ code, message }` of the EidError it throws; any other error is rethrown. */
export function eidOutcome(f: () => unknown): unknown {
  try {
    return f()
  } catch (err) {
    if (isEidError(err)) return { code: err.code, message: err.message }
    throw err
  }
}
