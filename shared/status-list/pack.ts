// The status byte array of draft-ietf-oauth-status-list-20 §4.1: entries of `bits` bits, packed from the least significant bit.
import { EidError } from '../errors/index.ts'
import { isStatusBits } from './types.ts'
import type { StatusBits } from './types.ts'

/**
 * Packs one status per entry into the byte array of §4.1 (entry i at byte floor(i*bits/8), shifted
 * left by (i mod 8/bits)*bits). The array is padded with zero (VALID) entries to whole bytes.
 * Throws `invalid_request` when `bits` is not 1/2/4/8 or a status does not fit in `bits`.
 */
export function packStatuses(statuses: ArrayLike<number>, bits: StatusBits): Uint8Array {
  if (!isStatusBits(bits)) throw new EidError('invalid_request', 'bits must be 1, 2, 4 or 8')
  const perByte = 8 / bits
  const max = (1 << bits) - 1
  const out = new Uint8Array(Math.ceil(statuses.length / perByte))
  for (let i = 0; i < statuses.length; i++) {
    const v = statuses[i] as number
    if (!Number.isInteger(v) || v < 0 || v > max) {
      throw new EidError('invalid_request', `statuses[${i}] must be an integer from 0 to ${max}`)
    }
    if (v !== 0) out[(i / perByte) | 0]! |= v << ((i % perByte) * bits)
  }
  return out
}

/** The status of entry `idx` in a packed byte array (caller checks the bounds). */
export function readPacked(bytes: Uint8Array, bits: StatusBits, idx: number): number {
  const perByte = 8 / bits
  return ((bytes[(idx / perByte) | 0] ?? 0) >> ((idx % perByte) * bits)) & ((1 << bits) - 1)
}

/** Unpacks a byte array into one status per entry (bytes.length * 8 / bits entries). */
export function unpackStatuses(bytes: Uint8Array, bits: StatusBits): Uint8Array {
  const size = (bytes.length * 8) / bits
  const out = new Uint8Array(size)
  for (let i = 0; i < size; i++) out[i] = readPacked(bytes, bits, i)
  return out
}
