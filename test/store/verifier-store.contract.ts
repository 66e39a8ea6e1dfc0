// VerifierStore contract: the suite every adapter (SQLite, PostgreSQL) must pass. The rules it checks are listed at the
// top of shared/store/verifier/types.ts: single-use consumption of a state across instances, outcomes, purge.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { VerifierStore } from '../../shared/store/index.ts'

/** A fresh, empty store; `connect` opens a second connection (another "instance") to the same database; `close` closes both. */
export interface VerifierStoreFixture {
  store: VerifierStore
  connect(): Promise<VerifierStore>
  close(): Promise<void>
}

const NOW = 1_800_000_000
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

    it('consumes a state exactly once', async () => {
      await store.createSession(session('a'))
      const results = await Promise.all([1, 2, 3].map(() => store.consumeByState('state-a', NOW)))
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect(results.filter((r) => !r.ok && r.reason === 'used')).toHaveLength(2)
    })

    it('consumes exactly once across two connections sharing one database', async () => {
      const peer = await f.connect()
      await store.createSession(session('shared'))
      const results = await Promise.all([store, peer, store, peer, store, peer].map((st) => st.consumeByState('state-shared', NOW)))
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect(results.filter((r) => !r.ok && r.reason === 'used')).toHaveLength(5)
    })

    it('tells unknown and expired states apart', async () => {
      await store.createSession(session('a', NOW - 1))
      expect(await store.consumeByState('state-a', NOW)).toEqual({ ok: false, reason: 'expired' })
      expect(await store.consumeByState('state-x', NOW)).toEqual({ ok: false, reason: 'unknown' })
    })

    it('records a verified outcome with claims and a rejected one with its code only', async () => {
      await store.createSession(session('a'))
      await store.createSession(session('b'))
      await store.consumeByState('state-a', NOW)
      await store.consumeByState('state-b', NOW)
      await store.complete('a', { status: 'verified', claims: { age_over_18: true }, responseCodeHash: 'rc' }, NOW + 1)
      await store.complete('b', { status: 'rejected', error: 'over_disclosure' }, NOW + 1)
      expect(await store.getSession('a')).toMatchObject({ status: 'verified', claims: { age_over_18: true }, responseCodeHash: 'rc', completedAt: NOW + 1 })
      const b = await store.getSession('b')
      expect(b).toMatchObject({ status: 'rejected', error: 'over_disclosure' })
      expect(b?.claims).toBeUndefined()
    })

    it('completes only sessions being processed', async () => {
      await store.createSession(session('a'))
      await store.complete('a', { status: 'verified', claims: { x: 1 } }, NOW)
      expect((await store.getSession('a'))?.status).toBe('pending')
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
