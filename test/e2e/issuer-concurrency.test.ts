// E2E: single-use values under concurrency: of parallel requests redeeming one code or one c_nonce, exactly one succeeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningIssuer } from './issuer-harness.ts'
import { accessToken, credentialRequest, enroll, holderKey, nonce, proofJwt, startIssuer, tokenRequest } from './issuer-harness.ts'

let run: RunningIssuer
beforeAll(async () => {
  run = await startIssuer()
})
afterAll(async () => run.close())

describe('concurrent redemption', () => {
  it('eight parallel token requests with one pre-authorized code: one token', async () => {
    const e = await enroll(run.url)
    const results = await Promise.all(Array.from({ length: 8 }, () => tokenRequest(run.url, e.code, e.tx_code)))
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    for (const r of results.filter((x) => x.status !== 200)) expect(r.body.code).toBe('pre_authorized_code_invalid')
  })

  it('eight parallel credential requests sharing one c_nonce: one batch', async () => {
    const tokens = await Promise.all(Array.from({ length: 8 }, () => accessToken(run.url)))
    const n = await nonce(run.url)
    const results = await Promise.all(tokens.map(async (t) => credentialRequest(run.url, t, [await proofJwt(await holderKey(), { aud: run.url, nonce: n })])))
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    for (const r of results.filter((x) => x.status !== 200)) expect(r.body.code).toBe('nonce_invalid')
  })
})
