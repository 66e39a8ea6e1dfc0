// The issuer's BBS key (BLS12-381, draft-irtf-cfrg-bbs-signatures KeyGen) and its nym-entropy key: created on first
// start, persisted owner-only (0600 in a 0700 folder), stable across restarts; published as a BLS12381G2 JWK.
import { createHash, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { parseInput } from '../../../shared/errors/index.ts'
import { generateKeyPair, skToPk } from '../../../shared/bbs/index.ts'
import { bbsPublicJwk, decodeBase64url, encodeBase64url } from '../../../shared/jwp/index.ts'
import type { BbsPublicJwk } from '../../../shared/jwp/index.ts'
import { PID_BBS_ALG } from '../../../shared/pid-bbs/index.ts'

/** The loaded BBS key material of the issuer. Secret members never leave this process. */
export interface BbsIssuerKey {
  kid: string
  secretKey: Uint8Array
  publicKey: Uint8Array
  /** HMAC key deriving each person's signer_nym_entropy (keeps a person's pseudonyms stable across refreshes). */
  nymEntropyKey: Uint8Array
  publicJwk: BbsPublicJwk
}

/** File name under the issuer's key folder. */
export const BBS_KEY_FILE = 'bbs-issuer-key.json'

const fileSchema = z.strictObject({
  version: z.literal(1),
  secret_key: z.string().length(43),
  nym_entropy_key: z.string().length(43),
  created_at: z.number().int(),
})

/** Loads `<dir>/bbs-issuer-key.json`, creating it (KeyGen from 32 random octets) on first start. */
export function loadBbsIssuerKey(dir: string, now: number): BbsIssuerKey {
  const file = join(dir, BBS_KEY_FILE)
  if (!existsSync(file)) {
    const { secretKey } = generateKeyPair()
    const content = { version: 1, secret_key: encodeBase64url(secretKey), nym_entropy_key: encodeBase64url(randomBytes(32)), created_at: now }
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    chmodSync(dir, 0o700)
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify(content), { mode: 0o600, flag: 'wx' })
    chmodSync(tmp, 0o600)
    renameSync(tmp, file)
  }
  const stored = parseInput(fileSchema, JSON.parse(readFileSync(file, 'utf8')), 'internal_error', BBS_KEY_FILE)
  const secretKey = decodeBase64url(stored.secret_key, 'secret_key')
  const publicKey = skToPk(secretKey)
  const kid = `bbs-${createHash('sha256').update(publicKey).digest('base64url').slice(0, 22)}`
  return { kid, secretKey, publicKey, nymEntropyKey: decodeBase64url(stored.nym_entropy_key, 'nym_entropy_key'), publicJwk: bbsPublicJwk(publicKey, PID_BBS_ALG, kid) }
}
