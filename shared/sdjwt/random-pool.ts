// CSPRNG bytes for salts and decoy digests (RFC 9901 §4.2.1, §4.2.5, §9.3), drawn from one random buffer instead of
// one randomBytes call per salt: a credential batch of 10 PIDs (16 disclosures and 7 decoys each) costs 1-2 calls, not 230.
import { randomBytes } from 'node:crypto'

/** Bytes fetched from the CSPRNG per refill (as node's randomUUID caches entropy): 256 salts. */
const POOL_BYTES = 4096

let pool = Buffer.alloc(0)
let offset = 0

/**
 * `n` (1..POOL_BYTES) fresh bytes from the CSPRNG. Each byte is handed out once: a refill allocates a new
 * buffer, so a view returned earlier is never overwritten. Use the view at once (encode or hash it).
 */
export function randomPoolBytes(n: number): Buffer {
  const start = take(n, 'randomPoolBytes')
  return pool.subarray(start, start + n)
}

/** `n` (1..POOL_BYTES) fresh bytes from the CSPRNG, base64url-encoded (without a view of the buffer: a salt is its text). */
export function randomPoolBase64url(n: number): string {
  const start = take(n, 'randomPoolBase64url')
  return pool.toString('base64url', start, start + n)
}

/** Reserves the next `n` bytes of the buffer (refilled when fewer are left) and returns where they start. */
function take(n: number, caller: string): number {
  if (!Number.isInteger(n) || n < 1 || n > POOL_BYTES) throw new RangeError(`${caller}: n must be an integer in 1..${POOL_BYTES}, got ${n}`)
  if (offset + n > pool.length) {
    pool = randomBytes(POOL_BYTES)
    offset = 0
  }
  const start = offset
  offset += n
  return start
}
