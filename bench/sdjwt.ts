// SD-JWT VC benchmark: issue, present and verify (16 disclosable claims, 1 disclosed, KB-JWT) beside raw jose / node:crypto ES256 and @sd-jwt/sd-jwt-vc.
import { createHash, sign as cryptoSign, verify as cryptoVerify, KeyObject } from 'node:crypto'
import type { webcrypto } from 'node:crypto'
import { CompactSign, compactVerify } from 'jose'
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc'
import { ES256, digest as peerDigest, generateSalt } from '@sd-jwt/crypto-nodejs'
import { exportSigningKey, generateSigningKey, importPublicJwk } from '../shared/keys/index.ts'
import { issueSdJwt, presentSdJwt, verifySdJwt } from '../shared/sdjwt/index.ts'
import { medianMs, printTable } from './harness.ts'

const NOW = 1_800_000_000
const AUD = 'https://verifier.example'
const NONCE = 'bench-nonce-0123456789'
const ROUNDS = 3

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
  const peer = new SDJwtVcInstance({
    signer: peerIssuerSigner, signAlg: 'ES256', verifier: peerIssuerVerifier,
    kbSigner: peerHolderSigner, kbSignAlg: 'ES256', kbVerifier: peerHolderVerifier,
    hasher: peerDigest, hashAlg: 'sha-256', saltGenerator: generateSalt,
  })
  const peerCredential = await peer.issue(payload as never, frame as never)
  const peerPresent = () => peer.present(peerCredential, { claim_00: true } as never, { kb: { payload: { aud: AUD, nonce: NONCE, iat: NOW } } })
  const peerPresentation = await peerPresent()
  const peerVerify = () => peer.verify(peerPresentation, { keyBindingNonce: NONCE, currentDate: NOW })
  await peerVerify()

  const cases: { name: string; fn: () => unknown; ref?: string }[] = [
    { name: 'raw node:crypto ES256 verify x2', fn: rawVerify2 },
    { name: 'raw node:crypto ES256 sign', fn: () => cryptoSign('sha256', jwsInput, { key: issuerPrivKo, dsaEncoding: 'ieee-p1363' }) },
    { name: 'raw jose ES256 sign', fn: () => new CompactSign(jwsInput).setProtectedHeader({ alg: 'ES256' }).sign(issuer.privateKey) },
    { name: 'raw jose ES256 verify', fn: () => compactVerify(joseJws, issuerPub) },
    { name: 'sha-256 of one disclosure', fn: () => createHash('sha256').update('WyJzYWx0IiwgIm5hbWUiLCAidmFsdWUiXQ').digest('base64url') },
    { name: 'ours issue', fn: () => issueSdJwt({ payload, frame, signer: { alg: 'ES256', privateKey: issuer.privateKey } }), ref: 'raw jose ES256 sign' },
    { name: 'ours present (KB-JWT)', fn: () => presentSdJwt(credential, [['claim_00']], kb()), ref: 'raw jose ES256 sign' },
    { name: 'ours verify (KB-JWT)', fn: () => verifySdJwt(presentation, verifyOpts), ref: 'raw node:crypto ES256 verify x2' },
    { name: 'peer issue', fn: () => peer.issue(payload as never, frame as never), ref: 'ours issue' },
    { name: 'peer present (KB-JWT)', fn: peerPresent, ref: 'ours present (KB-JWT)' },
    { name: 'peer verify (KB-JWT)', fn: peerVerify, ref: 'ours verify (KB-JWT)' },
  ]
  // Rounds interleave all rows and keep each row's lowest median, so a burst of load on a shared machine
  // does not land on one row only.
  const best = new Map<string, number>()
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of cases) best.set(c.name, Math.min(best.get(c.name) ?? Infinity, await medianMs(c.fn, { minCpuTimeMs: 150 })))
  }
  const rows = cases.map((c) => ({ name: c.name, medianMs: best.get(c.name) ?? NaN, ...(c.ref === undefined ? {} : { ref: c.ref }) }))
  printTable(`SD-JWT VC: 16 disclosable claims, 1 disclosed, ES256, KB-JWT (best median of ${ROUNDS} interleaved rounds)`, rows)
  const ours = rows.find((r) => r.name === 'ours verify (KB-JWT)')?.medianMs ?? NaN
  const raw = rows.find((r) => r.name === 'raw node:crypto ES256 verify x2')?.medianMs ?? NaN
  const theirs = rows.find((r) => r.name === 'peer verify (KB-JWT)')?.medianMs ?? NaN
  console.log(`verify targets: ours/raw x2 = ${(ours / raw).toFixed(2)} (target <= 2), peer/ours = ${(theirs / ours).toFixed(2)} (target >= 2)`)
}
