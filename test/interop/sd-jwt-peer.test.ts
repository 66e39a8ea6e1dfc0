// Interop with @sd-jwt/sd-jwt-vc 0.19.0 (+ @sd-jwt/crypto-nodejs), both directions, with KB-JWT; and the inputs the peer
// accepts that RFC 9901 / SD-JWT VC say to reject, which we reject with their own codes.
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc'
import { ES256, digest, generateSalt } from '@sd-jwt/crypto-nodejs'
import { beforeAll, describe, expect, it } from 'vitest'
import { exportSigningKey, generateSigningKey, signJwsCompact } from '../../shared/keys/index.ts'
import type { SigningKey } from '../../shared/keys/index.ts'
import { encodeDisclosure, issueSdJwt, presentSdJwt, sha256B64u, verifySdJwt } from '../../shared/sdjwt/index.ts'
import type { DisclosureFrame, VerifySdJwtOptions } from '../../shared/sdjwt/index.ts'

const NOW = 1_800_000_000
const AUD = 'https://verifier.example'
const NONCE = 'nonce-4711'
let issuer: SigningKey
let holder: SigningKey
let peer: SDJwtVcInstance
let payload: Record<string, unknown>
const frame: DisclosureFrame = {
  _sd: ['given_name', 'family_name', 'address', 'nationalities'],
  address: { _sd: ['street_address', 'locality'] },
  nationalities: { _sd: [0, 1] },
}

beforeAll(async () => {
  issuer = await generateSigningKey('ES256')
  holder = await generateSigningKey('ES256')
  peer = new SDJwtVcInstance({
    signer: await ES256.getSigner(await exportSigningKey(issuer)), signAlg: 'ES256', verifier: await ES256.getVerifier(issuer.publicJwk),
    kbSigner: await ES256.getSigner(await exportSigningKey(holder)), kbSignAlg: 'ES256', kbVerifier: await ES256.getVerifier(holder.publicJwk),
    hasher: digest, hashAlg: 'sha-256', saltGenerator: generateSalt,
  })
  payload = {
    iss: 'https://issuer.example', iat: NOW - 60, exp: NOW + 86_400, vct: 'urn:eid:pid', cnf: { jwk: holder.publicJwk },
    given_name: '张', family_name: 'Wei', address: { street_address: '1 Chang An Ave', locality: 'Beijing', country: 'CN' }, nationalities: ['CN', 'DE'],
  }
})

const ours = (extra: Partial<VerifySdJwtOptions> = {}): VerifySdJwtOptions => ({ now: NOW, resolveIssuerKey: async () => issuer.publicJwk, keyBinding: { aud: AUD, nonce: NONCE }, ...extra })
const theirs = (token: string, kb = true) => peer.verify(token, { currentDate: NOW, ...(kb ? { keyBindingNonce: NONCE } : {}) })
const kb = () => ({ privateKey: holder.privateKey, alg: 'ES256' as const, aud: AUD, nonce: NONCE, iat: NOW })
const withoutSdAlg = (o: unknown) => Object.fromEntries(Object.entries(o as Record<string, unknown>).filter(([k]) => k !== '_sd_alg'))

describe('interop: @sd-jwt/sd-jwt-vc → ours', () => {
  it('a peer credential and a peer presentation with KB-JWT verify in ours with the same claims', async () => {
    const credential = await peer.issue(payload as never, frame as never)
    const presentation = await peer.present(credential, { given_name: true, address: { locality: true }, nationalities: { 1: true } } as never, { kb: { payload: { aud: AUD, nonce: NONCE, iat: NOW } } })
    const mine = await verifySdJwt(presentation, ours())
    const peers = await theirs(presentation)
    expect(mine.claims).toEqual(withoutSdAlg(peers.payload))
    expect(mine.claims).toMatchObject({ given_name: '张', address: { locality: 'Beijing', country: 'CN' }, nationalities: ['DE'] })
    expect(mine.claims).not.toHaveProperty('family_name')
    expect(mine.keyBinding?.payload).toMatchObject({ aud: AUD, nonce: NONCE })
  })
  it('a peer credential fully disclosed processes to the issued payload', async () => {
    const credential = await peer.issue(payload as never, frame as never)
    expect((await verifySdJwt(credential, ours({ keyBinding: false }))).claims).toEqual(payload)
  })
  it('ours presents a peer credential and the peer verifies it', async () => {
    const credential = await peer.issue(payload as never, frame as never)
    const p = await presentSdJwt(credential, [['family_name'], ['address', 'street_address']], kb())
    const peers = await theirs(p)
    expect(withoutSdAlg(peers.payload)).toEqual((await verifySdJwt(p, ours())).claims)
  })
})

describe('interop: ours → @sd-jwt/sd-jwt-vc', () => {
  it('our credential verifies in the peer with the issued payload', async () => {
    const credential = await issueSdJwt({ payload, frame: { ...frame, _decoys: 2 }, signer: { alg: 'ES256', privateKey: issuer.privateKey, kid: issuer.kid } })
    expect(withoutSdAlg((await theirs(credential, false)).payload)).toEqual(payload)
  })
  it('our presentation with KB-JWT verifies in the peer with the same claims', async () => {
    const credential = await issueSdJwt({ payload, frame, signer: { alg: 'ES256', privateKey: issuer.privateKey } })
    const p = await presentSdJwt(credential, [['given_name'], ['nationalities', 0], ['address', 'locality']], kb())
    const peers = await theirs(p)
    expect(peers.kb?.payload).toMatchObject({ aud: AUD, nonce: NONCE, iat: NOW })
    expect(withoutSdAlg(peers.payload)).toEqual((await verifySdJwt(p, ours())).claims)
  })
  it('the peer presents our credential with KB-JWT and ours verifies it', async () => {
    const credential = await issueSdJwt({ payload, frame, signer: { alg: 'ES256', privateKey: issuer.privateKey } })
    const p = await peer.present(credential, { family_name: true, nationalities: { 0: true, 1: true } } as never, { kb: { payload: { aud: AUD, nonce: NONCE, iat: NOW } } })
    const mine = await verifySdJwt(p, ours())
    expect(mine.claims).toMatchObject({ family_name: 'Wei', nationalities: ['CN', 'DE'] })
    expect(mine.claims).toEqual(withoutSdAlg((await theirs(p)).payload))
  })
})

describe('the peer accepts what RFC 9901 / SD-JWT VC reject; ours rejects each with its code', () => {
  const signed = (p: Record<string, unknown>, header: Record<string, unknown> = { typ: 'dc+sd-jwt' }) => signJwsCompact(header, p, issuer.privateKey, 'ES256')
  const kbOver = (presented: string, over: Record<string, unknown>) =>
    presented + signJwsCompact({ typ: 'kb+jwt' }, { iat: NOW, aud: AUD, nonce: NONCE, sd_hash: sha256B64u(presented), ...over }, holder.privateKey, 'ES256')
  const cases: { name: string; code: string; make: () => Promise<string>; kbRequired?: boolean }[] = [
    { name: 'an unreferenced disclosure', code: 'disclosure_not_referenced', make: async () => `${await issueSdJwt({ payload, frame, signer: { alg: 'ES256', privateKey: issuer.privateKey } })}${encodeDisclosure('c2FsdA', 'extra', 1)}~` },
    { name: 'a repeated disclosure', code: 'duplicate_disclosure', make: async () => { const c = await issueSdJwt({ payload, frame, signer: { alg: 'ES256', privateKey: issuer.privateKey } }); return `${c}${c.split('~')[1]}~` } },
    { name: 'a repeated digest', code: 'duplicate_digest', make: async () => { const d = encodeDisclosure('c2FsdA', 'x', 1); return `${signed({ ...payload, _sd: [sha256B64u(d), sha256B64u(d)] })}~${d}~` } },
    { name: 'typ JWT', code: 'invalid_typ', make: async () => `${signed(payload, { typ: 'JWT' })}~` },
    { name: 'no typ', code: 'invalid_typ', make: async () => `${signed(payload, {})}~` },
    { name: 'a disclosure overwriting a claim', code: 'claim_name_conflict', make: async () => { const d = encodeDisclosure('c2FsdA', 'given_name', 'Eve'); return `${signed({ ...payload, _sd: [sha256B64u(d)] })}~${d}~` } },
    { name: 'an array-element disclosure in an object', code: 'disclosure_kind_mismatch', make: async () => { const d = encodeDisclosure('c2FsdA', undefined, 'x'); return `${signed({ ...payload, _sd: [sha256B64u(d)] })}~${d}~` } },
    { name: 'a selectively disclosed iat', code: 'validity_claim_disclosable', make: async () => { const { iat, ...rest } = payload; const d = encodeDisclosure('c2FsdA', 'iat', iat); return `${signed({ ...rest, _sd: [sha256B64u(d)] })}~${d}~` } },
    { name: 'a KB-JWT for another aud', code: 'kb_aud_mismatch', kbRequired: true, make: async () => kbOver(`${signed(payload)}~`, { aud: 'https://evil.example' }) },
    { name: 'a KB-JWT whose aud is an array containing ours', code: 'kb_aud_mismatch', kbRequired: true, make: async () => kbOver(`${signed(payload)}~`, { aud: [AUD] }) },
    { name: 'a year-old KB-JWT iat', code: 'kb_iat_invalid', kbRequired: true, make: async () => kbOver(`${signed(payload)}~`, { iat: NOW - 365 * 86_400 }) },
    { name: 'a KB-JWT iat in the future', code: 'kb_iat_invalid', kbRequired: true, make: async () => kbOver(`${signed(payload)}~`, { iat: NOW + 3600 }) },
  ]
  for (const c of cases) {
    it(`${c.name}: peer accepts, ours rejects with ${c.code}`, async () => {
      const token = await c.make()
      await expect(theirs(token, c.kbRequired === true)).resolves.toBeDefined()
      await expect(verifySdJwt(token, ours({ keyBinding: c.kbRequired ? { aud: AUD, nonce: NONCE } : undefined }))).rejects.toMatchObject({ name: 'EidError', code: c.code })
    })
  }
})
