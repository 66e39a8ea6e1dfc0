// Status List encoding (draft-ietf-oauth-status-list-20 §4.1 step 4, §4.2, §4.3): DEFLATE in a ZLIB container, base64url for JSON.
import { deflateSync, constants } from 'node:zlib'
import { packStatuses } from './pack.ts'
import type { StatusBits, StatusListJson } from './types.ts'

/** Compresses a packed byte array with ZLIB/DEFLATE at the highest level (§4.1 RECOMMENDED): the CBOR `lst` bstr (§4.3). */
export function deflateStatusBytes(bytes: Uint8Array): Buffer {
  return deflateSync(bytes, { level: constants.Z_BEST_COMPRESSION })
}

/** The JSON `lst` (§4.2): `deflateStatusBytes`, base64url without padding. */
export function compressStatusBytes(bytes: Uint8Array): string {
  return deflateStatusBytes(bytes).toString('base64url')
}

/**
 * Encodes one status per entry (`statuses[i]` for index i) as a JSON Status List `{ bits, lst }`.
 * Throws `invalid_request` when a status does not fit in `bits`.
 */
export function encodeStatusList(statuses: ArrayLike<number>, bits: StatusBits): StatusListJson {
  return { bits, lst: compressStatusBytes(packStatuses(statuses, bits)) }
}
