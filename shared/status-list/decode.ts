// Status List decoding with bounded work (draft-ietf-oauth-status-list-20 §4.1, §4.2 JSON, §4.3 CBOR, §8.3 steps 5-6).
import { inflateSync } from 'node:zlib'
import { EidError, isEidError } from '../errors/index.ts'
import { invalidList as invalid } from './invalid.ts'
import { readPacked } from './pack.ts'
import { DEFAULT_DECODE_LIMITS, isStatusBits } from './types.ts'
import type { DecodeLimits, StatusBits } from './types.ts'

/** A decoded Status List: its width, its number of entries, the raw byte array and a bounds-checked reader. */
export interface DecodedStatusList {
  bits: StatusBits
  /** Number of entries: bytes.length * 8 / bits. */
  size: number
  /** The decompressed byte array. */
  bytes: Uint8Array
  /** Status of entry `idx`; EidError `status_index_out_of_range` unless 0 <= idx < size. */
  get(idx: number): number
}

const BASE64URL = /^[A-Za-z0-9_-]*$/

/** What `inflateSync(..., { info: true })` returns (not in @types/node's overloads). */
interface InflateInfo {
  buffer: Buffer
  engine: { bytesWritten: number }
}

/**
 * Decodes an untrusted JSON Status List `{ bits, lst }`. Bounded: `lst` length, base64url alphabet,
 * and inflate's `maxOutputLength` stop a decompression bomb before it allocates. Throws EidError
 * `status_list_invalid` (details.check `bits`, `lst`, `too_large`, `compression`, `empty`); trailing data
 * after the ZLIB stream is rejected too.
 */
export function decodeStatusList(list: { bits: unknown; lst: unknown }, limits: Partial<DecodeLimits> = {}): DecodedStatusList {
  const { maxLstChars, maxBytes } = { ...DEFAULT_DECODE_LIMITS, ...limits }
  const { bits, lst } = list
  if (!isStatusBits(bits)) throw invalid('bits', 'status_list bits must be 1, 2, 4 or 8')
  if (typeof lst !== 'string') throw invalid('lst', 'status_list lst must be a string')
  if (lst.length > maxLstChars) throw invalid('too_large', `status_list lst exceeds ${maxLstChars} characters`)
  if (!BASE64URL.test(lst) || lst.length % 4 === 1) throw invalid('lst', 'status_list lst must be base64url without padding')
  return inflateList(bits, Buffer.from(lst, 'base64url'), maxBytes)
}

/**
 * Decodes an untrusted CBOR Status List (§4.3): `bits` and `lst`, the ZLIB bytes as a byte string, at most 3/4 of
 * `maxLstChars` bytes (the JSON limit's compressed size). Same bounds and checks as `decodeStatusList`.
 */
export function decodeStatusListCbor(list: { bits: unknown; lst: unknown }, limits: Partial<DecodeLimits> = {}): DecodedStatusList {
  const { maxLstChars, maxBytes } = { ...DEFAULT_DECODE_LIMITS, ...limits }
  const { bits, lst } = list
  if (!isStatusBits(bits)) throw invalid('bits', 'status_list bits must be 1, 2, 4 or 8')
  if (!(lst instanceof Uint8Array)) throw invalid('lst', 'status_list lst must be a byte string')
  const maxCompressed = Math.floor((maxLstChars * 3) / 4)
  if (lst.length > maxCompressed) throw invalid('too_large', `status_list lst exceeds ${maxCompressed} bytes`)
  return inflateList(bits, lst, maxBytes)
}

/** Inflates the ZLIB stream `compressed` (all of it, at most `maxBytes` out) into a list of `bits` entries. */
function inflateList(bits: StatusBits, compressed: Uint8Array, maxBytes: number): DecodedStatusList {
  let bytes: Uint8Array
  try {
    const { buffer, engine } = inflateSync(compressed, { maxOutputLength: maxBytes, info: true }) as unknown as InflateInfo
    // The ZLIB stream must be the whole of `lst`: trailing bytes would be data nobody checked.
    if (engine.bytesWritten !== compressed.length) throw invalid('compression', 'status_list lst has data after the ZLIB stream')
    bytes = buffer
  } catch (e) {
    if (isEidError(e)) throw e
    if ((e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw invalid('too_large', `status_list decompresses to more than ${maxBytes} bytes`)
    }
    throw invalid('compression', 'status_list lst is not DEFLATE data in a ZLIB container')
  }
  if (bytes.length === 0) throw invalid('empty', 'status_list is empty')
  const size = (bytes.length * 8) / bits
  return {
    bits,
    size,
    bytes,
    get(idx: number): number {
      if (!Number.isSafeInteger(idx) || idx < 0 || idx >= size) {
        throw new EidError('status_index_out_of_range', 'status index is outside the status list')
      }
      return readPacked(bytes, bits, idx)
    },
  }
}
