// Pruning spent SD-JWT copies from the wallet file: a copy that can never be presented again (shown once under the
// once-only policy, or expired) is dropped, so the file stays small however many top-ups run (the file holds at most
// 10 000 copies) and holds no key that will never sign again. What happened stays in the history.
import type { SdJwtPolicy } from './select-credentials.ts'
import type { StoredCredential, WalletState } from './state.ts'

/** Whether `c` can never be presented again under `policy` at `now` (a pruned copy has no holder key). */
export function isSpent(c: StoredCredential, policy: SdJwtPolicy, now: number): boolean {
  return c.holderKey === undefined || (c.expiresAt !== undefined && c.expiresAt <= now) || (policy === 'once-only' && c.shownTo.length > 0)
}

/**
 * Removes spent copies. Of each issuer's credential configuration whose copies are all spent, the newest stays, without
 * its holder key, so the person's card still shows the claims until the next top-up; every other spent copy goes.
 * Returns how many copies were removed.
 */
export function pruneSpentCopies(state: WalletState, policy: SdJwtPolicy, now: number): number {
  const groups = new Map<string, StoredCredential[]>()
  for (const c of state.credentials) {
    const key = `${c.issuer}\n${c.credentialConfigurationId}`
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [c])
    else group.push(c)
  }
  const keep = new Set<StoredCredential>()
  for (const copies of groups.values()) {
    const live = copies.filter((c) => !isSpent(c, policy, now))
    if (live.length > 0) {
      for (const c of live) keep.add(c)
      continue
    }
    const newest = copies.reduce((a, b) => ((b.issuedAt ?? b.receivedAt) > (a.issuedAt ?? a.receivedAt) ? b : a))
    delete newest.holderKey
    keep.add(newest)
  }
  const before = state.credentials.length
  state.credentials = state.credentials.filter((c) => keep.has(c))
  return before - state.credentials.length
}
