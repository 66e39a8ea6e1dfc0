// Octet-string helpers of draft-irtf-cfrg-bbs-signatures-09 §3/§4.7 (I2OSP, OS2IP, concatenation, ASCII literals).
import { EidError } from '../errors/index.ts'

const encoder = new TextEncoder()

/** ASCII literal to octets (the draft's "string in double quotes"). */
export function ascii(s: string): Uint8Array {
  return encoder.encode(s)
}

/** I2OSP(n, len): big-endian, exactly `len` bytes; throws when `n` does not fit. */
export function i2osp(n: bigint | number, len: number): Uint8Array {
  let v = BigInt(n)
  if (v < 0n) throw new EidError('bbs_invalid_scalar', 'I2OSP input must be non-negative')
  const out = new Uint8Array(len)
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  if (v !== 0n) throw new EidError('bbs_invalid_length', `I2OSP input does not fit in ${len} bytes`)
  return out
}

/** OS2IP: big-endian octets to a non-negative integer. */
export function os2ip(bytes: Uint8Array): bigint {
  let hex = ''
  for (const b of bytes) hex += b.toString(16).padStart(2, '0')
  return hex === '' ? 0n : BigInt('0x' + hex)
}

/** Concatenates octet strings. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  let len = 0
  for (const p of parts) len += p.length
  const out = new Uint8Array(len)
  let off = 0
  for (const p of parts) {
    out.set(p, off)
    off += p.length
  }
  return out
}

/** Checks that `value` is a Uint8Array (names the argument, never the value). */
export function assertBytes(value: unknown, name: string, len?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new EidError('bbs_invalid_length', `${name} must be a Uint8Array`)
  if (len !== undefined && value.length !== len) {
    throw new EidError('bbs_invalid_length', `${name} must be ${len} bytes, got ${value.length}`)
  }
}
