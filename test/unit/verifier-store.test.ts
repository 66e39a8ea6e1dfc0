// shared/store/verifier SQLite adapter: single-use consumption (one atomic statement), expiry, outcomes, privacy constraint, purge.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openVerifierSqliteStore } from '../../shared/store/verifier/index.ts'
import type { VerifierStore } from '../../shared/store/verifier/index.ts'

let store: VerifierStore
const now = 1_800_000_000
const session = (id: string, expiresAt = now + 300) => ({ id, state: `state-${id}`, nonce: `nonce-${id}`, dcqlQuery: { credentials: [] }, createdAt: now, expiresAt })

beforeEach(() => {
  store = openVerifierSqliteStore(':memory:')
})
afterEach(() => store.close())

describe('verifier store', () => {
  it('creates and reads a pending session', async () => {
    await store.createSession({ ...session('a'), purpose: 'p' })
    expect(await store.getSession('a')).toMatchObject({ id: 'a', status: 'pending', purpose: 'p', dcqlQuery: { credentials: [] } })
    expect(await store.getSession('b')).toBeUndefined()
  })

  it('consumes a state exactly once', async () => {
    await store.createSession(session('a'))
    const results = await Promise.all([1, 2, 3].map(() => store.consumeByState('state-a', now)))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok && r.reason === 'used')).toHaveLength(2)
  })

  it('tells unknown and expired states apart', async () => {
    await store.createSession(session('a', now - 1))
    expect(await store.consumeByState('state-a', now)).toEqual({ ok: false, reason: 'expired' })
    expect(await store.consumeByState('state-x', now)).toEqual({ ok: false, reason: 'unknown' })
  })

  it('records a verified outcome with claims and a rejected one with its code only', async () => {
    await store.createSession(session('a'))
    await store.createSession(session('b'))
    await store.consumeByState('state-a', now)
    await store.consumeByState('state-b', now)
    await store.complete('a', { status: 'verified', claims: { age_over_18: true } }, now)
    await store.complete('b', { status: 'rejected', error: 'over_disclosure' }, now)
    expect(await store.getSession('a')).toMatchObject({ status: 'verified', claims: { age_over_18: true } })
    const b = await store.getSession('b')
    expect(b).toMatchObject({ status: 'rejected', error: 'over_disclosure' })
    expect(b?.claims).toBeUndefined()
  })

  it('completes only sessions being processed', async () => {
    await store.createSession(session('a'))
    await store.complete('a', { status: 'verified', claims: { x: 1 } }, now)
    expect((await store.getSession('a'))?.status).toBe('pending')
  })

  it('purges sessions expired longer than the grace period', async () => {
    await store.createSession(session('old', now - 7200))
    await store.createSession(session('new'))
    expect(await store.purgeExpired(now, 3600)).toBe(1)
    expect(await store.getSession('old')).toBeUndefined()
    expect(await store.getSession('new')).toBeDefined()
  })

  it('consumes exactly once across two store instances sharing one database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verifier-store-'))
    const a = openVerifierSqliteStore(join(dir, 'v.db'))
    const b = openVerifierSqliteStore(join(dir, 'v.db'))
    try {
      await a.createSession(session('shared'))
      const results = await Promise.all([a, b, a, b].map((st) => st.consumeByState('state-shared', now)))
      expect(results.filter((r) => r.ok)).toHaveLength(1)
    } finally {
      await a.close()
      await b.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
