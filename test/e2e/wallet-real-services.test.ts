// The wallet against the real issuer (createIssuerApp) and verifier (createVerifierApp) over HTTP on 127.0.0.1:
// accept a batch, list with status, present age_over_18 → verified, a registered-for-less service is refused.
import { rm } from 'node:fs/promises'
import express from 'express'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Wallet } from '../../wallet/core/index.ts'
import { ADMIN_TOKEN, enroll, postJson, startIssuer } from './issuer-harness.ts'
import type { RunningIssuer } from './issuer-harness.ts'
import { API_KEY, ask, result, startVerifier } from './real-verifier.ts'
import type { RunningVerifier } from './real-verifier.ts'
import { listen, tempWallet } from './wallet-fixtures.ts'

let issuer: RunningIssuer
let shop: RunningVerifier
let wallet: Wallet
let personId = ''
let cleanup: () => Promise<void>

beforeAll(async () => {
  issuer = await startIssuer()
  shop = await startVerifier(issuer, 'Wine Shop', [['age_over_18']])
  // The trusted registrar root is loaded the way the CLI does it: from the issuer's PEM URL.
  ;({ wallet, cleanup } = await tempWallet(`${issuer.url}/pki/registrar-root.pem`, { trustedIssuers: [issuer.url] }))
})

afterAll(async () => {
  await cleanup()
  await shop.close()
  await issuer.close()
  await rm(issuer.dataDir, { recursive: true, force: true })
})

describe('wallet with the real issuer and verifier', () => {
  it('accepts an enrollment offer: a batch of 10, each verified against the issuer JWKS, status valid', async () => {
    const e = await enroll(issuer.url)
    personId = e.person_id
    const r = await wallet.accept(e.credential_offer_uri, { txCode: e.tx_code })
    expect(r.batches[0]?.count).toBe(10)
    const list = await wallet.list()
    expect(list).toHaveLength(10)
    expect(list.every((c) => c.status === 'valid')).toBe(true)
    expect(list[0]?.claims.age_over_18).toBe(true)
  })

  it('presents age_over_18: the verifier reports verified with exactly that claim', async () => {
    const p = await ask(shop, { preset: 'age_over_18' })
    const r = await wallet.present(p.authorization_request, { consent: () => true })
    expect(r.outcome).toBe('sent')
    const res = await result(shop, p.id)
    expect(res).toMatchObject({ status: 'verified', claims: { age_over_18: true } })
    expect(Object.keys(res.claims as object)).toEqual(['age_over_18'])
  })

  it('refuses a service asking for national_id without being registered for it (the real verifier would not even ask)', async () => {
    const dcql = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', claims: [{ path: ['age_over_18'] }, { path: ['national_id'] }] }] }
    const r = await postJson(`${shop.url}/presentations`, { dcql_query: dcql }, { authorization: `Bearer ${API_KEY}` })
    expect(r.body.code).toBe('claim_not_registered')
    // A rogue deployment of the same registered service signs such a request anyway: the wallet refuses it.
    const app = express()
    let jwt = ''
    app.get('/request', (_req, res) => void res.type('application/oauth-authz-req+jwt').send(jwt))
    const host = await listen(app)
    try {
      jwt = await new SignJWT({
        client_id: shop.clientId,
        response_type: 'vp_token',
        response_mode: 'direct_post',
        response_uri: `${host.url}/response`,
        nonce: 'n-0123456789abcdef0123',
        state: 's-0123456789abcdef0123',
        exp: Math.floor(Date.now() / 1000) + 300,
        dcql_query: dcql,
        verifier_info: [{ format: 'registration_cert', data: shop.rp.registration_certificate }],
      })
        .setProtectedHeader({ alg: 'ES256', typ: 'oauth-authz-req+jwt', x5c: shop.rp.access_certificate_chain })
        .sign(shop.key.privateKey)
      const uri = `openid4vp://?client_id=${encodeURIComponent(shop.clientId)}&request_uri=${encodeURIComponent(`${host.url}/request`)}`
      await expect(wallet.present(uri, { consent: () => true })).rejects.toMatchObject({ code: 'claim_not_registered' })
    } finally {
      await host.close()
    }
  })

  it('region and kyc presets (kyc only for a service registered for it) are verified with exactly those claims', async () => {
    const bank = await startVerifier(issuer, 'Test Bank', [['given_name'], ['family_name'], ['birthdate'], ['national_id'], ['region']])
    try {
      for (const [preset, keys] of [['region', ['region']], ['kyc', ['birthdate', 'family_name', 'given_name', 'national_id']]] as const) {
        const p = await ask(bank, { preset })
        await wallet.present(p.authorization_request, { consent: () => true })
        const res = await result(bank, p.id)
        expect(res.status, preset).toBe('verified')
        expect(Object.keys(res.claims as object).sort()).toEqual([...keys])
      }
      // Once-only: each answer used its own copy, none of them the one shown to the wine shop; spent copies are
      // pruned from the wallet, the history keeps where each went.
      const sent = wallet.history().filter((e) => e.outcome === 'sent')
      const ids = sent.flatMap((e) => e.disclosures.map((d) => d.credentialId))
      expect(sent.map((e) => e.serviceName).sort()).toEqual(['Test Bank', 'Test Bank', 'Wine Shop'])
      expect(new Set(ids).size).toBe(3)
      expect((await wallet.list({ checkStatus: false })).filter((c) => ids.includes(c.id) || c.shownTo.length > 0)).toEqual([])
    } finally {
      await bank.close()
    }
  })

  it('answers a HAIP verifier with direct_post.jwt: the response is a JWE, and it is verified', async () => {
    const haip = await startVerifier(issuer, 'Strict Shop', [['age_over_18']], { profile: 'haip' })
    try {
      const p = await ask(haip, { preset: 'age_over_18' })
      const posted: string[] = []
      const realFetch = globalThis.fetch
      globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
        if (String(input).endsWith('/responses') && typeof init?.body === 'string') posted.push(init.body)
        return realFetch(input, init)
      }) as typeof fetch
      try {
        expect((await wallet.present(p.authorization_request, { consent: () => true })).outcome).toBe('sent')
      } finally {
        globalThis.fetch = realFetch
      }
      expect(await result(haip, p.id)).toMatchObject({ status: 'verified', claims: { age_over_18: true } })
      const form = new URLSearchParams(posted[0])
      expect([...form.keys()]).toEqual(['response'])
      expect(form.get('response')?.split('.')).toHaveLength(5)
    } finally {
      await haip.close()
    }
  })

  it('declining is recorded by the verifier as rejected', async () => {
    const p = await ask(shop, { preset: 'age_over_18' })
    expect((await wallet.present(p.authorization_request, { consent: () => false })).outcome).toBe('declined')
    expect(await result(shop, p.id)).toMatchObject({ status: 'rejected' })
  })

  it('list shows the status the issuer sets: suspended, revoked', async () => {
    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }
    expect((await postJson(`${issuer.url}/admin/persons/${personId}/suspend`, {}, admin)).status).toBe(200)
    expect(new Set((await wallet.list()).map((c) => c.status))).toEqual(new Set(['suspended']))
    expect((await postJson(`${issuer.url}/admin/persons/${personId}/revoke`, {}, admin)).status).toBe(200)
    expect(new Set((await wallet.list()).map((c) => c.status))).toEqual(new Set(['revoked']))
  })
})
