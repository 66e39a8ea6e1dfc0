// The c_nonce MAC key (shared/oid4vci createCNonce/checkCNonce): 256 random bits, created on first start beside the
// private keys (`<keys>/private/c-nonce-mac.jwk`, mode 0600), so every worker and restart checks the nonces the others made.
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { C_NONCE_KEY_BYTES } from '../../shared/oid4vci/index.ts'
import { KeyFiles } from './key-files.ts'

const NAME = 'c-nonce-mac'

/** Loads the c_nonce MAC key from `dir` (the issuer's key directory), creating it on first start. */
export function loadNonceKey(dir: string): Buffer {
  const files = new KeyFiles(dir)
  if (!existsSync(join(dir, 'private', `${NAME}.jwk`))) {
    files.writePrivate(NAME, { kty: 'oct', alg: 'HS256', use: 'c_nonce', k: randomBytes(C_NONCE_KEY_BYTES).toString('base64url') })
  }
  const { kty, k } = files.readPrivate(NAME)
  const key = typeof k === 'string' && kty === 'oct' ? Buffer.from(k, 'base64url') : Buffer.alloc(0)
  if (key.length < C_NONCE_KEY_BYTES) throw new Error(`${NAME}.jwk: expected an oct key of at least ${C_NONCE_KEY_BYTES} bytes`)
  return key
}
