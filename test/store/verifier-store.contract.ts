// VerifierStore contract: the suite every adapter (SQLite, PostgreSQL) must pass. The rules it checks are listed at the
// top of shared/store/verifier/types.ts: a state finished once across instances (its one commit), outcomes, purge.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SessionOutcome, VerifierStore } from '../../shared/store/index.ts'

/** A fresh, empty store; `connect` opens a second connection (another "instance") to the same database; `close` closes both. */
export interface VerifierStoreFixture {
  store: VerifierStore
  connect(): Promise<VerifierStore>
  close(): Promise<void>
}

const NOW = 1_800_000_000
const verified: SessionOutcome = { status: 'verified', claims: { age_over_18: true } }
const rejected: SessionOutcome = { status: 'rejected', error: 'over_disclosure' }
const session = (id: string, expiresAt = NOW + 300) => ({ id, state: `state-${id}`, nonce: `nonce-${id}`, dcqlQuery: { credentials: [] }, createdAt: NOW, expiresAt })

/** Runs the contract against stores made by `open` (each test gets a fresh, empty database). */
export function verifierStoreContract(name: string, open: () => Promise<VerifierStoreFixture>): void {
  describe(`VerifierStore contract: ${name}`, () => {
    let f: VerifierStoreFixture
    let store: VerifierStore

    beforeEach(async () => {
      f = await open()
      store = f.store
    })
    afterEach(async () => f.close())

    it('creates and reads a pending session', async () => {
      await store.createSession({ ...session('a'), purpose: 'p', redirectUri: 'https://rp.example/back' })
      expect(await store.getSession('a')).toEqual({ ...session('a'), purpose: 'p', redirectUri: 'https://rp.example/back', status: 'pending' })
      expect(await store.getSession('b')).toBeUndefined()
    })

    it('refuses a second session with the same state or nonce', async () => {
      await store.createSession(session('a'))
      await expect(store.createSession({ ...session('b'), state: 'state-a' })).rejects.toThrow()
      await expect(store.createSession({ ...session('c'), nonce: 'nonce-a' })).rejects.toThrow()
    })

    it('reads a session by its state', async () => {
      await store.createSession(session('a'))
      expect(await store.getSessionByState('state-a')).toEqual({ ...session('a'), status: 'pending' })
      expect(await store.getSessionByState('state-x')).toBeUndefined()
    })

    it('finishes a state exactly once', async () => {
      await store.createSession(session('a'))
      const results = await Promise.all([1, 2, 3].map(() => store.finishByState('state-a', NOW, verified)))
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect(results.filter((r) => !r.ok && r.reason === 'used')).toHaveLength(2)
    })

    it('finishes exactly once across two connections sharing one database, whatever the outcomes', async () => {
      const peer = await f.connect()
      await store.createSession(session('shared'))
      const outcomes = [verified, rejected, verified, rejected, verified, rejected]
      const results = await Promise.all([store, peer, store, peer, store, peer].map((st, i) => st.finishByState('state-shared', NOW, outcomes[i] as SessionOutcome)))
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect(results.filter((r) => !r.ok && r.reason === 'used')).toHaveLength(5)
      // the stored outcome is the winner's, whole: claims with verified, an error with rejected, never both
      const s = await store.getSession('shared')
      const won = outcomes[results.findIndex((r) => r.ok)] as SessionOutcome
      expect(s).toMatchObject(won.status === 'verified' ? { status: 'verified', claims: { age_over_18: true } } : { status: 'rejected', error: 'over_disclosure' })
      expect(s?.status === 'verified' ? s.error : s?.claims).toBeUndefined()
    })

    it('tells unknown and expired states apart, and never finishes an expired one', async () => {
      await store.createSession(session('a', NOW - 1))
      expect(await store.finishByState('state-a', NOW, verified)).toEqual({ ok: false, reason: 'expired' })
      expect(await store.finishByState('state-x', NOW, verified)).toEqual({ ok: false, reason: 'unknown' })
      expect((await store.getSession('a'))?.status).toBe('pending')
    })

    it('records a verified outcome with claims and a rejected one with its code only, in the one write that finishes', async () => {
      await store.createSession(session('a'))
      await store.createSession(session('b'))
      expect(await store.finishByState('state-a', NOW + 1, { ...verified, responseCodeHash: 'rc' })).toEqual({ ok: true })
      expect(await store.finishByState('state-b', NOW + 1, rejected)).toEqual({ ok: true })
      expect(await store.getSession('a')).toMatchObject({ status: 'verified', claims: { age_over_18: true }, responseCodeHash: 'rc', completedAt: NOW + 1 })
      const b = await store.getSession('b')
      expect(b).toMatchObject({ status: 'rejected', error: 'over_disclosure', completedAt: NOW + 1 })
      expect(b?.claims).toBeUndefined()
      expect(b?.responseCodeHash).toBeUndefined()
      // a finished state stays finished: a later outcome changes nothing
      expect(await store.finishByState('state-b', NOW + 2, verified)).toEqual({ ok: false, reason: 'used' })
      expect(await store.getSession('b')).toMatchObject({ status: 'rejected', error: 'over_disclosure' })
    })

    it('purges sessions expired longer than the grace period', async () => {
      await store.createSession(session('old', NOW - 7200))
      await store.createSession(session('new'))
      expect(await store.purgeExpired(NOW, 3600)).toBe(1)
      expect(await store.getSession('old')).toBeUndefined()
      expect(await store.getSession('new')).toBeDefined()
    })
  })
}
