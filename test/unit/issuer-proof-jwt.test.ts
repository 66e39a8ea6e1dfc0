// shared/oid4vci proof JWT checks (OpenID4VCI 1.0 Appendix F.1, F.4): one rejection test per check, asserting its code.
import { describe, expect, it } from 'vitest'
import { SignJWT, exportJWK, generateKeyPair } from 'jose'
import type { CryptoKey, JWK } from 'jose'
import { signJwsCompact } from '../../shared/keys/index.ts'
import { verifyProofBatch, verifyProofJwt } from '../../shared/oid4vci/index.ts'

const AUD = 'https://issuer.example'
const NOW = 1_800_000_000

async function key(alg: 'ES256' | 'EdDSA' = 'ES256'): Promise<{ privateKey: CryptoKey; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  return { privateKey, publicJwk: await exportJWK(publicKey) }
}

async function proof(o: { header?: Record<string, unknown>; payload?: Record<string, unknown>; k?: Awaited<ReturnType<typeof key>> } = {}): Promise<string> {
  const k = o.k ?? (await key())
  return new SignJWT({ aud: AUD, iat: NOW, nonce: 'n-1', ...o.payload })
    .setProtectedHeader({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: k.publicJwk, ...o.header })
    .sign(k.privateKey)
}

const opts = { audience: AUD, now: NOW }

describe('verifyProofJwt', () => {
  it('accepts a valid ES256 proof and returns the minimal public key', async () => {
    const v = await verifyProofJwt(await proof(), opts)
    expect(v.nonce).toBe('n-1')
    expect(Object.keys(v.publicJwk).sort()).toEqual(['crv', 'kty', 'x', 'y'])
  })

  it('accepts an EdDSA proof', async () => {
    const k = await key('EdDSA')
    const jwt = await new SignJWT({ aud: AUD, iat: NOW, nonce: 'n' }).setProtectedHeader({ alg: 'EdDSA', typ: 'openid4vci-proof+jwt', jwk: k.publicJwk }).sign(k.privateKey)
    expect((await verifyProofJwt(jwt, opts)).alg).toBe('EdDSA')
  })

  const reject = async (jwt: string | Promise<string>, code: string, o = opts) => expect(verifyProofJwt(await jwt, o)).rejects.toMatchObject({ code })

  it('proof_typ_invalid: wrong typ', () => reject(proof({ header: { typ: 'JWT' } }), 'proof_typ_invalid'))
  it('proof_malformed: not a JWS', () => reject('abc.def', 'proof_malformed'))
  it('proof_malformed: kid beside jwk', () => reject(proof({ header: { kid: 'k1' } }), 'proof_malformed'))
  it('proof_malformed: x5c beside jwk', () => reject(proof({ header: { x5c: ['AAAA'] } }), 'proof_malformed'))
  it('proof_alg_not_allowed: alg none', async () => {
    const k = await key()
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
    const jwt = `${enc({ alg: 'none', typ: 'openid4vci-proof+jwt', jwk: k.publicJwk })}.${enc({ aud: AUD, iat: NOW, nonce: 'n' })}.`
    await reject(jwt, 'proof_alg_not_allowed')
  })
  it('proof_alg_not_allowed: HS256', async () => {
    const jwt = await new SignJWT({ aud: AUD, iat: NOW }).setProtectedHeader({ alg: 'HS256', typ: 'openid4vci-proof+jwt', jwk: { kty: 'oct', k: 'AAAA' } as never }).sign(new Uint8Array(32))
    await reject(jwt, 'proof_alg_not_allowed')
  })
  it('proof_key_invalid: private key in the header', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true })
    const priv = await exportJWK(privateKey)
    const jwt = await new SignJWT({ aud: AUD, iat: NOW }).setProtectedHeader({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: priv }).sign(privateKey)
    await reject(jwt, 'proof_key_invalid')
  })
  it('proof_key_invalid: a point not on P-256', async () => {
    const k = await key()
    const y = Buffer.from(k.publicJwk.y as string, 'base64url')
    y[31] = (y[31] as number) ^ 1
    await reject(proof({ k, header: { jwk: { ...k.publicJwk, y: y.toString('base64url') } } }), 'proof_key_invalid')
  })
  it('proof_malformed: a crit header (no extension is understood)', async () => {
    const k = await key()
    const jwt = signJwsCompact({ typ: 'openid4vci-proof+jwt', jwk: k.publicJwk, crit: ['x-ext'], 'x-ext': 1 }, { aud: AUD, iat: NOW, nonce: 'n' }, k.privateKey, 'ES256')
    await reject(jwt, 'proof_malformed')
  })
  it('proof_signature_invalid: a signature in non-canonical base64url', async () => {
    const jwt = await proof()
    const last = jwt.at(-1) as string
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    // the last of 86 characters carries 2 bits of the signature and 4 unused bits: setting one leaves the bytes alike
    const sibling = alphabet[alphabet.indexOf(last) ^ 1] as string
    await reject(jwt.slice(0, -1) + sibling, 'proof_signature_invalid')
  })
  it('proof_signature_invalid: signed by another key than its jwk', async () => {
    const a = await key()
    const b = await key()
    await reject(proof({ k: a, header: { jwk: b.publicJwk } }), 'proof_signature_invalid')
  })
  it('proof_aud_mismatch: another audience', () => reject(proof({ payload: { aud: 'https://evil.example' } }), 'proof_aud_mismatch'))
  it('proof_aud_mismatch: an array holding the audience', () => reject(proof({ payload: { aud: [AUD, 'x'] } }), 'proof_aud_mismatch'))
  it('proof_iat_invalid: stale', () => reject(proof({ payload: { iat: NOW - 301 } }), 'proof_iat_invalid'))
  it('proof_iat_invalid: future', () => reject(proof({ payload: { iat: NOW + 61 } }), 'proof_iat_invalid'))
  it('proof_malformed: iat missing', () => reject(proof({ payload: { iat: undefined } }), 'proof_malformed'))
})

describe('verifyProofBatch', () => {
  it('returns the shared nonce and one key per proof', async () => {
    const r = await verifyProofBatch([await proof(), await proof()], opts)
    expect(r.nonce).toBe('n-1')
    expect(r.proofs).toHaveLength(2)
  })
  it('proof_nonce_missing (invalid_proof, §8.3.1.2): a proof without nonce', async () => {
    await expect(verifyProofBatch([await proof(), await proof({ payload: { nonce: undefined } })], opts)).rejects.toMatchObject({ code: 'proof_nonce_missing' })
  })
  it('proof_nonce_mismatch: differing nonces', async () => {
    await expect(verifyProofBatch([await proof(), await proof({ payload: { nonce: 'other' } })], opts)).rejects.toMatchObject({ code: 'proof_nonce_mismatch' })
  })
  it('proof_key_reused: the same key twice', async () => {
    const k = await key()
    await expect(verifyProofBatch([await proof({ k }), await proof({ k })], opts)).rejects.toMatchObject({ code: 'proof_key_reused' })
  })
})
