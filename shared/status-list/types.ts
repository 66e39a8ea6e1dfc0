// Status values and bit widths of a Token Status List (draft-ietf-oauth-status-list-20 §4.1, §7.1).

/** Bits per Referenced Token (§4.1 step 1). */
export type StatusBits = 1 | 2 | 4 | 8

/** The allowed `bits` values. */
export const STATUS_BITS: readonly StatusBits[] = Object.freeze([1, 2, 4, 8] as const)

/** Registered Status Type values (§7.1). 0x03 and 0x0C-0x0F are application specific. */
export const STATUS = { VALID: 0, INVALID: 1, SUSPENDED: 2 } as const

/** Status names used by the admin APIs, and their values. */
export type StatusName = 'valid' | 'invalid' | 'suspended'
export const STATUS_BY_NAME: Readonly<Record<StatusName, number>> = Object.freeze({
  valid: STATUS.VALID,
  invalid: STATUS.INVALID,
  suspended: STATUS.SUSPENDED,
})

/** True when `bits` is 1, 2, 4 or 8. */
export function isStatusBits(bits: unknown): bits is StatusBits {
  return bits === 1 || bits === 2 || bits === 4 || bits === 8
}

/** The JSON Status List object (§4.2). */
export interface StatusListJson {
  bits: StatusBits
  lst: string
  aggregation_uri?: string
}

/** The CBOR Status List map (§4.3): `lst` is the ZLIB/DEFLATE byte string itself, no base64url. */
export interface StatusListCbor {
  bits: StatusBits
  lst: Uint8Array
  aggregation_uri?: string
}

/** Bounds on the work of decoding an untrusted list. */
export interface DecodeLimits {
  /** Maximum length of `lst` in base64url characters (a CBOR `lst` bstr: 3/4 of it in bytes). Default 1.5 MiB (about 1.1 MiB compressed). */
  maxLstChars: number
  /** Maximum decompressed byte array length (`maxOutputLength` of inflate). Default 4 MiB (2^25 1-bit entries). */
  maxBytes: number
}

export const DEFAULT_DECODE_LIMITS: Readonly<DecodeLimits> = Object.freeze({
  maxLstChars: 1_572_864,
  maxBytes: 4 * 1024 * 1024,
})
