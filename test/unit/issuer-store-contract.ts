// IssuerStore contract: the suite every adapter (SQLite now, PostgreSQL later) must pass.
// Single-use codes, tx_code attempts and lockout, atomic nonce + token consumption.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { IssuerStore } from '../../shared/store/index.ts'

/** Runs the contract against stores made by `open` (each test gets a fresh, empty store). */
export function issuerStoreContract(name: string, open: () => IssuerStore | Promise<IssuerStore>): void {
  describe(`IssuerStore contract: ${name}`, () => {
    const NOW = 1_800_000_000
    const record = { nationalId: '11010519491231002X', familyName: 'Zhang', givenName: 'Wei' }
    let store: IssuerStore

    beforeEach(async () => {
      store = await open()
      await store.enroll({ record, offer: { codeHash: 'c1', txCodeHash: 't1', expiresAt: NOW + 600 }, now: NOW })
    })
    afterEach(async () => store.close())

    const token = (h: string) => ({ tokenHash: h, expiresAt: NOW + 600, credentialLimit: 10 })
    const redeem = (tx: string, h = 'a1', now = NOW) => store.redeemOffer({ codeHash: 'c1', txCodeHash: tx, now, maxAttempts: 5, token: token(h) })

    it('redeems an offer exactly once', async () => {
      expect(await redeem('t1')).toMatchObject({ ok: true })
      expect(await redeem('t1', 'a2')).toEqual({ ok: false, reason: 'unknown_code' })
      expect(await store.findAccessToken('a2', NOW)).toBeUndefined()
    })

    it('counts wrong tx codes and locks the offer at the limit, even for the right code', async () => {
      for (let i = 4; i >= 1; i--) expect(await redeem('bad')).toEqual({ ok: false, reason: 'tx_code_invalid', attemptsLeft: i })
      expect(await redeem('bad')).toEqual({ ok: false, reason: 'locked' })
      expect(await redeem('t1')).toEqual({ ok: false, reason: 'locked' })
      expect(await store.findAccessToken('a1', NOW)).toBeUndefined()
    })

    it('refuses an expired offer', async () => {
      expect(await redeem('t1', 'a1', NOW + 600)).toEqual({ ok: false, reason: 'unknown_code' })
    })

    it('re-enrolling the same ID number keeps one person', async () => {
      const a = await store.enroll({ record, offer: { codeHash: 'c2', txCodeHash: 't2', expiresAt: NOW + 600 }, now: NOW })
      await redeem('t1')
      expect((await store.findAccessToken('a1', NOW))?.personId).toBe(a.personId)
      expect(await store.getPerson(a.personId)).toEqual(record)
    })

    it('records issued credentials and lists them per person, oldest first', async () => {
      const { personId } = await store.enroll({ record, offer: { codeHash: 'c9', txCodeHash: 't9', expiresAt: NOW + 600 }, now: NOW })
      const row = (id: string, at: number) => ({ credentialId: id, personId, kid: 'k', statusIdx: 7, statusUri: 'https://i/s/1', issuedAt: at, expiresAt: at + 10 })
      await store.recordCredentials([row('b', NOW + 1), row('a', NOW)])
      expect((await store.listCredentials(personId)).map((c) => c.credentialId)).toEqual(['a', 'b'])
      expect(await store.listCredentials(personId, 1)).toEqual([row('a', NOW)])
      expect(await store.listCredentials('nobody')).toEqual([])
    })

    it('consumes a nonce once and spends the token, both or neither', async () => {
      await redeem('t1')
      await store.issueNonce({ nonceHash: 'n1', expiresAt: NOW + 300, now: NOW })
      expect(await store.consumeIssuance({ tokenHash: 'a1', nonceHash: 'n1', count: 11, now: NOW })).toEqual({ ok: false, reason: 'batch_too_large' })
      expect(await store.consumeIssuance({ tokenHash: 'a1', nonceHash: 'n1', count: 3, now: NOW })).toMatchObject({ ok: true })
      expect(await store.consumeIssuance({ tokenHash: 'a1', nonceHash: 'n1', count: 1, now: NOW })).toEqual({ ok: false, reason: 'nonce_invalid' })
      expect((await store.findAccessToken('a1', NOW))?.remaining).toBe(7)
    })

    it('refuses an expired nonce and an unknown token without consuming the nonce', async () => {
      await store.issueNonce({ nonceHash: 'n1', expiresAt: NOW + 300, now: NOW })
      expect(await store.consumeIssuance({ tokenHash: 'nope', nonceHash: 'n1', count: 1, now: NOW })).toEqual({ ok: false, reason: 'token_invalid' })
      expect(await store.consumeIssuance({ tokenHash: 'nope', nonceHash: 'n1', count: 1, now: NOW + 300 })).toEqual({ ok: false, reason: 'nonce_invalid' })
    })
  })
}
