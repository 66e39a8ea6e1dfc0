// The wallet page's session store: an idle session is locked, the number of sessions is bounded (least recently used
// locked first), unknown ids are nobody's session.
import { describe, expect, it } from 'vitest'
import type { Wallet } from '../../wallet/core/index.ts'
import { createSessionStore } from '../../wallet/http/session.ts'

const wallet = {} as Wallet

describe('wallet session store', () => {
  it('a session idle longer than idleSeconds is gone (and stays gone); use keeps it alive', () => {
    let now = 0
    const store = createSessionStore({ idleSeconds: 60, nowMs: () => now })
    const s = store.create(wallet)
    now = 59_000
    expect(store.get(s.id)).toBe(s)
    now = 59_000 + 60_000
    expect(store.get(s.id)).toBe(s)
    now += 60_001
    expect(store.get(s.id)).toBeUndefined()
    now -= 60_001
    expect(store.get(s.id)).toBeUndefined()
  })

  it('at most `max` sessions: a new one locks the least recently used', () => {
    const store = createSessionStore({ idleSeconds: 600, max: 2, nowMs: () => 0 })
    const a = store.create(wallet)
    const b = store.create(wallet)
    expect(store.get(a.id)).toBe(a) // a used last: b is the least recently used
    const c = store.create(wallet)
    expect(store.get(b.id)).toBeUndefined()
    expect(store.get(a.id)).toBe(a)
    expect(store.get(c.id)).toBe(c)
  })

  it('unknown, missing and destroyed ids are no session; ids and tokens are random and distinct', () => {
    const store = createSessionStore({ idleSeconds: 600 })
    const s = store.create(wallet)
    expect(store.get(undefined)).toBeUndefined()
    expect(store.get('')).toBeUndefined()
    expect(store.get(`${s.id}x`)).toBeUndefined()
    expect(s.id).not.toBe(s.csrf)
    expect(store.create(wallet).id).not.toBe(s.id)
    store.destroy(s.id)
    expect(store.get(s.id)).toBeUndefined()
  })
})
