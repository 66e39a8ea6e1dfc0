// The raw cost of a batch with the primitives the issuer uses (node:crypto, synchronous): per credential one import of a
// fresh holder's P-256 JWK as a KeyObject, one ES256 verify of its proof with it, and one ES256 signature.
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import type { JsonWebKey, KeyObject } from 'node:crypto'

/** Distinct holder keys cycled through: every import is of a key object not seen before in the loop (no cache helps). */
const HOLDERS = 64
/** About the size of a proof JWT's and a PID SD-JWT's signing inputs. */
const PROOF_BYTES = 400
const CREDENTIAL_BYTES = 1500

/** CPU milliseconds (this process) of `batch` x (JWK import + verify + sign) with node:crypto, measured for about `seconds`. */
export function nodeCryptoBatchMs(seconds: number, batch: number): number {
  const { privateKey: issuer } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const proofInput = Buffer.alloc(PROOF_BYTES, 5)
  const credentialInput = Buffer.alloc(CREDENTIAL_BYTES, 7)
  const holders = Array.from({ length: HOLDERS }, () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    return { jwk: publicKey.export({ format: 'jwk' }), signature: sign('sha256', proofInput, { key: privateKey, dsaEncoding: 'ieee-p1363' }) }
  })
  let next = 0
  const one = (): void => {
    const h = holders[next++ % HOLDERS] as { jwk: JsonWebKey; signature: Buffer }
    const key: KeyObject = createPublicKey({ key: h.jwk, format: 'jwk' })
    if (!verify('sha256', proofInput, { key, dsaEncoding: 'ieee-p1363' }, h.signature)) throw new Error('raw verify failed')
    sign('sha256', credentialInput, { key: issuer, dsaEncoding: 'ieee-p1363' })
  }
  for (let i = 0; i < 20; i++) one() // warm-up
  const end = performance.now() + seconds * 1000
  const before = process.cpuUsage()
  let n = 0
  while (performance.now() < end) {
    one()
    n++
  }
  const used = process.cpuUsage(before)
  return ((used.user + used.system) / 1000 / n) * batch
}
