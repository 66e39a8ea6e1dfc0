// Verifier negative tests over real HTTP: each bad response is rejected with its code, and nothing but the code is stored.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EidError } from '../../shared/errors/index.ts'
import { generateSigningKey, signJwsCompact } from '../../shared/keys/index.ts'
import type { RequestObjectPayload } from '../../shared/oid4vp/index.ts'
import type { ClaimsPath } from '../../shared/registration/index.ts'
import { createKbJwt, decodeSdJwt, encodeDisclosure, sha256B64u } from '../../shared/sdjwt/index.ts'
import { jwtLike, leakedSecrets } from '../support/leaks.ts'
import { SAMPLE_PID_CLAIMS, startTestIssuer, startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'

let h: VerifierHarness
let dataDir: string
let revoked = false

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'verifier-rejections-'))
  h = await startVerifierHarness({
    dataDir,
    statusChecker: { check: async () => { if (revoked) throw new EidError('credential_revoked', 'credential is revoked') } },
  })
})
afterAll(async () => {
  await h.close()
  rmSync(dataDir, { recursive: true, force: true })
})

interface Attempt { id: string; req: RequestObjectPayload }

async function start(preset = 'age_over_18'): Promise<Attempt> {
  const created = await h.createPresentation({ preset })
  return { id: created.json.id as string, req: await h.fetchRequest(created.json) }
}

/** Posts `vp` for attempt `a`; asserts the 400 code and that the session is rejected with that code and no claims. */
async function expectRejected(a: Attempt, form: Record<string, string>, code: string): Promise<void> {
  const post = await h.post(form)
  expect(post.json.code).toBe(code)
  expect(post.status).toBeGreaterThanOrEqual(400)
  expect(post.status).toBeLessThan(500)
  expect((await h.result(a.id)).json).toEqual({ status: 'rejected', error: code })
}

/** Asserts a 400 `code` that left the session untouched (still pending). */
async function expectRefusedUntouched(a: Attempt, form: Record<string, string>, code: string, status = 400): Promise<void> {
  const post = await h.post(form)
  expect(post).toMatchObject({ status, json: { code } })
  expect((await h.result(a.id)).json).toEqual({ status: 'pending' })
}

const vpForm = (a: Attempt, vp: string, id = 'pid'): Record<string, string> => ({ vp_token: JSON.stringify({ [id]: [vp] }), state: a.req.state })
const age: ClaimsPath[] = [['age_over_18']]

describe('verifier rejects', () => {
  it('a replayed response (same state twice): response_replayed; the first result stands', async () => {
    const a = await start()
    const form = vpForm(a, await h.present(await h.credential(), age, a.req))
    expect((await h.post(form)).status).toBe(200)
    expect(await h.post(form)).toMatchObject({ status: 400, json: { code: 'response_replayed' } })
    expect((await h.result(a.id)).json).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })

  it('a vp_token replayed into another request: kb_nonce_mismatch', async () => {
    const first = await start()
    const vp = await h.present(await h.credential(), age, first.req)
    await h.post(vpForm(first, vp))
    const second = await start()
    await expectRejected(second, vpForm(second, vp), 'kb_nonce_mismatch')
  })

  it('two concurrent posts of the same response: exactly one succeeds', async () => {
    const a = await start()
    const form = vpForm(a, await h.present(await h.credential(), age, a.req))
    const results = await Promise.all([h.post(form), h.post(form), h.post(form)])
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.filter((r) => r.json.code === 'response_replayed')).toHaveLength(2)
  })

  it('a wrong nonce: kb_nonce_mismatch', async () => {
    const a = await start()
    await expectRejected(a, vpForm(a, await h.present(await h.credential(), age, a.req, { nonce: 'another-nonce-0123456789' })), 'kb_nonce_mismatch')
  })

  it('a wrong aud: kb_aud_mismatch', async () => {
    const a = await start()
    await expectRejected(a, vpForm(a, await h.present(await h.credential(), age, a.req, { aud: 'x509_hash:somebody-else' })), 'kb_aud_mismatch')
  })

  it('an aud array containing the right client_id: kb_aud_mismatch', async () => {
    const a = await start()
    const presented = (await h.present(await h.credential(), age, a.req)).replace(/[^~]+$/, '')
    const kb = signJwsCompact({ typ: 'kb+jwt' }, { iat: h.now(), aud: [a.req.client_id, 'https://other.example'], nonce: a.req.nonce, sd_hash: sha256B64u(presented) }, h.holder.privateKey, 'ES256')
    await expectRejected(a, vpForm(a, presented + kb), 'kb_aud_mismatch')
  })

  it('an unknown state: state_unknown, nothing stored', async () => {
    const a = await start()
    const vp = await h.present(await h.credential(), age, a.req)
    await expectRefusedUntouched(a, { vp_token: JSON.stringify({ pid: [vp] }), state: 'not-a-state-of-ours' }, 'state_unknown')
  })

  it('an expired request: request_expired', async () => {
    const a = await start()
    const vp = await h.present(await h.credential(), age, a.req)
    h.clock.offset = 400
    try {
      expect(await h.post(vpForm(a, vp))).toMatchObject({ status: 400, json: { code: 'request_expired' } })
      expect((await h.result(a.id)).json).toEqual({ status: 'expired' })
    } finally {
      h.clock.offset = 0
    }
  })

  it('a credential from an untrusted issuer: issuer_untrusted', async () => {
    const rogue = await startTestIssuer(h.now)
    try {
      const a = await start()
      await expectRejected(a, vpForm(a, await h.present(await rogue.issue({ ...SAMPLE_PID_CLAIMS }, h.holder.publicJwk), age, a.req)), 'issuer_untrusted')
    } finally {
      await rogue.close()
    }
  })

  it('a credential signed by a key the trusted issuer does not publish: issuer_key_unknown', async () => {
    const a = await start()
    const other = await generateSigningKey('ES256')
    const cred = await h.credential(undefined, { signer: other })
    await expectRejected(a, vpForm(a, await h.present(cred, age, a.req)), 'issuer_key_unknown')
  })

  it('a forged issuer signature (kid of the trusted key): invalid_signature', async () => {
    const a = await start()
    const other = await generateSigningKey('ES256')
    const cred = await h.credential(undefined, { signer: { ...other, kid: h.issuer.key.kid } })
    await expectRejected(a, vpForm(a, await h.present(cred, age, a.req)), 'invalid_signature')
  })

  it('a tampered disclosure: disclosure_not_referenced', async () => {
    const a = await start()
    const decoded = decodeSdJwt(await h.credential({ ...SAMPLE_PID_CLAIMS, age_over_18: false }))
    const d = decoded.disclosures.find((x) => x.name === 'age_over_18')
    if (!d) throw new Error('fixture lacks age_over_18')
    const presented = `${decoded.jwt}~${encodeDisclosure(d.salt, 'age_over_18', true)}~`
    const kb = createKbJwt(presented, { privateKey: h.holder.privateKey, alg: 'ES256', aud: a.req.client_id, nonce: a.req.nonce, iat: h.now() })
    await expectRejected(a, vpForm(a, presented + kb), 'disclosure_not_referenced')
  })

  it('a presentation without KB-JWT: kb_jwt_missing', async () => {
    const a = await start()
    const decoded = decodeSdJwt(await h.credential())
    const d = decoded.disclosures.find((x) => x.name === 'age_over_18')
    await expectRejected(a, vpForm(a, `${decoded.jwt}~${d?.raw ?? ''}~`), 'kb_jwt_missing')
  })

  it('a KB-JWT signed by a key other than cnf: kb_invalid_signature', async () => {
    const a = await start()
    const thief = await generateSigningKey('ES256')
    await expectRejected(a, vpForm(a, await h.present(await h.credential(), age, a.req, { key: thief })), 'kb_invalid_signature')
  })

  it('a stale KB-JWT: kb_iat_invalid', async () => {
    const a = await start()
    await expectRejected(a, vpForm(a, await h.present(await h.credential(), age, a.req, { iat: h.now() - 3600 })), 'kb_iat_invalid')
  })

  it('over-disclosure (national_id beside age_over_18): over_disclosure, and the ID number is not stored', async () => {
    const a = await start()
    await expectRejected(a, vpForm(a, await h.present(await h.credential(), [['age_over_18'], ['national_id']], a.req)), 'over_disclosure')
  })

  it('a missing requested claim: required_claim_missing', async () => {
    const a = await start()
    await expectRejected(a, vpForm(a, await h.present(await h.credential(), [], a.req)), 'required_claim_missing')
  })

  it('another credential type: vct_mismatch', async () => {
    const a = await start()
    await expectRejected(a, vpForm(a, await h.present(await h.credential(undefined, { vct: 'urn:other:1' }), age, a.req)), 'vct_mismatch')
  })

  it('an expired credential: credential_expired', async () => {
    const a = await start()
    const cred = await h.credential(undefined, { iat: h.now() - 7200, exp: h.now() - 3600 })
    await expectRejected(a, vpForm(a, await h.present(cred, age, a.req)), 'credential_expired')
  })

  it('a revoked credential (status checker): credential_revoked', async () => {
    const a = await start()
    revoked = true
    try {
      await expectRejected(a, vpForm(a, await h.present(await h.credential(), age, a.req)), 'credential_revoked')
    } finally {
      revoked = false
    }
  })

  it('a vp_token keyed by a credential query id the request does not have: vp_token_invalid', async () => {
    const a = await start()
    await expectRejected(a, vpForm(a, await h.present(await h.credential(), age, a.req), 'other'), 'vp_token_invalid')
  })

  it('an empty vp_token object: vp_token_invalid, session untouched', async () => {
    const a = await start()
    await expectRefusedUntouched(a, { vp_token: '{}', state: a.req.state }, 'vp_token_invalid')
  })
})

describe('verifier refuses malformed bodies without touching the session', () => {
  it('vp_token that is not JSON: vp_token_invalid', async () => {
    const a = await start()
    await expectRefusedUntouched(a, { vp_token: 'eyJhbGciOi~', state: a.req.state }, 'vp_token_invalid')
  })
  it('vp_token values that are not arrays: vp_token_invalid', async () => {
    const a = await start()
    await expectRefusedUntouched(a, { vp_token: JSON.stringify({ pid: 'x~y~' }), state: a.req.state }, 'vp_token_invalid')
  })
  it('no state: authorization_response_invalid', async () => {
    const a = await start()
    await expectRefusedUntouched(a, { vp_token: JSON.stringify({ pid: ['x'] }) }, 'authorization_response_invalid')
  })
  it('a repeated parameter: authorization_response_invalid', async () => {
    const a = await start()
    const res = await fetch(`${h.baseUrl}/responses`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `state=${a.req.state}&state=${a.req.state}&vp_token=%7B%7D` })
    expect(((await res.json()) as { code: string }).code).toBe('authorization_response_invalid')
    expect((await h.result(a.id)).json).toEqual({ status: 'pending' })
  })
  it('a JSON body instead of a form: authorization_response_invalid', async () => {
    const a = await start()
    const res = await fetch(`${h.baseUrl}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ vp_token: {}, state: a.req.state }) })
    expect(((await res.json()) as { code: string }).code).toBe('authorization_response_invalid')
    expect((await h.result(a.id)).json).toEqual({ status: 'pending' })
  })
  it('a body over the limit: 413 body_too_large', async () => {
    const a = await start()
    await expectRefusedUntouched(a, { vp_token: 'x'.repeat(300_000), state: a.req.state }, 'body_too_large', 413)
  })
  it('a presentation string that is not an SD-JWT: malformed_sd_jwt (session rejected, nothing else stored)', async () => {
    const a = await start()
    await expectRejected(a, vpForm(a, 'not-an-sd-jwt'), 'malformed_sd_jwt')
  })
})

describe('verifier storage after all of the above', () => {
  it('holds no ID number, name, region, token or unrequested claim in its database files', () => {
    const bytes = readdirSync(join(dataDir, 'verifier')).map((f) => readFileSync(join(dataDir, 'verifier', f)).toString('latin1')).join('\n')
    expect(leakedSecrets(bytes, ['119900199005179016', 'Zhang', 'Wei', 'Beijing', 'national_id'])).toEqual([])
    expect(jwtLike(bytes)).toEqual([])
    expect(bytes).toContain('age_over_18')
  })
  it('logs no claim value, name, ID number or token', () => {
    const logs = h.logs.join('\n')
    expect(leakedSecrets(logs, ['119900199005179016', 'Zhang', 'Beijing'])).toEqual([])
    expect(jwtLike(logs)).toEqual([])
    expect(logs).toContain('over_disclosure')
  })
})
