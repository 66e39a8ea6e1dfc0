// Credential ids as UUIDv7 (RFC 9562 §5.7): the issuance time in milliseconds first, then 74 random bits, so the ids of
// a batch (and of batches in a row) sort together and their inserts touch the same page of the store's primary-key
// index instead of one random page each. The id never leaves the issuer (the credential carries its status index).
import { randomBytes } from 'node:crypto'

/** `count` distinct UUIDv7 strings for credentials issued at `nowMs`. */
export function newCredentialIds(count: number, nowMs: number): string[] {
  const random = randomBytes(10 * count)
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const b = Buffer.alloc(16)
    b.writeUIntBE(Math.floor(nowMs), 0, 6)
    random.copy(b, 6, 10 * i, 10 * i + 10)
    b[6] = 0x70 | ((b[6] as number) & 0x0f) // version 7
    b[8] = 0x80 | ((b[8] as number) & 0x3f) // variant 10
    const h = b.toString('hex')
    ids.push(`${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`)
  }
  return ids
}
