// Verifier with the real status checker (verifier/status): a valid entry verifies; revoked or suspended entries are rejected with their code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'
import { SAMPLE_PID_CLAIMS } from '../support/verifier/index.ts'

let h: VerifierHarness

beforeAll(async () => {
  h = await startVerifierHarness({ statusChecker: 'real' })
  // Set before the first fetch: the checker caches the list for its ttl.
  h.issuer.setStatus(8, 1)
  h.issuer.setStatus(9, 2)
})
afterAll(() => h.close())

async function presentWithStatus(idx: number): Promise<{ id: string; post: { status: number; json: Record<string, unknown> } }> {
  const created = await h.createPresentation({ preset: 'age_over_18' })
  const req = await h.fetchRequest(created.json)
  const cred = await h.credential({ ...SAMPLE_PID_CLAIMS }, { status: h.issuer.statusClaim(idx) })
  const post = await h.post({ vp_token: JSON.stringify({ pid: [await h.present(cred, [['age_over_18']], req)] }), state: req.state })
  return { id: created.json.id as string, post }
}

describe('verifier status checking', () => {
  it('verifies a credential whose status entry is VALID', async () => {
    const r = await presentWithStatus(7)
    expect(r.post.status).toBe(200)
    expect((await h.result(r.id)).json).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })

  it('rejects a revoked credential: credential_revoked', async () => {
    const r = await presentWithStatus(8)
    expect(r.post.json.code).toBe('credential_revoked')
    expect((await h.result(r.id)).json).toEqual({ status: 'rejected', error: 'credential_revoked' })
  })

  it('rejects a suspended credential: credential_suspended', async () => {
    const r = await presentWithStatus(9)
    expect(r.post.json.code).toBe('credential_suspended')
    expect((await h.result(r.id)).json).toEqual({ status: 'rejected', error: 'credential_suspended' })
  })

  it('rejects a credential without status claim: status_claim_invalid', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18' })
    const req = await h.fetchRequest(created.json)
    const post = await h.post({ vp_token: JSON.stringify({ pid: [await h.present(await h.credential(), [['age_over_18']], req)] }), state: req.state })
    expect(post.json.code).toBe('status_claim_invalid')
  })
})
