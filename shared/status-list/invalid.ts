// The one error of a Status List Token check: EidError `status_list_invalid` with `details.check` naming the check.
import { EidError } from '../errors/index.ts'

/** `status_list_invalid` for the failed `check` (a stable name callers and tests switch on). */
export function invalidList(check: string, message: string, cause?: unknown): EidError {
  return new EidError('status_list_invalid', message, { details: { check }, ...(cause !== undefined ? { cause } : {}) })
}
