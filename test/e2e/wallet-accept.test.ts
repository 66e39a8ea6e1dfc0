// Wallet `accept` against a local OpenID4VCI issuer fixture: the refusals, each by its code, with nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Wallet } from '../../wallet/core/index.ts'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { walletConfigFromEnv } from '../../wallet/config.ts'
import { startFakeIssuer, tempWallet, testRoot } from './wallet-fixtures.ts'
import type { FakeIssuer } from './wallet-fixtures.ts'

let issuer: FakeIssuer
let wallet: Wallet
let cleanup: () => Promise<void>

beforeAll(async () => {
  issuer = await startFakeIssuer({ batchSize: 4 })
  ;({ wallet, cleanup } = await tempWallet([]))
})

afterAll(async () => {
  await cleanup()
  await issuer.close()
})

async function expectNothingStored(): Promise<void> {
  expect(await wallet.list({ checkStatus: false })).toHaveLength(0)
}

describe('wallet accept refusals', () => {
  /** Runs an accept while the issuer misbehaves as `bad` says, expecting `code` and an unchanged wallet. */
  async function refusedWhile(bad: FakeIssuer['misbehave'], code: string): Promise<void> {
    Object.assign(issuer.misbehave, bad)
    try {
      await expect(wallet.accept(issuer.offer(), { txCode: '123456' })).rejects.toMatchObject({ code })
    } finally {
      for (const k of Object.keys(bad)) delete issuer.misbehave[k as keyof FakeIssuer['misbehave']]
    }
    await expectNothingStored()
  }

  it('a credential signed by a key not in the issuer JWKS: issued_credential_invalid', async () => {
    await refusedWhile({ signWithOtherKey: true }, 'issued_credential_invalid')
  })

  it('a credential bound to a key the wallet did not send: issued_credential_invalid', async () => {
    await refusedWhile({ bindToOtherKey: true }, 'issued_credential_invalid')
  })

  it('metadata naming another credential_issuer: issuer_metadata_invalid', async () => {
    await refusedWhile({ metadataIssuer: 'https://evil.example' }, 'issuer_metadata_invalid')
  })

  it('a credential endpoint on another origin: url_not_allowed (never contacted)', async () => {
    await refusedWhile({ credentialEndpoint: 'http://127.0.0.2:9/credential' }, 'url_not_allowed')
  })

  it('an offer of only configurations the wallet cannot hold: issuer_metadata_invalid', async () => {
    await expect(wallet.accept(issuer.offer(['pid_jwp']), { txCode: '123456' })).rejects.toMatchObject({ code: 'issuer_metadata_invalid' })
    await expectNothingStored()
  })

  it('a wrong transaction code: issuance_failed with the issuer error', async () => {
    await expect(wallet.accept(issuer.offer(), { txCode: '654321' })).rejects.toMatchObject({ code: 'issuance_failed', message: expect.stringMatching(/invalid_grant/) })
  })

  it('a missing or malformed transaction code: credential_offer_invalid before any request', async () => {
    await expect(wallet.accept(issuer.offer())).rejects.toMatchObject({ code: 'credential_offer_invalid' })
    await expect(wallet.accept(issuer.offer(), { txCode: '12ab56' })).rejects.toMatchObject({ code: 'credential_offer_invalid' })
  })

  it('an offer URI that is not one: credential_offer_invalid', async () => {
    await expect(wallet.accept('openid-credential-offer://?credential_offer=%7Bnot-json')).rejects.toMatchObject({ code: 'credential_offer_invalid' })
    await expect(wallet.accept('https://example.com/?nothing=1')).rejects.toMatchObject({ code: 'credential_offer_invalid' })
  })

  it('an issuer over plain http on a host not allowed: url_not_allowed', async () => {
    const offer = issuer.offer().replace(encodeURIComponent('http://127.0.0.1'), encodeURIComponent('http://localhost'))
    await expect(wallet.accept(offer, { txCode: '123456' })).rejects.toMatchObject({ code: 'url_not_allowed' })
    await expectNothingStored()
  })

  it('then a correct offer stores the batch (4 = the issuer batch_size, below the default 10)', async () => {
    const r = await wallet.accept(issuer.offer(), { txCode: '123456' })
    expect(r.batches).toMatchObject([{ count: 4 }])
    expect(await wallet.list({ checkStatus: false })).toHaveLength(4)
  })

  it('an offer also naming a configuration of another format takes the SD-JWT VC one', async () => {
    const before = (await wallet.list({ checkStatus: false })).length
    const r = await wallet.accept(issuer.offer(['pid_jwp', 'pid']), { txCode: '123456' })
    expect(r.batches).toMatchObject([{ credentialConfigurationId: 'pid', count: 4 }])
    expect(await wallet.list({ checkStatus: false })).toHaveLength(before + 4)
  })

  it('an offer by reference (credential_offer_uri) is fetched and accepted', async () => {
    const r = await wallet.accept(issuer.offerByReference(), { txCode: '123456' })
    expect(r.batches).toMatchObject([{ count: 4 }])
    expect(await wallet.list({ checkStatus: false })).toHaveLength(12)
  })
})

describe('issuer trust list', () => {
  it('an offer from an issuer not on the trust list is refused before any request to it; the tx_code is never sent', async () => {
    const stranger = await startFakeIssuer({ untrusted: true })
    try {
      const before = (await wallet.list({ checkStatus: false })).length
      for (const offer of [stranger.offer(), `openid-credential-offer://?credential_offer=${encodeURIComponent(JSON.stringify({ credential_issuer: `${stranger.url}/`, credential_configuration_ids: ['pid'], grants: { 'urn:ietf:params:oauth:grant-type:pre-authorized_code': { 'pre-authorized_code': 'abc', tx_code: { input_mode: 'numeric', length: 6 } } } }))}`]) {
        await expect(wallet.accept(offer, { txCode: '123456' })).rejects.toMatchObject({ code: 'issuer_untrusted' })
      }
      expect(stranger.received).toEqual([])
      expect(stranger.issuedCount()).toBe(0)
      expect((await wallet.list({ checkStatus: false })).length).toBe(before)
    } finally {
      await stranger.close()
    }
  })

  it('an issuer certified under a trusted root (inline PEM or a file path) and named by its certificate: accepted, credentials verified', async () => {
    const root = await testRoot('Trusted Issuer Root')
    const certified = await startFakeIssuer({ untrusted: true, certifiedBy: root, batchSize: 2 })
    const dir = await mkdtemp(join(tmpdir(), 'issuer-root-'))
    try {
      await writeFile(join(dir, 'root.pem'), root.pem)
      for (const source of [root.pem, join(dir, 'root.pem')]) {
        const w = await tempWallet([], { trustedIssuers: [], trustedIssuerRoots: [source] })
        try {
          const r = await w.wallet.accept(certified.offer(), { txCode: '123456' })
          expect(r).toMatchObject({ issuer: certified.url, batches: [{ count: 2 }] })
          expect(await w.wallet.list({ checkStatus: false })).toHaveLength(2)
        } finally {
          await w.cleanup()
        }
      }
    } finally {
      await certified.close()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('WALLET_TRUSTED_ISSUERS takes identifiers and root certificates side by side', () => {
    const env = { WALLET_PASSPHRASE: 'correct horse battery staple', WALLET_TRUSTED_ISSUERS: 'https://id.example, /etc/eid/issuer-root.pem ,-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----' }
    expect(walletConfigFromEnv(env)).toMatchObject({ trustedIssuers: ['https://id.example'], trustedIssuerRoots: ['/etc/eid/issuer-root.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'] })
  })

  it('an issuer under another root, or whose certificate names another issuer or none: issuer_untrusted after its key metadata only; no token request, tx_code never sent', async () => {
    const trusted = await testRoot('Trusted Issuer Root')
    const other = await testRoot('Other Root')
    const cases = [
      await startFakeIssuer({ untrusted: true, certifiedBy: other }),
      await startFakeIssuer({ untrusted: true, certifiedBy: trusted, san: { uri: ['https://id.example'], dns: ['id.example'] } }),
      await startFakeIssuer({ untrusted: true, certifiedBy: trusted, san: {} }),
      await startFakeIssuer({ untrusted: true }),
    ]
    const w = await tempWallet([], { trustedIssuers: ['https://id.example'], trustedIssuerRoots: [trusted.pem] })
    try {
      for (const stranger of cases) {
        await expect(w.wallet.accept(stranger.offer(), { txCode: '123456' })).rejects.toMatchObject({ code: 'issuer_untrusted' })
        expect(stranger.received).toEqual(['GET /.well-known/jwt-vc-issuer'])
        expect(stranger.issuedCount()).toBe(0)
      }
      expect(await w.wallet.list({ checkStatus: false })).toHaveLength(0)
    } finally {
      await w.cleanup()
      for (const c of cases) await c.close()
    }
  })

  it('a wallet with no trusted issuer configured refuses every offer', async () => {
    const w = await tempWallet([], { trustedIssuers: [] })
    try {
      await expect(w.wallet.accept(issuer.offer(), { txCode: '123456' })).rejects.toMatchObject({ code: 'issuer_untrusted', message: expect.stringMatching(/WALLET_TRUSTED_ISSUERS/) })
    } finally {
      await w.cleanup()
    }
  })
})
