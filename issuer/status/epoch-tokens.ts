// Status epochs (issue 15, revocation without linkage): a list's served token changes only at fixed epoch boundaries,
// so every status change of an epoch is published in the same token, and a person's flips hide among everyone else's.
import { EidError } from '../../shared/errors/index.ts'
import type { ListState } from './list-state.ts'
import { nextSeq, signServedToken } from './token-cache.ts'
import type { ServedToken, TokenCache, TokenCacheOptions } from './token-cache.ts'

interface Entry {
  epoch: number
  promise: Promise<ServedToken>
}

/** The start (epoch seconds) of the status epoch holding `now`. */
export const epochStart = (now: number, epochSeconds: number): number => Math.floor(now / epochSeconds) * epochSeconds

/**
 * One token per list and epoch: issued at the epoch's start (`iat`), `ttl` the epoch's length (so `Cache-Control`
 * max-age runs out at the next boundary), with the statuses `snapshot` reads for that start (the store's
 * `statusEntries(list, asOf)`: changes made during the epoch wait for the next one). The same for every issuer
 * instance and after a restart, since the snapshot comes from the shared store.
 */
export function createEpochTokenCache(o: TokenCacheOptions & { epochSeconds: number; snapshot: (state: ListState, asOf: number) => Promise<Uint8Array> }): TokenCache {
  if (!Number.isSafeInteger(o.epochSeconds) || o.epochSeconds < 1) throw new EidError('invalid_request', 'epochSeconds must be a positive whole number')
  const cache = new Map<string, Entry>()
  return {
    isStale: () => false, // the snapshot reads the store itself
    refresh: () => undefined, // a change waits for the next epoch
    async get(state) {
      const id = state.record.id
      const start = epochStart(o.now(), o.epochSeconds)
      const hit = cache.get(id)
      if (hit && hit.epoch === start) return hit.promise
      const entry: Entry = {
        epoch: start,
        promise: o.snapshot(state, start).then((statuses) => signServedToken(o, id, state.record.bits, statuses, start, o.epochSeconds, nextSeq())),
      }
      entry.promise.catch(() => {
        if (cache.get(id) === entry) cache.delete(id)
      })
      cache.set(id, entry)
      return entry.promise
    },
  }
}
