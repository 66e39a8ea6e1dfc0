// Fuzz: any body to the issuer's endpoints gives a 4xx with a stable code, never a 5xx (fast-check, modest runs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { RunningIssuer } from '../e2e/issuer-harness.ts'
import { ADMIN_TOKEN, accessToken, holderKey, nonce, proofJwt, startIssuer } from '../e2e/issuer-harness.ts'

let run: RunningIssuer
let token: string
beforeAll(async () => {
  run = await startIssuer()
  token = await accessToken(run.url)
})
afterAll(async () => run.close())

async function send(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; code: unknown }> {
  const res = await fetch(`${run.url}${path}`, { method: 'POST', body, headers })
  const json = (await res.json()) as { code?: unknown }
  return { status: res.status, code: json.code }
}

const expect4xx = (r: { status: number; code: unknown }) => {
  expect(r.status).toBeGreaterThanOrEqual(400)
  expect(r.status).toBeLessThan(500)
  expect(r.code).toBeTypeOf('string')
}

const json = { 'content-type': 'application/json' }
const runs = { numRuns: 40 }

describe('issuer endpoints under arbitrary input', () => {
  it('POST /credential: arbitrary JSON', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (v) => expect4xx(await send('/credential', JSON.stringify(v), { ...json, authorization: `Bearer ${token}` }))), runs)
  })

  it('POST /credential: arbitrary proofs, including mutated valid ones', async () => {
    const n = await nonce(run.url)
    const valid = await proofJwt(await holderKey(), { aud: run.url, nonce: n })
    const mutated = fc.tuple(fc.nat({ max: valid.length - 1 }), fc.string({ minLength: 1, maxLength: 3 })).map(([i, s]) => valid.slice(0, i) + s + valid.slice(i + 1))
    const proof = fc.oneof(fc.string({ maxLength: 200 }), mutated)
    await fc.assert(
      fc.asyncProperty(fc.array(proof, { minLength: 1, maxLength: 3 }), async (jwts) => {
        const r = await send('/credential', JSON.stringify({ credential_configuration_id: 'pid_sd_jwt', proofs: { jwt: jwts } }), { ...json, authorization: `Bearer ${token}` })
        if (r.status !== 200) expect4xx(r)
      }),
      runs,
    )
  })

  it('POST /token: arbitrary form parameters', async () => {
    const key = fc.oneof(fc.constantFrom('grant_type', 'pre-authorized_code', 'tx_code'), fc.string({ maxLength: 20 }))
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, fc.string({ maxLength: 80 })), async (d) => expect4xx(await send('/token', new URLSearchParams(d).toString(), { 'content-type': 'application/x-www-form-urlencoded' }))),
      runs,
    )
  })

  it('POST /admin/enrollments and /admin/relying-parties: arbitrary JSON', async () => {
    const admin = { ...json, authorization: `Bearer ${ADMIN_TOKEN}` }
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom('/admin/enrollments', '/admin/relying-parties'), async (v, path) => expect4xx(await send(path, JSON.stringify(v), admin))),
      runs,
    )
  })

  it('any endpoint: arbitrary bytes as JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), fc.constantFrom('/credential', '/admin/enrollments'), async (s, path) => {
        const r = await send(path, s, { ...json, authorization: path === '/credential' ? `Bearer ${token}` : `Bearer ${ADMIN_TOKEN}` })
        expect4xx(r)
      }),
      runs,
    )
  })
})
