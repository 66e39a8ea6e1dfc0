// E2E: the status service wired into the issuer: revoking a person marks their credentials invalid in the served list
// (signed by the published issuing key) and refuses further issuance; the status admin routes need the admin token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JWK } from 'jose'
import { generateResidentId } from '../../shared/cnid/index.ts'
import { decodeSdJwt } from '../../shared/sdjwt/index.ts'
import { STATUS, verifyStatusListToken } from '../../shared/status-list/index.ts'
import type { RunningIssuer } from './issuer-harness.ts'
import { ADMIN_TOKEN, PERSON, credentialRequest, enroll, holderKey, nonce, postJson, proofJwt, startIssuer, tokenRequest } from './issuer-harness.ts'

const PERSON_2 = { national_id: generateResidentId({ birthdate: '1990-01-02', sex: 'male', provinceCode: '32' }), family_name: 'Li', given_name: 'Lei' }
let run: RunningIssuer
beforeAll(async () => {
  run = await startIssuer()
})
afterAll(async () => run.close())

async function statusOf(credential: string): Promise<number> {
  const ref = (decodeSdJwt(credential).payload.status as { status_list: { idx: number; uri: string } }).status_list
  const jwks = (await (await fetch(`${run.url}/.well-known/jwt-vc-issuer`)).json()) as { jwks: { keys: JWK[] } }
  const token = await (await fetch(ref.uri)).text()
  const v = await verifyStatusListToken(token, {
    expectedSub: ref.uri,
    now: Math.floor(Date.now() / 1000),
    resolveKey: async (h) => jwks.jwks.keys.find((k) => k.kid === h.kid) ?? Promise.reject(new Error('kid')),
  })
  return v.list.get(ref.idx)
}

describe('revocation through the issuer', () => {
  it('revoke a person: their credentials turn invalid and no more are issued', async () => {
    const e = await enroll(run.url, PERSON)
    const t = await tokenRequest(run.url, e.code, e.tx_code)
    const token = t.body.access_token as string
    const first = await credentialRequest(run.url, token, [await proofJwt(await holderKey(), { aud: run.url, nonce: await nonce(run.url) })])
    const credential = (first.body.credentials as { credential: string }[])[0]?.credential ?? ''
    expect(await statusOf(credential)).toBe(STATUS.VALID)

    const person = e.person_id
    expect((await postJson(`${run.url}/admin/persons/${person}/revoke`, {})).status).toBe(401)
    const r = await postJson(`${run.url}/admin/persons/${person}/revoke`, {}, { authorization: `Bearer ${ADMIN_TOKEN}` })
    expect(r.status).toBe(200)
    expect(await statusOf(credential)).toBe(STATUS.INVALID)

    const again = await credentialRequest(run.url, token, [await proofJwt(await holderKey(), { aud: run.url, nonce: await nonce(run.url) })])
    expect({ status: again.status, error: again.body.error, code: again.body.code }).toEqual({ status: 400, error: 'credential_request_denied', code: 'credential_request_denied' })
  })
  it('suspend a person enrolled but without credentials yet: recorded, and issuance is refused until reinstated', async () => {
    const e = await enroll(run.url, PERSON_2)
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }
    expect((await postJson(`${run.url}/admin/persons/${e.person_id}/suspend`, {}, admin)).status).toBe(200)
    const token = (await tokenRequest(run.url, e.code, e.tx_code)).body.access_token as string
    const denied = await credentialRequest(run.url, token, [await proofJwt(await holderKey(), { aud: run.url, nonce: await nonce(run.url) })])
    expect(denied.body.code).toBe('credential_request_denied')
    expect((await postJson(`${run.url}/admin/persons/${e.person_id}/reinstate`, {}, admin)).status).toBe(200)
    const ok = await credentialRequest(run.url, token, [await proofJwt(await holderKey(), { aud: run.url, nonce: await nonce(run.url) })])
    expect(ok.status).toBe(200)
  })

  it('lists a person\'s credentials for the admin; revoking one credential leaves the others valid', async () => {
    const person = { national_id: generateResidentId({ birthdate: '1985-07-07', sex: 'female', provinceCode: '51' }), family_name: 'Zhao', given_name: 'Min' }
    const e = await enroll(run.url, person)
    const token = (await tokenRequest(run.url, e.code, e.tx_code)).body.access_token as string
    const n = await nonce(run.url)
    const r = await credentialRequest(run.url, token, await Promise.all([1, 2].map(async () => proofJwt(await holderKey(), { aud: run.url, nonce: n }))))
    const [c1, c2] = (r.body.credentials as { credential: string }[]).map((c) => c.credential)
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }
    const list = await fetch(`${run.url}/admin/persons/${e.person_id}/credentials`, { headers: admin })
    const body = (await list.json()) as { credentials: { credential_id: string; status_list: { idx: number } }[] }
    expect(body.credentials).toHaveLength(2)
    expect(JSON.stringify(body)).not.toContain(person.national_id)
    const idx1 = (decodeSdJwt(c1 ?? '').payload.status as { status_list: { idx: number } }).status_list.idx
    const first = body.credentials.find((c) => c.status_list.idx === idx1)
    expect((await postJson(`${run.url}/admin/credentials/${first?.credential_id ?? ''}/revoke`, {}, admin)).status).toBe(200)
    expect(await statusOf(c1 ?? '')).toBe(STATUS.INVALID)
    expect(await statusOf(c2 ?? '')).toBe(STATUS.VALID)
    expect((await fetch(`${run.url}/admin/persons/${e.person_id}/credentials`)).status).toBe(401)
    expect((await fetch(`${run.url}/admin/persons/nobody/credentials`, { headers: admin })).status).toBe(404)
  })

  it('an unknown person: 404 not_found', async () => {
    const r = await postJson(`${run.url}/admin/persons/00000000-0000-0000-0000-000000000000/revoke`, {}, { authorization: `Bearer ${ADMIN_TOKEN}` })
    expect(r.body.code).toBe('not_found')
  })
})
