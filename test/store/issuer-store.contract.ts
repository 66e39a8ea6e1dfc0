// IssuerStore contract: the suite every adapter (SQLite, PostgreSQL) must pass. The rules it checks are listed at the
// top of shared/store/issuer/types.ts: atomic single-use consumption, one-transaction issuance, unique status indices.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { IssuedCredential, IssueBatchInput, IssuerStore, NewStatusEntry } from '../../shared/store/index.ts'

/** A fresh, empty store; `connect` opens a second connection (another "instance") to the same database; `close` closes both. */
export interface IssuerStoreFixture {
  store: IssuerStore
  connect(): Promise<IssuerStore>
  close(): Promise<void>
}

const NOW = 1_800_000_000
const RECORD = { nationalId: '99001019900101001X', familyName: 'Test', givenName: 'Person' }
const OTHER = { nationalId: '99001019900101002X', familyName: 'Other', givenName: 'Person' }
const LIST = { id: 'list-a', bits: 2 as const, size: 64, createdAt: NOW }

/** Runs the contract against stores made by `open` (each test gets a fresh, empty database). */
export function issuerStoreContract(name: string, open: () => Promise<IssuerStoreFixture>): void {
  describe(`IssuerStore contract: ${name}`, () => {
    let f: IssuerStoreFixture
    let store: IssuerStore
    let personId: string

    beforeEach(async () => {
      f = await open()
      store = f.store
      personId = (await store.enroll({ record: RECORD, offer: { codeHash: 'c1', txCodeHash: 't1', expiresAt: NOW + 600 }, now: NOW })).personId
    })
    afterEach(async () => f.close())

    const token = (h: string, limit = 10) => ({ tokenHash: h, expiresAt: NOW + 600, credentialLimit: limit })
    const redeem = (tx: string, h = 'a1', now = NOW, s = store) => s.redeemOffer({ codeHash: 'c1', txCodeHash: tx, now, maxAttempts: 5, token: token(h) })
    const record = (id: string, idx: number | null, pid = personId, at = NOW): IssuedCredential => ({
      credentialId: id,
      personId: pid,
      kid: 'k1',
      statusIdx: idx,
      statusUri: idx === null ? null : `https://issuer.example/status-lists/${LIST.id}`,
      issuedAt: at,
      expiresAt: at + 86400,
    })
    /** A batch of credentials `ids` at indices `idxs` of LIST, spending token a1 and nonce `n` (valid for 300 s). */
    const batch = (n: string, ids: string[], idxs: number[], over: Partial<IssueBatchInput> = {}): IssueBatchInput => ({
      tokenHash: 'a1',
      nonceHash: n,
      nonceExpiresAt: NOW + 300,
      personId,
      entries: ids.map((credentialId, i): NewStatusEntry => ({ listId: LIST.id, idx: idxs[i] as number, credentialId })),
      records: ids.map((id, i) => record(id, idxs[i] as number)),
      now: NOW,
      ...over,
    })
    const ready = async (): Promise<void> => {
      expect(await redeem('t1')).toEqual({ ok: true, personId })
      await store.createStatusList(LIST)
    }

    describe('offers and the token endpoint', () => {
      it('redeems an offer exactly once', async () => {
        expect(await redeem('t1')).toEqual({ ok: true, personId })
        expect(await redeem('t1', 'a2')).toEqual({ ok: false, reason: 'unknown_code' })
        expect(await store.findAccessToken('a1', NOW)).toEqual({ personId, remaining: 10 })
        expect(await store.findAccessToken('a2', NOW)).toBeUndefined()
      })

      it('redeems an offer exactly once under concurrency, across two connections', async () => {
        const peer = await f.connect()
        const results = await Promise.all(Array.from({ length: 8 }, (_, i) => redeem('t1', `a${i}`, NOW, i % 2 ? peer : store)))
        expect(results.filter((r) => r.ok)).toHaveLength(1)
        expect(results.filter((r) => !r.ok)).toHaveLength(7)
      })

      it('counts wrong tx codes and locks the offer at the limit, even for the right code', async () => {
        for (let i = 4; i >= 1; i--) expect(await redeem('bad')).toEqual({ ok: false, reason: 'tx_code_invalid', attemptsLeft: i })
        expect(await redeem('bad')).toEqual({ ok: false, reason: 'locked' })
        expect(await redeem('t1')).toEqual({ ok: false, reason: 'locked' })
        expect(await store.findAccessToken('a1', NOW)).toBeUndefined()
      })

      it('refuses an unknown or expired offer', async () => {
        expect(await store.redeemOffer({ codeHash: 'zz', txCodeHash: 't1', now: NOW, maxAttempts: 5, token: token('a1') })).toEqual({
          ok: false,
          reason: 'unknown_code',
        })
        expect(await redeem('t1', 'a1', NOW + 600)).toEqual({ ok: false, reason: 'unknown_code' })
      })

      it('re-enrolling the same ID number keeps one person and updates the record', async () => {
        const again = await store.enroll({ record: { ...RECORD, givenName: 'Renamed' }, offer: { codeHash: 'c2', txCodeHash: 't2', expiresAt: NOW + 600 }, now: NOW })
        expect(again.personId).toBe(personId)
        expect(await store.getPerson(personId)).toEqual({ ...RECORD, givenName: 'Renamed' })
        const other = await store.enroll({ record: { ...OTHER, address: { province: 'P' } }, offer: { codeHash: 'c3', txCodeHash: 't3', expiresAt: NOW + 600 }, now: NOW })
        expect(other.personId).not.toBe(personId)
        expect(await store.getPerson(other.personId)).toEqual({ ...OTHER, address: { province: 'P' } })
        expect(await store.getPerson('nobody')).toBeUndefined()
      })

      it('an access token expires', async () => {
        await redeem('t1')
        expect(await store.findAccessToken('a1', NOW + 599)).toBeDefined()
        expect(await store.findAccessToken('a1', NOW + 600)).toBeUndefined()
      })
    })

    describe('refresh tokens (RFC 6749 §6): stored with the offer redemption, single use, rotated, replay revokes the family', () => {
      const CONFIG = 'pid_sd_jwt'
      const rt = (h: string, expiresAt = NOW + 3600) => ({ tokenHash: h, familyId: 'fam-1', configurationId: CONFIG, expiresAt })
      const redeemWithRefresh = () => store.redeemOffer({ codeHash: 'c1', txCodeHash: 't1', now: NOW, maxAttempts: 5, token: token('a1'), refresh: rt('r1') })
      const rotate = (h: string, next: string, a: string, now = NOW, s = store) =>
        s.rotateRefreshToken({ tokenHash: h, now, next: { tokenHash: next, expiresAt: now + 3600 }, token: { tokenHash: a, expiresAt: now + 600, credentialLimit: 10 } })

      it('is stored with the offer redemption, and not with a failed one', async () => {
        expect(await store.redeemOffer({ codeHash: 'c1', txCodeHash: 'bad', now: NOW, maxAttempts: 5, token: token('a1'), refresh: rt('r1') })).toMatchObject({ ok: false })
        expect(await store.findRefreshToken('r1', NOW)).toBeUndefined()
        expect(await redeemWithRefresh()).toEqual({ ok: true, personId })
        expect(await store.findRefreshToken('r1', NOW)).toEqual({ personId, configurationId: CONFIG })
        expect(await store.findAccessToken('a1', NOW)).toEqual({ personId, remaining: 10 })
      })

      it('rotates: the old token is spent, the new one and an access token limited to the configuration are stored', async () => {
        await redeemWithRefresh()
        expect(await rotate('r1', 'r2', 'a2')).toEqual({ ok: true, personId, configurationId: CONFIG })
        expect(await store.findRefreshToken('r1', NOW)).toBeUndefined()
        expect(await store.findRefreshToken('r2', NOW)).toEqual({ personId, configurationId: CONFIG })
        expect(await store.findAccessToken('a2', NOW)).toEqual({ personId, remaining: 10, configurationId: CONFIG })
        expect(await rotate('r2', 'r3', 'a3')).toMatchObject({ ok: true })
      })

      it('a replayed token is refused and revokes its family, the live successor included', async () => {
        await redeemWithRefresh()
        await rotate('r1', 'r2', 'a2')
        expect(await rotate('r1', 'rX', 'aX')).toEqual({ ok: false, reason: 'replayed' })
        expect(await store.findAccessToken('aX', NOW)).toBeUndefined()
        expect(await store.findRefreshToken('rX', NOW)).toBeUndefined()
        expect(await store.findRefreshToken('r2', NOW)).toBeUndefined()
        expect(await rotate('r2', 'r3', 'a3')).toEqual({ ok: false, reason: 'replayed' })
      })

      it('an unknown or expired token is refused and writes nothing', async () => {
        await redeemWithRefresh()
        expect(await rotate('nope', 'r2', 'a2')).toEqual({ ok: false, reason: 'unknown' })
        expect(await rotate('r1', 'r2', 'a2', NOW + 3600)).toEqual({ ok: false, reason: 'unknown' })
        expect(await store.findRefreshToken('r1', NOW + 3600)).toBeUndefined()
        expect(await store.findAccessToken('a2', NOW)).toBeUndefined()
        // still live before its expiry: the expired attempt did not spend it
        expect(await rotate('r1', 'r2', 'a2', NOW + 3599)).toMatchObject({ ok: true })
      })

      it('rotates exactly once under concurrency, across two connections', async () => {
        await redeemWithRefresh()
        const peer = await f.connect()
        const results = await Promise.all(Array.from({ length: 6 }, (_, i) => rotate('r1', `n${i}`, `t${i}`, NOW, i % 2 ? peer : store)))
        expect(results.filter((r) => r.ok)).toHaveLength(1)
      })

      it('expired refresh tokens are purged', async () => {
        await redeemWithRefresh()
        expect(await store.purgeExpired(NOW + 600, 0)).toBe(2) // access token a1 and the used offer c1; r1 still lives
        expect(await store.findRefreshToken('r1', NOW)).toBeDefined()
        expect(await store.purgeExpired(NOW + 3600, 0)).toBe(1)
        expect(await store.findRefreshToken('r1', NOW)).toBeUndefined()
      })
    })

    describe('issueBatch: nonce, token credits, status entries and records in one transaction', () => {
      it('commits everything: nonce consumed, credits spent, entries allocated, credentials recorded', async () => {
        await ready()
        expect(await store.issueBatch(batch('n1', ['x', 'y', 'z'], [5, 9, 63]))).toEqual({ ok: true, status: 0 })
        expect((await store.findAccessToken('a1', NOW))?.remaining).toBe(7)
        expect((await store.statusEntries(LIST.id)).sort((a, b) => a.idx - b.idx)).toEqual([5, 9, 63].map((idx) => ({ idx, status: 0 })))
        expect((await store.listCredentials(personId)).map((c) => c.credentialId).sort()).toEqual(['x', 'y', 'z'])
        expect(await store.issueBatch(batch('n1', ['w'], [1]))).toEqual({ ok: false, reason: 'nonce_invalid' })
      })

      it('records credentials without status entries (pid_bbs) and stores the refresh offer with them', async () => {
        await ready()
        const input: IssueBatchInput = { ...batch('n1', [], []), records: [record('bbs-1', null)], offer: { codeHash: 'r1', txCodeHash: 'rt1', expiresAt: NOW + 900 } }
        expect(await store.issueBatch(input)).toEqual({ ok: true, status: 0 })
        expect(await store.listCredentials(personId)).toEqual([record('bbs-1', null)])
        expect(await store.statusEntries(LIST.id)).toEqual([])
        const refreshed = await store.redeemOffer({ codeHash: 'r1', txCodeHash: 'rt1', now: NOW, maxAttempts: 5, token: token('a9') })
        expect(refreshed).toEqual({ ok: true, personId })
      })

      it('nonce_invalid for an expired or spent nonce, and the token keeps its credits', async () => {
        await ready()
        expect(await store.issueBatch(batch('old', ['x'], [1], { nonceExpiresAt: NOW }))).toEqual({ ok: false, reason: 'nonce_invalid' })
        expect(await store.issueBatch(batch('older', ['x'], [1], { nonceExpiresAt: NOW - 1 }))).toEqual({ ok: false, reason: 'nonce_invalid' })
        expect(await store.issueBatch(batch('n1', ['x'], [1], { nonceExpiresAt: NOW + 1 }))).toMatchObject({ ok: true })
        // spent: refused until it expires, whatever expiry a second spender claims
        expect(await store.issueBatch(batch('n1', ['y'], [2], { nonceExpiresAt: NOW + 300 }))).toEqual({ ok: false, reason: 'nonce_invalid' })
        expect((await store.findAccessToken('a1', NOW))?.remaining).toBe(9)
        expect((await store.listCredentials(personId)).map((c) => c.credentialId)).toEqual(['x'])
      })

      it('an expired nonce leaves nothing: the token keeps its credits', async () => {
        await ready()
        expect(await store.issueBatch(batch('old', ['x'], [1], { nonceExpiresAt: NOW }))).toEqual({ ok: false, reason: 'nonce_invalid' })
        expect((await store.findAccessToken('a1', NOW))?.remaining).toBe(10)
        expect(await store.listCredentials(personId)).toEqual([])
      })

      it('token_invalid (unknown, expired, another person\'s) and batch_too_large roll back: the nonce stays usable', async () => {
        await ready()
        const n1 = { nonceExpiresAt: NOW + 1000 } // outlives the token
        expect(await store.issueBatch(batch('n1', ['x'], [1], { ...n1, tokenHash: 'nope' }))).toEqual({ ok: false, reason: 'token_invalid' })
        expect(await store.issueBatch(batch('n1', ['x'], [1], { ...n1, now: NOW + 600 }))).toEqual({ ok: false, reason: 'token_invalid' })
        const other = (await store.enroll({ record: OTHER, offer: { codeHash: 'c3', txCodeHash: 't3', expiresAt: NOW + 600 }, now: NOW })).personId
        const foreign = batch('n1', ['x'], [1], { ...n1, personId: other, records: [record('x', 1, other)] })
        expect(await store.issueBatch(foreign)).toEqual({ ok: false, reason: 'token_invalid' })
        const ids = Array.from({ length: 11 }, (_, i) => `c${i}`)
        expect(await store.issueBatch(batch('n1', ids, ids.map((_, i) => i), n1))).toEqual({ ok: false, reason: 'batch_too_large' })
        expect(await store.statusEntries(LIST.id)).toEqual([])
        expect(await store.listCredentials(personId)).toEqual([])
        expect(await store.issueBatch(batch('n1', ids.slice(0, 10), ids.slice(0, 10).map((_, i) => i), n1))).toEqual({ ok: true, status: 0 })
        expect(await store.issueBatch(batch('n2', ['y'], [20]))).toEqual({ ok: false, reason: 'batch_too_large' })
      })

      it('index_taken names the taken entry and rolls everything back', async () => {
        await ready()
        expect(await store.issueBatch(batch('n1', ['x'], [7]))).toMatchObject({ ok: true })
        expect(await store.issueBatch(batch('n2', ['y', 'z'], [8, 7]))).toEqual({ ok: false, reason: 'index_taken', listId: LIST.id, idx: 7 })
        expect((await store.findAccessToken('a1', NOW))?.remaining).toBe(9)
        expect((await store.statusEntries(LIST.id)).map((e) => e.idx)).toEqual([7])
        expect((await store.listCredentials(personId)).map((c) => c.credentialId)).toEqual(['x'])
        // redrawn: the same nonce now succeeds
        expect(await store.issueBatch(batch('n2', ['y', 'z'], [8, 9]))).toMatchObject({ ok: true })
      })

      it('refuses a malformed batch before writing anything', async () => {
        await ready()
        await expect(store.issueBatch({ ...batch('n1', ['x'], [1]), records: [] })).rejects.toThrow()
        await expect(store.issueBatch({ ...batch('n1', ['x'], [1]), records: [record('other', 1)] })).rejects.toThrow()
        expect(await store.issueBatch(batch('n1', ['x'], [1]))).toMatchObject({ ok: true })
      })

      it('one nonce serves exactly one of many concurrent batches, across two connections', async () => {
        await ready()
        const peer = await f.connect()
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) => (i % 2 ? peer : store).issueBatch(batch('n1', [`c${i}`], [10 + i]))),
        )
        expect(results.filter((r) => r.ok)).toHaveLength(1)
        expect(results.filter((r) => !r.ok && r.reason === 'nonce_invalid')).toHaveLength(5)
        expect(await store.listCredentials(personId)).toHaveLength(1)
      })

      it('concurrent batches drawing overlapping indices never allocate one twice; losers leave nothing', async () => {
        expect(await store.redeemOffer({ codeHash: 'c1', txCodeHash: 't1', now: NOW, maxAttempts: 5, token: token('a1', 1000) })).toMatchObject({ ok: true })
        await store.createStatusList(LIST)
        const peer = await f.connect()
        // 40 batches of 3 over indices 0..19: many collide
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) => {
            const idxs = [(i * 7) % 20, (i * 7 + 3) % 20, (i * 7 + 11) % 20]
            return (i % 2 ? peer : store).issueBatch(batch(`n${i}`, idxs.map((_, k) => `b${i}-${k}`), idxs))
          }),
        )
        const won = results.filter((r) => r.ok).length
        expect(won).toBeGreaterThan(0)
        expect(results.every((r) => r.ok || r.reason === 'index_taken')).toBe(true)
        const entries = await store.statusEntries(LIST.id)
        expect(new Set(entries.map((e) => e.idx)).size).toBe(entries.length)
        expect(entries).toHaveLength(won * 3)
        const records = await store.listCredentials(personId)
        expect(records).toHaveLength(won * 3)
        expect(new Set(records.map((r) => r.statusIdx)).size).toBe(won * 3)
        expect((await store.findAccessToken('a1', NOW))?.remaining).toBe(1000 - won * 3)
      })
    })

    describe('status lists', () => {
      it('lists status lists oldest first and refuses a duplicate id', async () => {
        await store.createStatusList({ ...LIST, id: 'later', createdAt: NOW + 5 })
        await store.createStatusList(LIST)
        expect(await store.statusLists()).toEqual([LIST, { ...LIST, id: 'later', createdAt: NOW + 5 }])
        await expect(store.createStatusList(LIST)).rejects.toThrow()
      })

      it('sets a person\'s status on all their entries, records it, and new entries start with it', async () => {
        await ready()
        await store.issueBatch(batch('n1', ['x', 'y'], [1, 2]))
        expect(await store.personStatus(personId)).toBeUndefined()
        const r = await store.setPersonStatus({ personId, status: 2, keep: [1], now: NOW })
        expect(r.result).toBe('changed')
        expect(r.result === 'changed' && r.entries.map((e) => e.idx).sort()).toEqual([1, 2])
        expect(await store.personStatus(personId)).toBe(2)
        expect(await store.issueBatch(batch('n2', ['z'], [3]))).toEqual({ ok: true, status: 2 })
        expect((await store.statusEntries(LIST.id)).find((e) => e.idx === 3)?.status).toBe(2)
        // again: nothing left to change
        expect(await store.setPersonStatus({ personId, status: 2, keep: [1], now: NOW })).toEqual({ result: 'changed', entries: [] })
      })

      it('statusEntries(list, asOf) gives every entry as it stood at a status epoch\'s start; changes within the epoch wait for the next', async () => {
        await ready()
        await store.issueBatch(batch('n1', ['x', 'y', 'z'], [1, 2, 3]))
        const at = async (asOf?: number) => (await store.statusEntries(LIST.id, asOf)).sort((a, b) => a.idx - b.idx).map((e) => e.status)
        const E1 = NOW + 100
        // epoch starting at E1: x suspended then revoked, then the person suspended (x stays revoked)
        await store.setCredentialStatus({ credentialId: 'x', status: 2, keep: [1], now: E1 + 10, epochStart: E1 })
        await store.setCredentialStatus({ credentialId: 'x', status: 1, keep: [1], now: E1 + 20, epochStart: E1 })
        await store.setPersonStatus({ personId, status: 2, keep: [1], now: E1 + 30, epochStart: E1 })
        expect(await at(E1)).toEqual([0, 0, 0])
        expect(await at()).toEqual([1, 2, 2])
        // the next epoch shows them all at once
        const E2 = E1 + 100
        expect(await at(E2)).toEqual([1, 2, 2])
        // reinstated during E2: E2 still shows suspended, E3 valid
        await store.setPersonStatus({ personId, status: 0, keep: [1], now: E2 + 5, epochStart: E2 })
        expect(await at(E2)).toEqual([1, 2, 2])
        expect(await at(E2 + 100)).toEqual([1, 0, 0])
        expect(await at()).toEqual([1, 0, 0])
      })

      it('records the status of an enrolled person without credentials; unknown persons are not_found', async () => {
        expect(await store.setPersonStatus({ personId, status: 1, keep: [1], now: NOW })).toEqual({ result: 'changed', entries: [] })
        expect(await store.personStatus(personId)).toBe(1)
        expect(await store.setPersonStatus({ personId: 'nobody', status: 1, keep: [1], now: NOW })).toEqual({ result: 'not_found' })
        expect(await store.personStatus('nobody')).toBeUndefined()
      })

      it('revocation is final: a revoked person and a revoked credential keep their status', async () => {
        await ready()
        await store.issueBatch(batch('n1', ['x', 'y'], [1, 2]))
        expect(await store.setCredentialStatus({ credentialId: 'x', status: 1, keep: [1], now: NOW })).toEqual({
          result: 'changed',
          entry: { listId: LIST.id, idx: 1, personId },
        })
        expect(await store.setCredentialStatus({ credentialId: 'x', status: 1, keep: [1], now: NOW })).toMatchObject({ result: 'unchanged' })
        expect(await store.setCredentialStatus({ credentialId: 'x', status: 0, keep: [1], now: NOW })).toEqual({ result: 'kept' })
        // suspending the person leaves the revoked credential revoked
        const s = await store.setPersonStatus({ personId, status: 2, keep: [1], now: NOW })
        expect(s.result === 'changed' && s.entries.map((e) => e.idx)).toEqual([2])
        expect((await store.statusEntries(LIST.id)).sort((a, b) => a.idx - b.idx)).toEqual([
          { idx: 1, status: 1 },
          { idx: 2, status: 2 },
        ])
        expect((await store.setPersonStatus({ personId, status: 1, keep: [1], now: NOW })).result).toBe('changed')
        expect(await store.setPersonStatus({ personId, status: 0, keep: [1], now: NOW })).toEqual({ result: 'kept' })
        expect(await store.personStatus(personId)).toBe(1)
        expect(await store.setCredentialStatus({ credentialId: 'nope', status: 1, keep: [1], now: NOW })).toEqual({ result: 'not_found' })
      })

      it('status changes are seen by another connection', async () => {
        await ready()
        await store.issueBatch(batch('n1', ['x'], [4]))
        const peer = await f.connect()
        await peer.setCredentialStatus({ credentialId: 'x', status: 2, keep: [1], now: NOW })
        expect(await store.statusEntries(LIST.id)).toEqual([{ idx: 4, status: 2 }])
        expect(await peer.statusLists()).toEqual([LIST])
      })
    })

    describe('credentials, relying parties, purge', () => {
      it('lists a person\'s credentials oldest first, bounded by limit', async () => {
        await ready()
        await store.issueBatch({ ...batch('n1', ['b'], [2]), records: [record('b', 2, personId, NOW + 1)] })
        await store.issueBatch(batch('n2', ['a'], [1]))
        expect((await store.listCredentials(personId)).map((c) => c.credentialId)).toEqual(['a', 'b'])
        expect(await store.listCredentials(personId, 1)).toEqual([record('a', 1)])
        expect(await store.listCredentials('nobody')).toEqual([])
      })

      it('saves, finds and replaces a relying party', async () => {
        const rp = {
          clientId: 'x509_hash:abc',
          name: 'Shop',
          purpose: 'Age check',
          allowedClaims: [['age_over_18'], ['address', 'region', null]],
          accessCertificate: 'MIIB',
          registrationCertificate: 'eyJ',
          createdAt: NOW,
        }
        await store.saveRelyingParty(rp)
        expect(await store.findRelyingParty(rp.clientId)).toEqual(rp)
        await store.saveRelyingParty({ ...rp, name: 'Shop 2' })
        expect((await store.findRelyingParty(rp.clientId))?.name).toBe('Shop 2')
        expect(await store.findRelyingParty('x509_hash:none')).toBeUndefined()
      })

      it('purges expired nonces, tokens and offers, and keeps live ones', async () => {
        await redeem('t1')
        await store.enroll({ record: OTHER, offer: { codeHash: 'live', txCodeHash: 'tl', expiresAt: NOW + 5000 }, now: NOW })
        await store.createStatusList(LIST)
        expect(await store.issueBatch(batch('gone', ['g'], [2], { nonceExpiresAt: NOW + 10 }))).toMatchObject({ ok: true })
        expect(await store.issueBatch(batch('kept', ['k'], [1], { nonceExpiresAt: NOW + 5000 }))).toMatchObject({ ok: true })
        const purged = await store.purgeExpired(NOW + 1000, 0)
        expect(purged).toBe(3) // spent nonce 'gone', token a1, offer c1
        expect(await store.findAccessToken('a1', NOW)).toBeUndefined()
        expect(await store.redeemOffer({ codeHash: 'live', txCodeHash: 'tl', now: NOW, maxAttempts: 5, token: token('a5') })).toMatchObject({ ok: true })
        // the live spent nonce is still remembered
        const otherId = (await store.findAccessToken('a5', NOW))?.personId as string
        const input = { ...batch('kept', ['k2'], [3], { nonceExpiresAt: NOW + 5000 }), tokenHash: 'a5', personId: otherId, records: [record('k2', 3, otherId)] }
        expect(await store.issueBatch(input)).toEqual({ ok: false, reason: 'nonce_invalid' })
        expect(await store.purgeExpired(NOW, 0)).toBe(0)
      })
    })
  })
}
