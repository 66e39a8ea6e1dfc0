// pid_bbs issuance over HTTP: metadata and published BBS key, blind issuance (the commitment in the key proof), the
// refresh offer keeping pseudonyms, key stability across restarts, and each rejection with its code and nothing spent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commitWithNym, generateProverNyms } from '../../shared/bbs/index.ts'
import { generateSigningKey } from '../../shared/keys/index.ts'
import { createProofJwt } from '../../shared/oid4vci/index.ts'
import { PID_VCT } from '../../shared/pid/index.ts'
import { createNymCommitmentProofJwt, pseudonymousAgePresetQuery, verifyPidBbsPresentation } from '../../shared/pid-bbs/index.ts'
import type { JptCredentialQuery } from '../../shared/pid-bbs/index.ts'
import { presentBbsCredential, refreshBbsCredential, requestBbsCredential } from '../../wallet/core/bbs/index.ts'
import type { BbsEndpoints } from '../../wallet/core/bbs/index.ts'
import { decodeBase64url } from '../../shared/jwp/index.ts'
import { ADMIN_TOKEN, accessToken, enroll, nonce, postJson, tokenRequest } from './issuer-harness.ts'
import { bbsWalletContext, startBbsIssuer } from './bbs-flow-issuer-fixtures.ts'
import type { RunningBbsIssuer } from './bbs-flow-issuer-fixtures.ts'

let iss: RunningBbsIssuer
let ep: BbsEndpoints
const query = pseudonymousAgePresetQuery(PID_VCT).credentials[0] as JptCredentialQuery

beforeAll(async () => {
  iss = await startBbsIssuer()
  ep = { issuer: iss.url, tokenEndpoint: `${iss.url}/token`, nonceEndpoint: `${iss.url}/nonce`, credentialEndpoint: `${iss.url}/credential` }
})
afterAll(async () => {
  await iss.close()
})

async function bbsRequest(token: string, proof: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return postJson(`${iss.url}/credential`, { credential_configuration_id: 'pid_bbs', proofs: { jwt: [proof] } }, { authorization: `Bearer ${token}` })
}

async function commitmentProof(n: string, aud = iss.url): Promise<string> {
  const key = await generateSigningKey('ES256')
  const { commitmentWithProof } = commitWithNym({ proverNyms: generateProverNyms(1) })
  return createNymCommitmentProofJwt({ key, audience: aud, nonce: n, iat: Math.floor(Date.now() / 1000), commitmentWithProof })
}

describe('pid_bbs issuance over HTTP', () => {
  it('publishes pid_bbs (dc+jpt, BBS-NYM, the PID claims) and the BBS key with its own kid', async () => {
    const md = (await (await fetch(`${iss.url}/.well-known/openid-credential-issuer`)).json()) as { credential_configurations_supported: Record<string, Record<string, unknown>> }
    const cfg = md.credential_configurations_supported
    expect(cfg.pid_bbs).toMatchObject({ format: 'dc+jpt', vct: PID_VCT, credential_signing_alg_values_supported: ['BBS-NYM'] })
    expect((cfg.pid_bbs?.credential_metadata as { claims: unknown[] }).claims).toEqual((cfg.pid_sd_jwt?.credential_metadata as { claims: unknown[] }).claims)
    const jwks = ((await (await fetch(`${iss.url}/.well-known/jwt-vc-issuer`)).json()) as { jwks: { keys: Record<string, unknown>[] } }).jwks.keys
    const bbsKey = jwks.find((k) => k.crv === 'BLS12381G2')
    expect(bbsKey).toEqual(iss.bbs.key.publicJwk)
    expect(jwks.filter((k) => k.kid === bbsKey?.kid)).toHaveLength(1)
  })

  it('issues a short-lived BBS PID the wallet confirms, with a refresh offer; refresh keeps the pseudonym', async () => {
    const { ctx } = bbsWalletContext()
    const cred = await requestBbsCredential(ctx, ep, await accessToken(iss.url), PID_VCT)
    // exp on a UTC day boundary (the disclosed exp names only the day), within the 24 h revocation window
    expect(cred.expiresAt % 86_400).toBe(0)
    expect(cred.expiresAt).toBeGreaterThan(ctx.now())
    expect(cred.expiresAt).toBeLessThanOrEqual(ctx.now() + 86_400)
    expect(cred.issuerKid).toBe(iss.bbs.key.kid)
    expect(cred.refresh?.expiresAt).toBeGreaterThan(cred.expiresAt)
    const refreshed = await refreshBbsCredential(ctx, cred)
    expect(refreshed.jpt).not.toBe(cred.jpt)
    expect(refreshed.nym.nym_secret).toBe(cred.nym.nym_secret)
    const pk = decodeBase64url(cred.issuerPublicKey, 'pk')
    const nymOf = (c: typeof cred) => verifyPidBbsPresentation(presentBbsCredential(c, query, { clientId: 'rp', nonce: 'n', iat: ctx.now() }), { publicKey: () => pk, clientId: 'rp', nonce: 'n', now: ctx.now(), query }).pseudonym
    expect(nymOf(refreshed)).toBe(nymOf(cred))
    // a refresh offer is single use
    await expect(refreshBbsCredential(ctx, cred)).rejects.toMatchObject({ code: 'issuance_failed' })
  })

  it('a revoked person gets no refreshed credential (credential_request_denied)', async () => {
    const { ctx } = bbsWalletContext()
    const e = await enroll(iss.url, { national_id: '119900194912319008', family_name: 'Wang', given_name: 'Fang' })
    const t = await tokenRequest(iss.url, e.code, e.tx_code)
    const cred = await requestBbsCredential(ctx, ep, t.body.access_token as string, PID_VCT)
    const revoked = await postJson(`${iss.url}/admin/persons/${e.person_id}/revoke`, {}, { authorization: `Bearer ${ADMIN_TOKEN}` })
    expect(revoked.status).toBe(200)
    await expect(refreshBbsCredential(ctx, cred)).rejects.toMatchObject({ code: 'issuance_failed', message: expect.stringContaining('credential_request_denied') })
  })

  it('rejects a key proof without the commitment (bbs_commitment_missing), and the c_nonce stays unspent', async () => {
    const token = await accessToken(iss.url)
    const n = await nonce(iss.url)
    const plain = await createProofJwt({ key: await generateSigningKey('ES256'), audience: iss.url, nonce: n, iat: Math.floor(Date.now() / 1000) })
    const r = await bbsRequest(token, plain)
    expect(r).toMatchObject({ status: 400, body: { code: 'bbs_commitment_missing', error: 'invalid_proof' } })
    expect((await bbsRequest(token, await commitmentProof(n))).status).toBe(200)
  })

  it('rejects a commitment whose proof of knowledge fails (bbs_commitment_invalid)', async () => {
    const token = await accessToken(iss.url)
    const key = await generateSigningKey('ES256')
    const { commitmentWithProof } = commitWithNym({ proverNyms: generateProverNyms(1) })
    commitmentWithProof[120] = (commitmentWithProof[120] as number) ^ 1
    const proof = await createNymCommitmentProofJwt({ key, audience: iss.url, nonce: await nonce(iss.url), iat: Math.floor(Date.now() / 1000), commitmentWithProof })
    const r = await bbsRequest(token, proof)
    expect(r).toMatchObject({ status: 400, body: { code: 'bbs_commitment_invalid' } })
  })

  it('rejects a replayed request: the c_nonce is single use (nonce_invalid)', async () => {
    const token = await accessToken(iss.url)
    const proof = await commitmentProof(await nonce(iss.url))
    expect((await bbsRequest(token, proof)).status).toBe(200)
    expect(await bbsRequest(token, proof)).toMatchObject({ status: 400, body: { code: 'nonce_invalid' } })
  })

  it('rejects two proofs (batch_too_large), a proof for another issuer (proof_aud_mismatch), no token (access_token_invalid)', async () => {
    const token = await accessToken(iss.url)
    const n = await nonce(iss.url)
    const two = await postJson(`${iss.url}/credential`, { credential_configuration_id: 'pid_bbs', proofs: { jwt: [await commitmentProof(n), await commitmentProof(n)] } }, { authorization: `Bearer ${token}` })
    expect(two.body.code).toBe('batch_too_large')
    expect((await bbsRequest(token, await commitmentProof(n, 'https://other.example'))).body.code).toBe('proof_aud_mismatch')
    expect((await bbsRequest('x'.repeat(43), await commitmentProof(n))).body.code).toBe('access_token_invalid')
  })
})

describe('token limit with pid_bbs', () => {
  it('an access token obtains the SD-JWT batch plus one BBS PID, and no more (batch_too_large)', async () => {
    const token = await accessToken(iss.url)
    const n = await nonce(iss.url)
    const keys = await Promise.all(Array.from({ length: 10 }, () => generateSigningKey('ES256')))
    const proofs = await Promise.all(keys.map((key) => createProofJwt({ key, audience: iss.url, nonce: n, iat: Math.floor(Date.now() / 1000) })))
    const batch = await postJson(`${iss.url}/credential`, { credential_configuration_id: 'pid_sd_jwt', proofs: { jwt: proofs } }, { authorization: `Bearer ${token}` })
    expect((batch.body.credentials as unknown[]).length).toBe(10)
    expect((await bbsRequest(token, await commitmentProof(await nonce(iss.url)))).status).toBe(200)
    expect(await bbsRequest(token, await commitmentProof(await nonce(iss.url)))).toMatchObject({ status: 400, body: { code: 'batch_too_large' } })
  })
})

describe('BBS key persistence', () => {
  it('the BBS key and kid survive a restart on the same data folder', async () => {
    const a = await startBbsIssuer()
    const kid = a.bbs.key.kid
    await a.close()
    const b = await startBbsIssuer({ dataDir: a.dataDir })
    expect(b.bbs.key.kid).toBe(kid)
    await b.close()
  })
})
