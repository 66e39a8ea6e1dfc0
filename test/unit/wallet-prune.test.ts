// Pruning spent SD-JWT copies (wallet/core/prune.ts): under once-only a shown copy, and under any policy an expired one,
// is dropped with its holder key; the newest copy of a type whose copies are all spent stays without its key; the
// wallet file never approaches its 10 000-copy limit however many batches are topped up and spent.
import { describe, expect, it } from 'vitest'
import { isSpent, pruneSpentCopies } from '../../wallet/core/prune.ts'
import { emptyState, parseState } from '../../wallet/core/state.ts'
import type { StoredCredential, WalletState } from '../../wallet/core/state.ts'

let n = 0
function copy(over: Partial<StoredCredential> = {}): StoredCredential {
  n++
  return {
    id: `c${n}`, batchId: 'b1', format: 'dc+sd-jwt', issuer: 'https://issuer.example', credentialConfigurationId: 'pid_sd_jwt', vct: 'urn:eid:pid:1',
    issuedAt: 1_000 + n, expiresAt: 1_000_000, receivedAt: 1_000 + n, sdJwt: `jwt${n}~`, holderKey: { alg: 'ES256', privateJwk: { d: `secret-${n}` } }, shownTo: [], ...over,
  }
}
const shown = { shownTo: [{ clientId: 'x509_hash:shop', name: 'Shop' }] }
const NOW = 500_000

describe('pruning spent SD-JWT copies', () => {
  it('once-only: shown copies go (with their keys) while unused ones remain', () => {
    const state: WalletState = { ...emptyState(), credentials: [copy(shown), copy(), copy(shown), copy()] }
    const spentKeys = state.credentials.filter((c) => c.shownTo.length > 0).map((c) => String(c.holderKey?.privateJwk.d))
    expect(pruneSpentCopies(state, 'once-only', NOW)).toBe(2)
    expect(state.credentials.map((c) => c.shownTo.length)).toEqual([0, 0])
    for (const d of spentKeys) expect(JSON.stringify(state)).not.toContain(d)
  })

  it('all copies of a type spent: the newest stays for the card, without its holder key, and is never usable again', () => {
    const state: WalletState = { ...emptyState(), credentials: [copy(shown), copy(shown), copy(shown)] }
    const newest = state.credentials[2]?.id
    expect(pruneSpentCopies(state, 'once-only', NOW)).toBe(2)
    expect(state.credentials.map((c) => c.id)).toEqual([newest])
    expect(state.credentials[0]?.holderKey).toBeUndefined()
    expect(JSON.stringify(state)).not.toContain('secret-')
    expect(isSpent(state.credentials[0] as StoredCredential, 'per-service', NOW)).toBe(true)
    // the pruned state is a valid wallet file
    expect(parseState(JSON.stringify(state)).credentials).toHaveLength(1)
    // a new batch arrives: the keyless one goes
    state.credentials.push(copy(), copy())
    expect(pruneSpentCopies(state, 'once-only', NOW)).toBe(1)
    expect(state.credentials.every((c) => c.holderKey !== undefined && c.shownTo.length === 0)).toBe(true)
  })

  it('per-service: a shown copy is kept (it is presented to that service again); expired copies go under any policy', () => {
    const state: WalletState = { ...emptyState(), credentials: [copy(shown), copy(), copy({ expiresAt: NOW }), copy({ expiresAt: NOW - 1, ...shown })] }
    expect(pruneSpentCopies(state, 'per-service', NOW)).toBe(2)
    expect(state.credentials.map((c) => c.expiresAt)).toEqual([1_000_000, 1_000_000])
    expect(state.credentials[0]?.holderKey).toBeDefined()
  })

  it('types are pruned separately: another issuer\'s spent copy stays while it has no unused one', () => {
    const state: WalletState = { ...emptyState(), credentials: [copy(shown), copy(), copy({ issuer: 'https://other.example', ...shown })] }
    pruneSpentCopies(state, 'once-only', NOW)
    expect(state.credentials.map((c) => c.issuer)).toEqual(['https://issuer.example', 'https://other.example'])
  })

  it('1,100 batches of 10 topped up and spent: the wallet holds at most one batch (plus one keyless copy), far below 10 000', () => {
    const state: WalletState = emptyState()
    let most = 0
    for (let batch = 0; batch < 1_100; batch++) {
      state.credentials.push(...Array.from({ length: 10 }, () => copy({ batchId: `b${batch}` })))
      pruneSpentCopies(state, 'once-only', NOW) // at the top-up
      for (const c of state.credentials) {
        if (c.shownTo.length === 0) {
          c.shownTo.push(shown.shownTo[0] as StoredCredential['shownTo'][number])
          pruneSpentCopies(state, 'once-only', NOW) // at each presentation
        }
      }
      most = Math.max(most, state.credentials.length)
    }
    expect(most).toBeLessThanOrEqual(11)
    expect(state.credentials).toHaveLength(1)
    expect(parseState(JSON.stringify(state)).credentials).toHaveLength(1)
  })
})
