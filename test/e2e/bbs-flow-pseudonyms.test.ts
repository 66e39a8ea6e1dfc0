// End to end over real HTTP on 127.0.0.1 (issuer, two services' verifiers, two wallets): a service asks `age_over_18`
// and a pseudonym in BBS format (preset age_over_18_pseudonymous); the result is exactly { age_over_18, pseudonym };
// the same person returning gets the same pseudonym (also after the short-lived credential was refreshed), another
// service and another person get different ones; each forged or replayed answer is rejected with its code, nothing stored.
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../wallet/cli.ts'
import { commitWithNym, generateKeyPair, generateProverNyms } from '../../shared/bbs/index.ts'
import { bbsNymAlgorithm, encodeBase64url, issueJwp, parsePresentedJwp, serializePresentedJwp } from '../../shared/jwp/index.ts'
import { PID_BBS_CLAIMS, confirmPidBbs, pidBbsIssuerHeader, pidBbsPayloads, pseudonymousAgePresetQuery } from '../../shared/pid-bbs/index.ts'
import { derivePidClaims } from '../../shared/pid/index.ts'
import type { JptCredentialQuery } from '../../shared/pid-bbs/index.ts'
import { PID_VCT } from '../../shared/pid/index.ts'
import { describeConsent, openWallet } from '../../wallet/core/index.ts'
import type { ConsentRequest, Wallet } from '../../wallet/core/index.ts'
import { presentBbsCredential, refreshBbsCredential, selectBbsCredential } from '../../wallet/core/bbs/index.ts'
import type { WalletContext } from '../../wallet/core/context.ts'
import type { StoredBbsCredential } from '../../wallet/core/bbs/index.ts'
import { enrollPerson } from '../../scripts/lib/demo-person.ts'
import { startService } from '../../scripts/lib/stack.ts'
import { ADMIN_TOKEN, API_KEY, capturedLogger, filesUnder, flowPerson, startFlow } from './flow-fixtures.ts'
import type { Flow } from './flow-fixtures.ts'
import { generateResidentId } from '../../shared/cnid/index.ts'

let flow: Flow
let second: Wallet
const query = pseudonymousAgePresetQuery(PID_VCT).credentials[0] as JptCredentialQuery
const PRESET = { preset: 'age_over_18_pseudonymous' }

beforeAll(async () => {
  flow = await startFlow({
    wine: { name: 'Wine Shop', purpose: 'Sells wine only to adults', allowedClaims: [['age_over_18']] },
    casino: { name: 'Online Casino', purpose: 'Adults only', allowedClaims: [['age_over_18']] },
  })
  const other = { ...flowPerson(), national_id: generateResidentId({ birthdate: '1979-02-11' }) }
  const e = await enrollPerson(flow.issuer.url, ADMIN_TOKEN, other)
  second = await openWallet({ dir: join(flow.root, 'wallet-2'), passphrase: 'second wallet passphrase', trustedRegistrar: flow.issuer.registrarRootUrl, trustedIssuers: [flow.issuer.url], allowHttpHosts: ['127.0.0.1'], now: flow.clock.now, batchSize: 2 })
  await second.accept(e.credential_offer_uri, { txCode: e.tx_code })
}, 60_000)

afterAll(async () => {
  await flow?.close()
})

/** Runs the wallet CLI in-process on the flow's wallet; returns what it printed (the command must succeed). */
async function walletCli(...args: string[]): Promise<string> {
  const saved = { ...process.env }
  Object.assign(process.env, {
    WALLET_PASSPHRASE: 'flow test passphrase', WALLET_DIR: join(flow.root, 'wallet'), WALLET_TRUSTED_REGISTRAR: flow.issuer.registrarRootUrl, WALLET_TRUSTED_ISSUERS: flow.issuer.url, WALLET_ALLOW_HTTP_HOSTS: '127.0.0.1', WALLET_KDF_N: '1024',
  })
  let out = ''
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((x) => ((out += String(x)), true))
  try {
    expect(await main(['node', 'wallet', ...args])).toBe(0)
  } finally {
    o.mockRestore()
    process.env = saved
  }
  return out
}

/** Asks `service` with the pseudonymous preset, lets `wallet` answer; returns the result and the consent shown. */
async function visit(service: string, wallet: Wallet = flow.wallet): Promise<{ result: Awaited<ReturnType<Flow['result']>>; consent: ConsentRequest | undefined }> {
  const p = await flow.ask(service, PRESET)
  let consent: ConsentRequest | undefined
  await flow.recorder.as('wallet', () => wallet.present(p.authorization_request, { consent: (c) => ((consent = c), true) }))
  return { result: await flow.result(service, p.id), consent }
}

/** A fresh request of `service` as the wallet sees it (client_id, nonce, state, response_uri). */
async function request(service: string): Promise<{ id: string; clientId: string; scope: string; nonce: string; state: string; responseUri: string }> {
  const p = await flow.ask(service, PRESET)
  const ro = decodeJwt(await (await fetch(new URL(p.authorization_request).searchParams.get('request_uri') ?? '')).text())
  const scope = flow.services[service]?.verifier.pseudonymScope ?? ''
  return { id: p.id, clientId: String(ro.client_id), scope, nonce: String(ro.nonce), state: String(ro.state), responseUri: String(ro.response_uri) }
}

async function post(r: { responseUri: string; state: string }, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(r.responseUri, { method: 'POST', body: new URLSearchParams({ vp_token: JSON.stringify({ pid: [token] }), state: r.state }) })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

async function held(wallet: Wallet = flow.wallet): Promise<StoredBbsCredential> {
  const c = (await wallet.bbsCredentials())[0]
  if (!c) throw new Error('no BBS credential')
  return c
}

/** Posts `token` for request `r` and checks the rejection code, the session's stored outcome and the verifier files. */
async function expectRejected(service: string, r: Awaited<ReturnType<typeof request>>, token: string, code: string): Promise<void> {
  expect(await post(r, token)).toMatchObject({ status: 400, body: { code } })
  expect(await flow.result(service, r.id)).toEqual({ status: 'rejected', error: code })
  // nothing of the presentation is kept: no window of its BBS proof in any verifier file (its pseudonym may be there
  // already, from this person's verified visits: that is the service's returning-user key)
  const proof = token.split('.')[3]?.split('~')[0] ?? ''
  const needles = [0, 100, 200, 300, 400].map((i) => proof.slice(i, i + 40)).filter((n) => n.length === 40)
  expect(needles.length).toBeGreaterThan(3)
  for (const f of await filesUnder(flow.services[service]?.dataDir ?? '')) for (const n of needles) expect(f.bytes.includes(Buffer.from(n))).toBe(false)
}

describe('BBS flow: age_over_18 with a pseudonym', () => {
  let winePseudonym: string

  it('accept stored one BBS credential beside the SD-JWT batch, in the encrypted state', async () => {
    const bbs = await flow.wallet.bbsCredentials()
    expect(bbs).toHaveLength(1)
    expect(bbs[0]).toMatchObject({ format: 'dc+jpt', credentialConfigurationId: 'pid_bbs', vct: PID_VCT })
    expect((bbs[0]?.expiresAt ?? 0) % 86_400).toBe(0) // exp rounded to a UTC day: the day of issuance is all it tells
    expect(bbs[0]?.expiresAt).toBeGreaterThan(flow.clock.now())
    expect(bbs[0]?.expiresAt).toBeLessThanOrEqual(flow.clock.now() + 86_400) // the revocation window
    expect((await flow.wallet.list({ checkStatus: false })).length).toBeGreaterThan(0)
  })

  it('the result is exactly { age_over_18: true, pseudonym }; the consent says a pseudonym specific to this service is shared', async () => {
    const { result, consent } = await visit('wine')
    expect(result.status).toBe('verified')
    expect(Object.keys(result.claims ?? {}).sort()).toEqual(['age_over_18', 'pseudonym'])
    expect(result.claims?.age_over_18).toBe(true)
    winePseudonym = String(result.claims?.pseudonym)
    expect(winePseudonym).toMatch(/^[A-Za-z0-9_-]{64}$/)
    const text = describeConsent(consent as ConsentRequest)
    expect(text).toContain('pseudonym specific to Wine Shop')
    expect(text).toContain('age_over_18: true')
  })

  it('the same person returning gets the same pseudonym', async () => {
    expect((await visit('wine')).result.claims?.pseudonym).toBe(winePseudonym)
  })

  it('a second service gets a different pseudonym', async () => {
    const r = (await visit('casino')).result
    expect(r.status).toBe('verified')
    expect(r.claims?.pseudonym).not.toBe(winePseudonym)
  })

  it('a second person gets a different pseudonym at the same service', async () => {
    const r = (await visit('wine', second)).result
    expect(r).toMatchObject({ status: 'verified', claims: { age_over_18: true } })
    expect(r.claims?.pseudonym).not.toBe(winePseudonym)
  })

  it('rejects a replayed proof: to the same request (response_replayed) and to a new one (jwp_nonce_mismatch)', async () => {
    const r = await request('wine')
    const token = presentBbsCredential(await held(), query, { clientId: r.clientId, nonce: r.nonce, iat: flow.clock.now(), pseudonymScope: r.scope })
    expect((await post(r, token)).status).toBe(200)
    expect(await post(r, token)).toMatchObject({ status: 400, body: { code: 'response_replayed' } })
    await expectRejected('wine', await request('wine'), token, 'jwp_nonce_mismatch')
  })

  it('rejects a wrong nonce (jwp_nonce_mismatch) and a wrong aud (jwp_audience_mismatch)', async () => {
    const r1 = await request('wine')
    await expectRejected('wine', r1, presentBbsCredential(await held(), query, { clientId: r1.clientId, nonce: 'not-the-nonce', iat: flow.clock.now(), pseudonymScope: r1.scope }), 'jwp_nonce_mismatch')
    const r2 = await request('wine')
    await expectRejected('wine', r2, presentBbsCredential(await held(), query, { clientId: 'x509_hash:someone-else', nonce: r2.nonce, iat: flow.clock.now(), pseudonymScope: r2.scope }), 'jwp_audience_mismatch')
  })

  it('rejects the pseudonym of another service (bbs_pseudonym_proof_invalid)', async () => {
    const wine = await request('wine')
    const casino = await request('casino')
    const forWine = parsePresentedJwp(presentBbsCredential(await held(), query, { clientId: wine.clientId, nonce: wine.nonce, iat: flow.clock.now(), pseudonymScope: wine.scope }))
    const forCasino = parsePresentedJwp(presentBbsCredential(await held(), query, { clientId: casino.clientId, nonce: wine.nonce, iat: flow.clock.now(), pseudonymScope: casino.scope }))
    // the casino's pseudonym in a presentation made for the wine shop
    const swapped = serializePresentedJwp({ ...forWine, proof: [forWine.proof[0] as Uint8Array, forCasino.proof[1] as Uint8Array] })
    await expectRejected('wine', wine, swapped, 'bbs_pseudonym_proof_invalid')
    // a whole presentation made for the casino, re-addressed to the wine shop (its presentation header rewritten)
    const wine2 = await request('wine')
    const forCasino2 = parsePresentedJwp(presentBbsCredential(await held(), query, { clientId: casino.clientId, nonce: wine2.nonce, iat: flow.clock.now(), pseudonymScope: casino.scope }))
    const forWine2 = parsePresentedJwp(presentBbsCredential(await held(), query, { clientId: wine2.clientId, nonce: wine2.nonce, iat: flow.clock.now(), pseudonymScope: wine2.scope }))
    const readdressed = serializePresentedJwp({ ...forCasino2, presentationHeaderBytes: forWine2.presentationHeaderBytes })
    await expectRejected('wine', wine2, readdressed, 'bbs_pseudonym_proof_invalid')
  })

  it('rejects a pseudonym scoped to another service (bbs_pseudonym_scope_mismatch) or to the client_id (no nym_ctx)', async () => {
    const wine = await request('wine')
    const casino = await request('casino')
    await expectRejected('wine', wine, presentBbsCredential(await held(), query, { clientId: wine.clientId, nonce: wine.nonce, iat: flow.clock.now(), pseudonymScope: casino.scope }), 'bbs_pseudonym_scope_mismatch')
    const wine2 = await request('wine')
    await expectRejected('wine', wine2, presentBbsCredential(await held(), query, { clientId: wine2.clientId, nonce: wine2.nonce, iat: flow.clock.now() }), 'bbs_pseudonym_scope_mismatch')
  })

  it('rejects a tampered disclosed value (bbs_pseudonym_proof_invalid)', async () => {
    const r = await request('wine')
    const p = parsePresentedJwp(presentBbsCredential(await held(), query, { clientId: r.clientId, nonce: r.nonce, iat: flow.clock.now(), pseudonymScope: r.scope }))
    const i = PID_BBS_CLAIMS.indexOf('age_over_18')
    const payloads = p.payloads.map((s, j) => (j === i ? new TextEncoder().encode('false') : s))
    await expectRejected('wine', r, serializePresentedJwp({ ...p, payloads }), 'bbs_pseudonym_proof_invalid')
  })

  it('rejects a credential under an untrusted issuer (issuer_untrusted) or an unpublished key (issuer_key_unknown)', async () => {
    const rogue = selfIssued({ iss: 'https://rogue.example', kid: 'rogue-1', now: flow.clock.now() })
    const r1 = await request('wine')
    await expectRejected('wine', r1, presentBbsCredential(rogue, query, { clientId: r1.clientId, nonce: r1.nonce, iat: flow.clock.now(), pseudonymScope: r1.scope }), 'issuer_untrusted')
    const forged = selfIssued({ iss: flow.issuer.url, kid: 'bbs-not-published', now: flow.clock.now() })
    const r2 = await request('wine')
    await expectRejected('wine', r2, presentBbsCredential(forged, query, { clientId: r2.clientId, nonce: r2.nonce, iat: flow.clock.now(), pseudonymScope: r2.scope }), 'issuer_key_unknown')
  })

  it('no matching BBS credential held: bbs_credential_missing; an expired one, renewable or not: bbs_credential_expired (never renewed while presenting)', async () => {
    const ctx = { now: flow.clock.now } as WalletContext // every refusal comes before any use of the store or network
    const storeOf = (creds: StoredBbsCredential[]) => ({ list: async () => creds, put: async () => { throw new Error('nothing may be stored') } })
    await expect(selectBbsCredential(ctx, storeOf([]), query)).rejects.toMatchObject({ code: 'bbs_credential_missing' })
    const c = await held()
    await expect(selectBbsCredential(ctx, storeOf([{ ...c, vct: 'urn:example:other' }]), query)).rejects.toMatchObject({ code: 'bbs_credential_missing' })
    const expired = { ...c, expiresAt: flow.clock.now() }
    await expect(selectBbsCredential(ctx, storeOf([expired]), query)).rejects.toMatchObject({ code: 'bbs_credential_expired' })
    await expect(selectBbsCredential(ctx, storeOf([{ ...expired, refresh: undefined }]), query)).rejects.toMatchObject({ code: 'bbs_credential_expired' })
    // one second left: presented as held
    expect(await selectBbsCredential(ctx, storeOf([{ ...c, expiresAt: flow.clock.now() + 1 }]), query)).toMatchObject({ id: c.id })
  })

  it('renewing a credential without a live refresh offer: bbs_refresh_unavailable, nothing stored', async () => {
    const c = await held()
    if (!c.refresh) throw new Error('the accepted BBS credential carries a refresh offer')
    const ctx = { now: flow.clock.now } as WalletContext // refused before any network use
    await expect(refreshBbsCredential(ctx, { ...c, refresh: undefined })).rejects.toMatchObject({ code: 'bbs_refresh_unavailable' })
    await expect(refreshBbsCredential(ctx, { ...c, refresh: { ...c.refresh, expiresAt: flow.clock.now() } })).rejects.toMatchObject({ code: 'bbs_refresh_unavailable' })
  })

  it('the CLI lists the BBS credential beside the SD-JWT ones, with its claims', async () => {
    const out = await walletCli('list', '--no-status', '--lang', 'en')
    expect(out.match(/^- .* \(BBS\) {2}\[Valid\] {2}unlinkable BBS, /gm)).toHaveLength(1)
    const bbsPart = out.slice(out.indexOf('(BBS)'))
    expect(bbsPart).toContain('    Aged 18 or over: Yes\n')
    expect(bbsPart).toContain(`    Given name: ${flow.person.given_name}\n`)
  })

  it('the CLI renews BBS credentials on demand (refresh-bbs), keeping the pseudonym', async () => {
    const before = await held()
    const out = await walletCli('refresh-bbs', '--within-hours', '72')
    expect(out).toContain('Renewed 1 BBS credential(s).')
    await flow.wallet.refresh()
    const after = await held()
    expect(after.jpt).not.toBe(before.jpt)
    expect(after.nym.nym_secret).toBe(before.nym.nym_secret)
    expect((await visit('wine')).result.claims?.pseudonym).toBe(winePseudonym)
  })

  it('after two days presenting is refused (bbs_credential_expired, nothing sent); the wallet\'s own renewal keeps the pseudonym', async () => {
    const before = await held()
    flow.clock.advance(49 * 3600)
    const p = await flow.ask('wine', PRESET)
    await expect(flow.wallet.present(p.authorization_request, { consent: () => true })).rejects.toMatchObject({ code: 'bbs_credential_expired' })
    expect(await flow.result('wine', p.id)).toEqual({ status: 'pending' })
    expect((await held()).jpt).toBe(before.jpt)
    expect(await flow.wallet.refreshBbs()).toBe(1)
    const { result } = await visit('wine')
    expect(result).toEqual({ status: 'verified', claims: { age_over_18: true, pseudonym: winePseudonym } })
    const after = await held()
    expect(after.jpt).not.toBe(before.jpt)
    expect(after.expiresAt).toBeGreaterThan(flow.clock.now())
  })

  it('a second offer from the issuer keeps the pseudonyms: the wallet commits the same prover_nym', async () => {
    const e = await enrollPerson(flow.issuer.url, ADMIN_TOKEN, flow.person)
    await flow.wallet.accept(e.credential_offer_uri, { txCode: e.tx_code })
    const all = await flow.wallet.bbsCredentials()
    expect(all).toHaveLength(2)
    expect(new Set(all.map((c) => c.nym.prover_nym)).size).toBe(1)
    expect(new Set(all.map((c) => c.nym.nym_secret)).size).toBe(1)
    expect((await visit('wine')).result.claims?.pseudonym).toBe(winePseudonym)
  })

  it('re-registration with a new request-signing key keeps the service_id, so the service keeps its pseudonyms', async () => {
    const old = flow.services.wine
    if (!old) throw new Error('no wine service')
    await old.close()
    const renewed = await startService({
      host: '127.0.0.1', port: 0, dataDir: old.dataDir, apiKey: API_KEY, issuer: flow.issuer, now: flow.clock.now, logger: capturedLogger(old.logs),
      spec: { name: 'Wine Shop', purpose: 'Sells wine only to adults (renewed)', allowedClaims: [['age_over_18']] },
    })
    flow.services.wine = { ...renewed, logs: old.logs }
    expect(renewed.registered).toBe(true)
    expect(renewed.clientId).not.toBe(old.clientId)
    expect(renewed.verifier.pseudonymScope).toBe(old.verifier.pseudonymScope)
    expect(renewed.verifier.pseudonymScope).toMatch(/^svc:[A-Za-z0-9_-]{22}$/)
    expect((await visit('wine')).result).toEqual({ status: 'verified', claims: { age_over_18: true, pseudonym: winePseudonym } })
    expect((await visit('casino')).result.claims?.pseudonym).not.toBe(winePseudonym)
  })

  it('export-nym / import-nym: a new wallet restored from the backup gets the old pseudonyms from a new offer', async () => {
    const file = join(flow.root, 'nym-backup.json')
    expect(await walletCli('export-nym', '--out', file)).toContain('1 issuer(s)')
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    const restored = await openWallet({ dir: join(flow.root, 'wallet-restored'), passphrase: 'restored wallet passphrase', trustedRegistrar: flow.issuer.registrarRootUrl, trustedIssuers: [flow.issuer.url], allowHttpHosts: ['127.0.0.1'], now: flow.clock.now, batchSize: 2 })
    expect(await restored.importNyms(JSON.parse(await readFile(file, 'utf8')))).toEqual([flow.issuer.url])
    const e = await enrollPerson(flow.issuer.url, ADMIN_TOKEN, flow.person)
    await restored.accept(e.credential_offer_uri, { txCode: e.tx_code })
    expect((await visit('wine', restored)).result.claims?.pseudonym).toBe(winePseudonym)
    // another person's wallet already uses its own secret with this issuer: nothing imported
    await expect(second.importNyms(JSON.parse(await readFile(file, 'utf8')))).rejects.toMatchObject({ code: 'nym_conflict' })
  })
})

/** A BBS PID signed with a key of its own (not the trusted issuer's published one), held like the wallet holds one. */
function selfIssued(o: { iss: string; kid: string; now: number }): StoredBbsCredential {
  const keys = generateKeyPair()
  const proverNyms = generateProverNyms(1)
  const { commitmentWithProof, secretProverBlind } = commitWithNym({ proverNyms })
  const person = { nationalId: generateResidentId({ birthdate: '1990-05-05' }), familyName: 'Rogue', givenName: 'Rex' }
  const { compact } = issueJwp(bbsNymAlgorithm(), {
    header: pidBbsIssuerHeader({ issuer: o.iss, kid: o.kid, vct: PID_VCT }),
    payloads: pidBbsPayloads(derivePidClaims(person, '2026-11-23'), { iat: o.now - 60, exp: o.now + 3600 }),
    keys,
    extra: { commitmentWithProof },
  })
  const { state } = confirmPidBbs(compact, keys.publicKey, { proverNyms, secretProverBlind })
  return {
    id: 'rogue', format: 'dc+jpt', issuer: o.iss, credentialConfigurationId: 'pid_bbs', vct: PID_VCT, issuerKid: o.kid, issuerPublicKey: encodeBase64url(keys.publicKey),
    issuedAt: o.now - 60, expiresAt: o.now + 3600, receivedAt: o.now, jpt: compact,
    nym: { prover_nym: encodeBase64url(proverNyms[0] as Uint8Array), nym_secret: encodeBase64url(state.nymSecrets[0] as Uint8Array), prover_blind: encodeBase64url(secretProverBlind) },
    shownTo: [],
  }
}
