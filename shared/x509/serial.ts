// Random positive certificate serial numbers (RFC 5280 §4.1.2.2: at most 20 octets, at least 64 bits of entropy advised by CA/B).
import { randomBytes } from 'node:crypto'

/** 16 random bytes as hex with the top bit cleared, so the DER INTEGER is positive. */
export function randomSerialNumber(): string {
  const b = randomBytes(16)
  b[0] = (b[0] ?? 0) & 0x7f | 0x01
  return b.toString('hex')
}
