// SD-JWT VC benchmark: issue, present and verify (16 disclosable claims, 1 disclosed, KB-JWT) beside raw jose / node:crypto ES256
// and @sd-jwt/sd-jwt-vc, verification both with one cached holder key and with a fresh holder key per presentation.
import { createHash, createPublicKey, sign as cryptoSign, verify as cryptoVerify, KeyObject } from 'node:crypto'
import type { webcrypto } from 'node:crypto'
import { CompactSign, compactVerify } from 'jose'
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc'
import { ES256, digest as peerDigest, generateSalt } from '@sd-jwt/crypto-nodejs'
import { exportSigningKey, generateSigningKey, importPublicJwk } from '../shared/keys/index.ts'
import { issueSdJwt, presentSdJwt, verifySdJwt } from '../shared/sdjwt/index.ts'
import type { Case } from './harness.ts'
import { measureInterleaved, peerName, printTable } from './harness.ts'

const NOW = 1_800_000_000
const AUD = 'https://verifier.example'
const NONCE = 'bench-nonce-0123456789'
const ROUNDS = 7
/** Fresh-key presentations cycled through: more than the 2048 imported holder keys shared/keys caches, so every one misses. */
const FRESH_POOL = 2100
/** The peer imports the holder key on every verification (it keeps no cache), so a small pool suffices. */
const PEER_FRESH_POOL = 64

/** 16 selectively disclosable claims plus the non-disclosable registered ones. */
function claims(holderJwk: object): { payload: Record<string, unknown>; names: string[] } {
  const names = Array.from({ length: 16 }, (_, i) => `claim_${String(i).padStart(2, '0')}`)
  const user = Object.fromEntries(names.map((n, i) => [n, i % 2 === 0 ? `value-${i}` : i > 8]))
  return { payload: { iss: 'https://issuer.example', iat: NOW, exp: NOW + 86_400, vct: 'urn:eid:bench', cnf: { jwk: holderJwk }, ...user }, names }
}

export async function run(): Promise<void> {
  const issuer = await generateSigningKey('ES256')
  const holder = await generateSigningKey('ES256')
  const issuerPub = await importPublicJwk(issuer.publicJwk, 'ES256')
  const { payload, names } = claims(holder.publicJwk)
  const frame = { _sd: names }
  const kb = () => ({ privateKey: holder.privateKey, alg: 'ES256' as const, aud: AUD, nonce: NONCE, iat: NOW })

  // ours
  const credential = await issueSdJwt({ payload, frame, signer: { alg: 'ES256', privateKey: issuer.privateKey, kid: issuer.kid } })
  const presentation = await presentSdJwt(credential, [['claim_00']], kb())
  const verifyOpts = { now: NOW, resolveIssuerKey: async () => issuerPub, keyBinding: { aud: AUD, nonce: NONCE } }
  const check = await verifySdJwt(presentation, verifyOpts)
  if (check.claims.claim_00 !== 'value-0' || 'claim_01' in check.claims) throw new Error('bench: unexpected verification result')

  // raw: jose and node:crypto ES256 over the same signing inputs
  const jwsInput = new TextEncoder().encode(JSON.stringify(payload))
  const joseJws = await new CompactSign(jwsInput).setProtectedHeader({ alg: 'ES256' }).sign(issuer.privateKey)
  const issuerKo = KeyObject.from(issuerPub as webcrypto.CryptoKey)
  const holderKo = KeyObject.from((await importPublicJwk(holder.publicJwk, 'ES256')) as webcrypto.CryptoKey)
  const jwt = presentation.slice(0, presentation.indexOf('~'))
  const kbJwt = presentation.slice(presentation.lastIndexOf('~') + 1)
  const [iIn, iSig] = [jwt.slice(0, jwt.lastIndexOf('.')), Buffer.from(jwt.slice(jwt.lastIndexOf('.') + 1), 'base64url')]
  const [kIn, kSig] = [kbJwt.slice(0, kbJwt.lastIndexOf('.')), Buffer.from(kbJwt.slice(kbJwt.lastIndexOf('.') + 1), 'base64url')]
  const rawVerify2 = () =>
    cryptoVerify('sha256', Buffer.from(iIn), { key: issuerKo, dsaEncoding: 'ieee-p1363' }, iSig) &&
    cryptoVerify('sha256', Buffer.from(kIn), { key: holderKo, dsaEncoding: 'ieee-p1363' }, kSig)
  const issuerPrivKo = KeyObject.from(issuer.privateKey as webcrypto.CryptoKey)

  // peer: @sd-jwt/sd-jwt-vc with @sd-jwt/crypto-nodejs, keys imported once
  const peerIssuerSigner = await ES256.getSigner(await exportSigningKey(issuer))
  const peerHolderSigner = await ES256.getSigner(await exportSigningKey(holder))
  const peerIssuerVerifier = await ES256.getVerifier(issuer.publicJwk)
  const peerHolderVerifier = await ES256.getVerifier(holder.publicJwk)
  const peer_ = new SDJwtVcInstance({
    signer: peerIssuerSigner, signAlg: 'ES256', verifier: peerIssuerVerifier,
    kbSigner: peerHolderSigner, kbSignAlg: 'ES256', kbVerifier: peerHolderVerifier,
    hasher: peerDigest, hashAlg: 'sha-256', saltGenerator: generateSalt,
  })
  const peerCredential = await peer_.issue(payload as never, frame as never)
  const peerPresent = () => peer_.present(peerCredential, { claim_00: true } as never, { kb: { payload: { aud: AUD, nonce: NONCE, iat: NOW } } })
  const peerPresentation = await peerPresent()
  const peerVerify = () => peer_.verify(peerPresentation, { keyBindingNonce: NONCE, currentDate: NOW })
  await peerVerify()

  // Fresh holder keys: one credential per holder, as wallets use a fresh key per service; the verifier imports each key.
  const holders = await Promise.all(Array.from({ length: FRESH_POOL }, () => generateSigningKey('ES256')))
  const fresh = await Promise.all(holders.map(async (h) => {
    const cred = await issueSdJwt({ payload: claims(h.publicJwk).payload, frame, signer: { alg: 'ES256', privateKey: issuer.privateKey, kid: issuer.kid } })
    return { jwk: h.publicJwk, vp: await presentSdJwt(cred, [['claim_00']], { privateKey: h.privateKey, alg: 'ES256', aud: AUD, nonce: NONCE, iat: NOW }) }
  }))
  let next = 0
  const oursFresh = () => verifySdJwt((fresh[next++ % FRESH_POOL] as (typeof fresh)[number]).vp, verifyOpts)
  // Raw reference of the fresh case: the two verifications plus one holder JWK import (node:crypto keeps no cache).
  const freshRaw = fresh.map(({ jwk, vp }) => {
    const jwtPart = vp.slice(0, vp.indexOf('~'))
    const kbPart = vp.slice(vp.lastIndexOf('~') + 1)
    const dot = (t: string) => t.lastIndexOf('.')
    return {
      jwk, iIn: Buffer.from(jwtPart.slice(0, dot(jwtPart))), iSig: Buffer.from(jwtPart.slice(dot(jwtPart) + 1), 'base64url'),
      kIn: Buffer.from(kbPart.slice(0, dot(kbPart))), kSig: Buffer.from(kbPart.slice(dot(kbPart) + 1), 'base64url'),
    }
  })
  let nextRaw = 0
  const rawVerify2Import = () => {
    const r = freshRaw[nextRaw++ % FRESH_POOL] as (typeof freshRaw)[number]
    const holderKey = createPublicKey({ key: r.jwk as never, format: 'jwk' })
    return cryptoVerify('sha256', r.iIn, { key: issuerKo, dsaEncoding: 'ieee-p1363' }, r.iSig) &&
      cryptoVerify('sha256', r.kIn, { key: holderKey, dsaEncoding: 'ieee-p1363' }, r.kSig)
  }
  // The peer with a fresh holder key: its kbVerifier imports the cnf key of each presentation.
  const peerFreshInstance = new SDJwtVcInstance({
    signer: peerIssuerSigner, signAlg: 'ES256', verifier: peerIssuerVerifier,
    kbVerifier: async (data, sig, p) => (await ES256.getVerifier((p.cnf as { jwk: object }).jwk))(data, sig),
    hasher: peerDigest, hashAlg: 'sha-256', saltGenerator: generateSalt,
  })
  const peerFresh = await Promise.all(holders.slice(0, PEER_FRESH_POOL).map(async (h) => {
    const inst = new SDJwtVcInstance({
      signer: peerIssuerSigner, signAlg: 'ES256', kbSigner: await ES256.getSigner(await exportSigningKey(h)), kbSignAlg: 'ES256',
      hasher: peerDigest, hashAlg: 'sha-256', saltGenerator: generateSalt,
    })
    const cred = await inst.issue(claims(h.publicJwk).payload as never, frame as never)
    return inst.present(cred, { claim_00: true } as never, { kb: { payload: { aud: AUD, nonce: NONCE, iat: NOW } } })
  }))
  let nextPeer = 0
  const peerVerifyFresh = () => peerFreshInstance.verify(peerFresh[nextPeer++ % PEER_FRESH_POOL] as string, { keyBindingNonce: NONCE, currentDate: NOW })
  const checkFresh = await verifySdJwt((fresh[1] as (typeof fresh)[number]).vp, verifyOpts)
  if (checkFresh.claims.claim_00 !== 'value-0' || !rawVerify2Import()) throw new Error('bench: unexpected fresh-key verification result')
  await peerVerifyFresh()

  const peer = peerName('@sd-jwt/sd-jwt-vc')
  const cases: Case[] = [
    { name: 'raw node:crypto ES256 verify x2', fn: rawVerify2, note: 'issuer JWT + KB-JWT, keys imported' },
    { name: 'raw verify x2 + holder JWK import', fn: rawVerify2Import, note: 'node:crypto createPublicKey per presentation' },
    { name: 'raw node:crypto ES256 sign', fn: () => cryptoSign('sha256', jwsInput, { key: issuerPrivKo, dsaEncoding: 'ieee-p1363' }) },
    { name: 'raw jose ES256 sign', fn: () => new CompactSign(jwsInput).setProtectedHeader({ alg: 'ES256' }).sign(issuer.privateKey) },
    { name: 'raw jose ES256 verify', fn: () => compactVerify(joseJws, issuerPub) },
    { name: 'sha-256 of one disclosure', fn: () => createHash('sha256').update('WyJzYWx0IiwgIm5hbWUiLCAidmFsdWUiXQ').digest('base64url') },
    { name: 'ours issue', fn: () => issueSdJwt({ payload, frame, signer: { alg: 'ES256', privateKey: issuer.privateKey } }), ref: 'raw jose ES256 sign' },
    { name: 'ours present (KB-JWT)', fn: () => presentSdJwt(credential, [['claim_00']], kb()), ref: 'raw jose ES256 sign' },
    { name: 'ours verify, cached holder key', fn: () => verifySdJwt(presentation, verifyOpts), ref: 'raw node:crypto ES256 verify x2' },
    { name: 'ours verify, fresh holder key', fn: oursFresh, ref: 'raw verify x2 + holder JWK import', note: `${FRESH_POOL} holder keys in turn` },
    { name: `${peer} issue`, fn: () => peer_.issue(payload as never, frame as never), ref: 'ours issue' },
    { name: `${peer} present (KB-JWT)`, fn: peerPresent, ref: 'ours present (KB-JWT)' },
    { name: `${peer} verify, cached holder key`, fn: peerVerify, ref: 'ours verify, cached holder key' },
    { name: `${peer} verify, fresh holder key`, fn: peerVerifyFresh, ref: 'ours verify, fresh holder key', note: 'kbVerifier imports cnf.jwk' },
  ]
  const rows = await measureInterleaved(cases, { rounds: ROUNDS, batchMs: 40 })
  printTable(`SD-JWT VC: 16 disclosable claims, 1 disclosed, ES256, KB-JWT (median of ${ROUNDS} interleaved rounds)`, rows)
  const ms = (name: string): number => rows.find((r) => r.name === name)?.medianMs ?? NaN
  const oursFreshMs = ms('ours verify, fresh holder key')
  console.log(
    `verify targets (fresh holder key): ours / (raw x2 + import) = ${(oursFreshMs / ms('raw verify x2 + holder JWK import')).toFixed(2)} (target <= 2), ` +
      `peer / ours = ${(ms(`${peer} verify, fresh holder key`) / oursFreshMs).toFixed(2)} (target >= 2)`,
  )
}
