// Scalar octets at the blind/pseudonym API boundary: I2OSP(x, 32) out, range-checked OS2IP in.
import { EidError } from '../../errors/index.ts'
import type { ErrorCode } from '../../errors/index.ts'
import { R_ORDER } from '../hash-to-scalar.ts'
import { i2osp, os2ip } from '../octets.ts'
import { SCALAR_LENGTH } from '../points.ts'

/** I2OSP(s, 32). */
export function scalarToOctets(s: bigint): Uint8Array {
  return i2osp(s, SCALAR_LENGTH)
}

/**
 * Reads a 32-byte scalar. `allowZero` admits 0 (e.g. a default prover blind); otherwise 1..r-1.
 * Throws `code` naming `what`, never the value.
 */
export function octetsToScalar(bytes: unknown, what: string, code: ErrorCode, allowZero = false): bigint {
  if (!(bytes instanceof Uint8Array) || bytes.length !== SCALAR_LENGTH) {
    throw new EidError(code, `${what} must be ${SCALAR_LENGTH} bytes`)
  }
  const s = os2ip(bytes)
  if (s >= R_ORDER || (!allowZero && s === 0n)) throw new EidError(code, `${what} is not a scalar in range`)
  return s
}
