// direct_post.jwt (OpenID4VP 1.0 §8.3) and the HAIP 1.0 profile over real HTTP: the request offers a per-request
// ECDH-ES key, an encrypted answer (A128GCM or A256GCM) is verified, a plain one is refused response_encryption_required,
// and a JWE that does not decrypt, or carries another request's state, is refused response_decryption_failed.
import { CompactEncrypt, importJWK } from 'jose'
import type { JWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encryptAuthorizationResponse } from '../../shared/oid4vp/index.ts'
import type { RequestObjectPayload } from '../../shared/oid4vp/index.ts'
import { resolveVerifierConfig } from '../../verifier/config.ts'
import type { VerifierConfig } from '../../verifier/config.ts'
import { startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'

let haip: VerifierHarness
let plain: VerifierHarness
beforeAll(async () => {
  haip = await startVerifierHarness({ config: { profile: 'haip' } })
  plain = await startVerifierHarness()
})
afterAll(async () => {
  await haip.close()
  await plain.close()
})

interface Attempt { id: string; req: RequestObjectPayload & { client_metadata?: Record<string, unknown> } }

async function start(h: VerifierHarness): Promise<Attempt> {
  const created = await h.createPresentation({ preset: 'age_over_18' })
  return { id: created.json.id as string, req: await h.fetchRequest(created.json) }
}

async function vpToken(h: VerifierHarness, a: Attempt): Promise<Record<string, string[]>> {
  return { pid: [await h.present(await h.credential(), [['age_over_18']], a.req)] }
}

const encKey = (a: Attempt): JWK => ((a.req.client_metadata?.jwks as { keys: JWK[] }).keys[0]) as JWK

describe('HAIP profile: direct_post.jwt only', () => {
  it('the request asks direct_post.jwt and offers one P-256 ECDH-ES key for this request, with A128GCM and A256GCM', async () => {
    const a = await start(haip)
    expect(a.req.response_mode).toBe('direct_post.jwt')
    expect(a.req.client_metadata).toMatchObject({ encrypted_response_enc_values_supported: ['A128GCM', 'A256GCM'] })
    expect(encKey(a)).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'enc', alg: 'ECDH-ES', kid: `resp-${a.id}` })
    expect(encKey(a)).not.toHaveProperty('d')
    const other = await start(haip)
    expect(encKey(other).x).not.toBe(encKey(a).x) // a key per request
  })

  it('a plain direct_post answer is refused response_encryption_required; the request stays pending', async () => {
    const a = await start(haip)
    const r = await haip.post({ vp_token: JSON.stringify(await vpToken(haip, a)), state: a.req.state })
    expect(r).toMatchObject({ status: 400, json: { code: 'response_encryption_required' } })
    expect((await haip.result(a.id)).json).toEqual({ status: 'pending' })
  })

  it.each(['A128GCM', 'A256GCM'])('an encrypted answer (ECDH-ES, %s) is verified', async (enc) => {
    const a = await start(haip)
    const response = await encryptAuthorizationResponse({ vp_token: await vpToken(haip, a), state: a.req.state }, { ...a.req.client_metadata, encrypted_response_enc_values_supported: [enc] })
    expect(JSON.parse(Buffer.from(response.split('.')[0] ?? '', 'base64url').toString())).toMatchObject({ alg: 'ECDH-ES', enc, kid: `resp-${a.id}` })
    expect(await haip.post({ response })).toMatchObject({ status: 200 })
    expect((await haip.result(a.id)).json).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })

  it('an encrypted access_denied is recorded as declined', async () => {
    const a = await start(haip)
    const response = await encryptAuthorizationResponse({ error: 'access_denied', state: a.req.state }, a.req.client_metadata)
    expect((await haip.post({ response })).status).toBe(200)
    expect((await haip.result(a.id)).json).toEqual({ status: 'rejected', error: 'access_denied' })
  })

  it('response_decryption_failed: a changed ciphertext, another request\'s key, another request\'s state, alg dir, garbage', async () => {
    const a = await start(haip)
    const b = await start(haip)
    const good = await encryptAuthorizationResponse({ vp_token: await vpToken(haip, a), state: a.req.state }, a.req.client_metadata)
    const parts = good.split('.')
    const flipped = [...parts.slice(0, 3), `${parts[3]?.startsWith('A') ? 'B' : 'A'}${parts[3]?.slice(1)}`, parts[4]].join('.')
    // encrypted to b's key but naming a's kid: does not decrypt with a's key
    const bKeyAKid = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify({ vp_token: {}, state: a.req.state })))
      .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A128GCM', kid: `resp-${a.id}` })
      .encrypt(await importJWK({ ...encKey(b), alg: undefined, use: undefined, kid: undefined } as JWK, 'ECDH-ES'))
    // a's key, a's kid, but b's state
    const crossState = await encryptAuthorizationResponse({ vp_token: await vpToken(haip, a), state: b.req.state }, a.req.client_metadata)
    const dir = await new CompactEncrypt(new TextEncoder().encode('{}')).setProtectedHeader({ alg: 'dir', enc: 'A128GCM', kid: `resp-${a.id}` }).encrypt(new Uint8Array(16))
    for (const response of [flipped, bKeyAKid, crossState, dir, 'a.b.c.d.e', 'x'.repeat(200_000)]) {
      const r = await haip.post({ response })
      expect([r.status, r.json.code], response.slice(0, 20)).toEqual([400, 'response_decryption_failed'])
    }
    expect((await haip.result(a.id)).json).toEqual({ status: 'pending' })
    expect((await haip.result(b.id)).json).toEqual({ status: 'pending' })
    // the genuine answer still works afterwards
    expect((await haip.post({ response: good })).status).toBe(200)
    expect((await haip.result(a.id)).json).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })

  it('response_decryption_failed: a kid this verifier never issued, or naming no request; nothing is consumed', async () => {
    const a = await start(haip)
    const to = async (kid: string): Promise<string> => new CompactEncrypt(new TextEncoder().encode(JSON.stringify({ vp_token: {}, state: a.req.state })))
      .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A128GCM', kid })
      .encrypt(await importJWK({ ...encKey(a), alg: undefined, use: undefined, kid: undefined } as JWK, 'ECDH-ES'))
    for (const kid of ['someone-elses-key', 'resp-no-such-request', 'resp-']) {
      const r = await haip.post({ response: await to(kid) })
      expect([r.status, r.json.code], kid).toEqual([400, 'response_decryption_failed'])
    }
    expect((await haip.result(a.id)).json).toEqual({ status: 'pending' })
  })

  it('refuses to start with the haip profile and responseMode direct_post, or a short responseKeySecret', () => {
    const base = {
      dataDir: ':memory:', verifierUrl: 'https://verifier.example', apiKey: 'test-api-key-0123456789abcdef',
      trustedIssuers: [{ issuer: 'https://issuer.example' }],
      relyingParty: { accessCertificateChain: ['MIIB'] } as VerifierConfig['relyingParty'],
    }
    expect(() => resolveVerifierConfig({ ...base, profile: 'haip', responseMode: 'direct_post' })).toThrow(/haip/)
    expect(() => resolveVerifierConfig({ ...base, responseKeySecret: new Uint8Array(31) })).toThrow(/responseKeySecret/)
    expect(resolveVerifierConfig({ ...base, profile: 'haip' }).responseMode).toBe('direct_post.jwt')
  })
})

describe('default profile', () => {
  it('asks direct_post without an encryption key and verifies a plain answer', async () => {
    const a = await start(plain)
    expect(a.req.response_mode).toBe('direct_post')
    expect(a.req.client_metadata).not.toHaveProperty('jwks')
    expect((await plain.post({ vp_token: JSON.stringify(await vpToken(plain, a)), state: a.req.state })).status).toBe(200)
    expect((await plain.result(a.id)).json).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })
})
