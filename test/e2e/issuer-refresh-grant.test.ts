// The refresh grant at the issuer's token endpoint over real HTTP (RFC 6749 §6, rotation as in RFC 9700 §4.14.2):
// a new batch of pid_sd_jwt for the same person with fresh status indices, single use, replay revokes the family,
// a revoked or suspended person refused, refresh tokens never in the logs or (in clear) in the database.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeSdJwt } from '../../shared/sdjwt/index.ts'
import { ADMIN_TOKEN, credentialRequest, enroll, holderKey, nonce, postForm, postJson, proofJwt, startIssuer, tokenRequest } from './issuer-harness.ts'
import type { RunningIssuer } from './issuer-harness.ts'

let run: RunningIssuer
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }

beforeAll(async () => {
  run = await startIssuer({ batchSize: 3 })
}, 30_000)
afterAll(async () => run?.close())

const refresh = (token: string) => postForm(`${run.url}/token`, { grant_type: 'refresh_token', refresh_token: token })

/** A batch of `n` credentials with `token`: fresh holder keys, one c_nonce. */
async function batch(token: string, n: number, configurationId = 'pid_sd_jwt') {
  const c = await nonce(run.url)
  const proofs = await Promise.all(Array.from({ length: n }, async () => proofJwt(await holderKey(), { aud: run.url, nonce: c })))
  return credentialRequest(run.url, token, proofs, { credential_configuration_id: configurationId })
}

const statusIdx = (credential: string) => (decodeSdJwt(credential).payload.status as { status_list: { idx: number } }).status_list.idx

/** Enrolls a person (a fresh ID number per `n`) and redeems the offer: the Token Response. */
async function enrolled(n: number) {
  const id = `1101051949123100${n}`
  const e = await enroll(run.url, { national_id: `${id}${checkChar(id)}`, family_name: 'Li', given_name: `Person${n}` })
  const t = await tokenRequest(run.url, e.code, e.tx_code)
  expect(t.status).toBe(200)
  return { personId: e.person_id, body: t.body as { access_token: string; refresh_token: string; refresh_token_expires_in: number; expires_in: number } }
}

/** ISO 7064 MOD 11-2 check character of 17 digits. */
function checkChar(d17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...d17].reduce((s, c, i) => s + Number(c) * (w[i] as number), 0)
  return '10X98765432'[sum % 11] as string
}

describe('refresh grant (top-up of the SD-JWT batch)', () => {
  it('the metadata names the grant; the pre-authorized code answer carries a refresh token with its lifetime', async () => {
    const as = (await (await fetch(`${run.url}/.well-known/oauth-authorization-server`)).json()) as { grant_types_supported: string[] }
    expect(as.grant_types_supported).toContain('refresh_token')
    const { body } = await enrolled(1)
    expect(body.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(body.refresh_token_expires_in).toBe(90 * 86400)
  })

  it('a refresh yields a new batch of the same configuration for the same person, with fresh status indices, and a rotated refresh token', async () => {
    const { body } = await enrolled(2)
    const first = await batch(body.access_token, 3)
    expect(first.status).toBe(200)
    const r = await refresh(body.refresh_token)
    expect(r.status).toBe(200)
    expect(r.headers.get('cache-control')).toBe('no-store')
    const next = r.body as { access_token: string; refresh_token: string; token_type: string }
    expect(next.token_type).toBe('Bearer')
    expect(next.refresh_token).not.toBe(body.refresh_token)
    // the access token is for one batch of pid_sd_jwt only, not for the pid_bbs this issuer also offers
    const wrong = await batch(next.access_token, 1, 'pid_bbs')
    expect(wrong.body.code).toBe('credential_configuration_unknown')
    const second = await batch(next.access_token, 3)
    expect(second.status).toBe(200)
    const creds = (b: Record<string, unknown>) => (b.credentials as { credential: string }[]).map((c) => c.credential)
    const a = creds(first.body)
    const b = creds(second.body)
    expect(b).toHaveLength(3)
    const claims = (c: string) => decodeSdJwt(c).disclosures.filter((d) => d.name === 'given_name').map((d) => d.value)
    expect(claims(b[0] as string)).toEqual(claims(a[0] as string))
    const indices = new Set([...a, ...b].map(statusIdx))
    expect(indices.size).toBe(6)
    expect((await batch(next.access_token, 1)).body.code).toBe('batch_too_large')
  })

  it('a refresh token is single use: a replay is refresh_token_invalid and revokes the family (its successor too)', async () => {
    const { body } = await enrolled(3)
    const r1 = await refresh(body.refresh_token)
    expect(r1.status).toBe(200)
    const replay = await refresh(body.refresh_token)
    expect(replay.status).toBe(400)
    expect(replay.body).toMatchObject({ error: 'invalid_grant', code: 'refresh_token_invalid' })
    const successor = await refresh((r1.body as { refresh_token: string }).refresh_token)
    expect(successor.body).toMatchObject({ error: 'invalid_grant', code: 'refresh_token_invalid' })
    expect((await refresh('never-issued-token')).body.code).toBe('refresh_token_invalid')
    expect((await postForm(`${run.url}/token`, { grant_type: 'refresh_token' })).body.code).toBe('invalid_request')
  })

  it('a revoked or suspended person is refused refresh_denied; the token survives a suspension and works after reinstatement', async () => {
    const { personId, body } = await enrolled(4)
    expect((await postJson(`${run.url}/admin/persons/${personId}/suspend`, {}, admin)).status).toBe(200)
    const suspended = await refresh(body.refresh_token)
    expect(suspended.body).toMatchObject({ error: 'invalid_grant', code: 'refresh_denied' })
    expect((await postJson(`${run.url}/admin/persons/${personId}/reinstate`, {}, admin)).status).toBe(200)
    const ok = await refresh(body.refresh_token)
    expect(ok.status).toBe(200)
    expect((await postJson(`${run.url}/admin/persons/${personId}/revoke`, {}, admin)).status).toBe(200)
    const revoked = await refresh((ok.body as { refresh_token: string }).refresh_token)
    expect(revoked.body).toMatchObject({ error: 'invalid_grant', code: 'refresh_denied' })
  })

  it('refresh tokens appear neither in the logs nor in clear in the database', async () => {
    const { body } = await enrolled(5)
    const r = await refresh(body.refresh_token)
    const tokens = [body.refresh_token, (r.body as { refresh_token: string }).refresh_token]
    const logs = run.logs.join('')
    expect(logs).toContain('/token')
    for (const t of tokens) expect(logs.includes(t)).toBe(false)
    const db = ['issuer.db', 'issuer.db-wal'].map((f) => {
      try {
        return readFileSync(join(run.dataDir, 'issuer', f)).toString('latin1')
      } catch {
        return ''
      }
    }).join('')
    expect(db.length).toBeGreaterThan(0)
    for (const t of tokens) expect(db.includes(t)).toBe(false)
  })
})
