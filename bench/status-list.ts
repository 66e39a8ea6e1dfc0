// Token Status List: served token size of a 100,000-entry 2-bit list with 1 % revoked beside the entropy bound, both
// forms the issuer serves (JWT and CWT, kid-only header; the JWT also with the former kid + x5c certificate chain), raw
// and gzip, and encode/decode/sign/verify times beside @sd-jwt/jwt-status-list.
import { randomInt } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { loadAuthorityKeys } from '../issuer/keys/authority-keys.ts'
import { StatusList } from '@sd-jwt/jwt-status-list'
import { generateSigningKey } from '../shared/keys/index.ts'
import { decodeStatusList, deflateStatusBytes, encodeStatusList, packStatuses, signStatusListCwt, signStatusListToken, verifyStatusListCwt, verifyStatusListToken } from '../shared/status-list/index.ts'
import { medianMs, printTable } from './harness.ts'

const N = 100_000
const REVOKED = 0.01

/** Shannon entropy of a Bernoulli(p) source, bits per entry. */
const h = (p: number): number => -p * Math.log2(p) - (1 - p) * Math.log2(1 - p)

export async function run(): Promise<void> {
  const statuses = new Uint8Array(N)
  for (let revoked = 0; revoked < N * REVOKED; ) {
    const i = randomInt(N)
    if (statuses[i] === 0) {
      statuses[i] = 1
      revoked++
    }
  }
  const key = await generateSigningKey('ES256')
  // the issuer's real issuing key and certificate, for the header it used to carry
  const keyDir = mkdtempSync(join(tmpdir(), 'bench-status-keys-'))
  const authority = await loadAuthorityKeys(keyDir, { authority: 'Bench Authority', registrar: 'Bench Authority', issuerUrl: 'https://issuer.example' }, () => 1_800_000_000, 365 * 86_400)
  rmSync(keyDir, { recursive: true, force: true })
  const sub = 'https://issuer.example/status-lists/AbCdEfGhIjKlMnOp'
  const iat = 1_800_000_000
  const list = encodeStatusList(statuses, 2)
  const sign = () => signStatusListToken({ sub, iss: 'https://issuer.example', iat, exp: iat + 86_400, ttl: 300, list, signer: { alg: 'ES256', privateKey: key.privateKey, kid: key.kid } })
  const jwt = await sign()
  const issuing = authority.issuing.key
  const withCert = await signStatusListToken({ sub, iss: 'https://issuer.example', iat, exp: iat + 86_400, ttl: 300, list, signer: { alg: 'ES256', privateKey: issuing.privateKey, kid: issuing.kid, x5c: [authority.issuing.cert] } })
  const kidOnly = await signStatusListToken({ sub, iss: 'https://issuer.example', iat, exp: iat + 86_400, ttl: 300, list, signer: { alg: 'ES256', privateKey: issuing.privateKey, kid: issuing.kid } })
  const cwtInput = { sub, iss: 'https://issuer.example', iat, exp: iat + 86_400, ttl: 300, list: { bits: 2 as const, lst: deflateStatusBytes(packStatuses(statuses, 2)) } }
  const signCwt = () => signStatusListCwt({ ...cwtInput, signer: { alg: 'ES256', privateKey: key.privateKey, kid: key.kid } })
  const cwt = await signCwt()
  const cwtServed = await signStatusListCwt({ ...cwtInput, signer: { alg: 'ES256', privateKey: issuing.privateKey, kid: issuing.kid } })
  const verifyOpts = { expectedSub: sub, now: iat + 1, resolveKey: async () => key.publicJwk }

  const boundBytes = (N * h(REVOKED)) / 8
  const compressed = Buffer.from(list.lst, 'base64url').length
  const theirs = new StatusList(Array.from(statuses), 2)
  const theirCompressed = Buffer.from(theirs.compressStatusList(), 'base64url').length
  console.log(`\n## Token Status List size: ${N.toLocaleString('en')} entries, 2 bits, ${REVOKED * 100} % revoked at random`)
  const sizes: [string, number][] = [
    ['entropy bound n·H(p)', boundBytes],
    ['packed byte array (2 bits/entry)', N / 4],
    ['ZLIB/DEFLATE level 9 (ours)', compressed],
    ['ZLIB/DEFLATE (@sd-jwt/jwt-status-list)', theirCompressed],
    ['lst (base64url)', list.lst.length],
    ['token, header kid + x5c (before), identity', Buffer.byteLength(withCert)],
    ['token, header kid + x5c (before), gzip', gzipSync(withCert).length],
    ['token, header kid only (served), identity', Buffer.byteLength(kidOnly)],
    ['token, header kid only (served), gzip', gzipSync(kidOnly).length],
    ['CWT token, kid only (served), identity', cwtServed.length],
    ['CWT token, kid only, gzip (not served: larger)', gzipSync(cwtServed).length],
  ]
  for (const [name, bytes] of sizes) {
    console.log(`${name.padEnd(46)} ${Math.round(bytes).toLocaleString('en').padStart(7)} B  ${(bytes / boundBytes).toFixed(2)}x bound`)
  }

  const rows = [
    { name: 'encode (pack + deflate + base64url)', medianMs: await medianMs(() => encodeStatusList(statuses, 2)) },
    { name: 'encode @sd-jwt/jwt-status-list', medianMs: await medianMs(() => new StatusList(Array.from(statuses), 2).compressStatusList()), ref: 'encode (pack + deflate + base64url)' },
    { name: 'decode (bounded inflate)', medianMs: await medianMs(() => decodeStatusList(list)) },
    { name: 'decode @sd-jwt/jwt-status-list', medianMs: await medianMs(() => StatusList.decompressStatusList(list.lst, 2)), ref: 'decode (bounded inflate)' },
    { name: 'sign Status List Token (ES256)', medianMs: await medianMs(sign) },
    { name: 'verify Status List Token + decode', medianMs: await medianMs(() => verifyStatusListToken(jwt, verifyOpts)) },
    { name: 'sign CWT Status List Token (ES256)', medianMs: await medianMs(signCwt), ref: 'sign Status List Token (ES256)' },
    { name: 'verify CWT Status List Token + decode', medianMs: await medianMs(() => verifyStatusListCwt(cwt, verifyOpts)), ref: 'verify Status List Token + decode' },
  ]
  printTable('Token Status List operations (100,000 entries, 2 bits)', rows)
}
